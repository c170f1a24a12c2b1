-- Every account is a person of its tenant (see src/server/accounts/people.ts): its person record has the
-- account's user id as its id. From now on the server writes it whenever an account changes; this gives accounts
-- made before their record, versioned and logged like any server write (device 'server'), so phones pull them.
-- A disabled account's record is a tombstone.
SELECT pg_advisory_xact_lock(74510001);

WITH people AS MATERIALIZED (
  SELECT u.id::uuid AS id, u.tenant_id, u.disabled AS deleted,
    nextval('sync_version_seq') AS version,
    jsonb_build_object('name', u.name, 'role', u.role, 'unitIds', to_jsonb(u.unit_ids), 'demo', false,
      'hasAccount', true, 'position', '') AS body,
    (extract(epoch FROM now()) * 1000)::bigint AS at
  FROM users u
  WHERE u.id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    AND NOT EXISTS (SELECT 1 FROM sync_records r WHERE r.id::text = u.id)
), paths AS (
  SELECT p.id, p.version, kv.key AS path, kv.value
  FROM people p, jsonb_each(p.body || jsonb_build_object('deleted', p.deleted)) AS kv
), records AS (
  INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted, unit_ids,
    created_by, updated_by, created_at, updated_at)
  SELECT p.id, p.tenant_id, 'person', p.body,
    (SELECT jsonb_object_agg(x.path, x.version) FROM paths x WHERE x.id = p.id),
    (SELECT jsonb_object_agg(x.path, 'server') FROM paths x WHERE x.id = p.id),
    p.version, p.deleted, '{}', 'server', 'server', p.at, p.at
  FROM people p
)
INSERT INTO sync_changes (record_id, path, version, value, device_id, user_id)
SELECT id, path, version, value, 'server', 'server' FROM paths;
