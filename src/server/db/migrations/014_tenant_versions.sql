-- Versions are drawn per tenant (src/server/sync/versions.ts): each tenant's last version is a row here, advanced
-- under the tenant's writers' lock, where one global sequence under one global lock ordered every tenant's pushes.
-- A pull cursor is a version of one tenant, at most that tenant's highest version, so each tenant goes on from
-- its own highest version: every version drawn from now on is above every cursor handed out.
CREATE TABLE tenant_versions (
  tenant_id text PRIMARY KEY,
  last bigint NOT NULL CHECK (last >= 0)
);

-- The old global writers' lock (a single key): a process still running the old code holds it while it draws from
-- the sequence and until it commits, so the seed below sees every version it drew.
SELECT pg_advisory_xact_lock(74510001);

INSERT INTO tenant_versions (tenant_id, last)
SELECT tenant_id, max(version) FROM sync_records GROUP BY tenant_id;

-- Gone, so that a process still running the old code fails loudly instead of drawing versions out of a tenant's
-- order (it must be stopped before this release starts: see docs/scale.md).
DROP SEQUENCE sync_version_seq;
