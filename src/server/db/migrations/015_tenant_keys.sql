-- Every table of tenant data keyed by its tenant first, so the store can be distributed by tenant (Citus, or
-- tenants placed on separate PostgreSQL clusters: docs/scale.md), and every query of it filters by tenant. The
-- tables that stay keyed otherwise are listed, with why, in tests/server/sync/tenants-suite.ts (GLOBAL_TABLES).

-- Records: ids are unique within a tenant (a record id sent by another tenant's phone names another record).
-- The constraint keeps its name: a push that meets a row created meanwhile recognises it by name (push.ts).
ALTER TABLE sync_records DROP CONSTRAINT sync_records_pkey;
ALTER TABLE sync_records ADD CONSTRAINT sync_records_pkey PRIMARY KEY (tenant_id, id);
-- (tenant_id, version) already indexes the pull; (tenant_id, id) now the lookups by id.

-- The change log: a record id names a record only within its tenant.
ALTER TABLE sync_changes ADD COLUMN tenant_id text;
UPDATE sync_changes c SET tenant_id = r.tenant_id FROM sync_records r WHERE r.id = c.record_id;
-- Entries of no record cannot be reached by any query (every read starts from a record of the tenant).
DELETE FROM sync_changes WHERE tenant_id IS NULL;
ALTER TABLE sync_changes ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE sync_changes DROP CONSTRAINT sync_changes_pkey;
ALTER TABLE sync_changes ADD CONSTRAINT sync_changes_pkey PRIMARY KEY (tenant_id, record_id, path, version);

-- Idempotency rows: an account belongs to one tenant.
ALTER TABLE sync_processed ADD COLUMN tenant_id text;
UPDATE sync_processed p SET tenant_id = u.tenant_id FROM users u WHERE u.id = p.user_id;
-- Rows of no account: no push can ever ask for them again (a push is made by an account).
DELETE FROM sync_processed WHERE tenant_id IS NULL;
ALTER TABLE sync_processed ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE sync_processed DROP CONSTRAINT sync_processed_pkey;
ALTER TABLE sync_processed ADD CONSTRAINT sync_processed_pkey PRIMARY KEY (tenant_id, user_id, device_id, seq);

-- Uploads: their ids are made by the server (uuidv7), so no two collide; the key leads with the tenant like the rest.
ALTER TABLE file_uploads DROP CONSTRAINT file_uploads_pkey;
ALTER TABLE file_uploads ADD CONSTRAINT file_uploads_pkey PRIMARY KEY (tenant_id, id);
