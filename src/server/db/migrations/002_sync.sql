-- Sync record store (see docs/sync.md).
-- One global sequence gives every applied change its version. Writers take pg_advisory_xact_lock before drawing
-- from it, so versions become visible in order and a pull cursor (highest version seen) never skips a late commit.
CREATE SEQUENCE sync_version_seq;

-- Current state of every synced record.
CREATE TABLE sync_records (
  id uuid PRIMARY KEY,
  tenant_id text NOT NULL,
  kind text NOT NULL,
  body jsonb NOT NULL,
  -- path -> server version of its last write
  field_versions jsonb NOT NULL,
  -- path -> device id of its last write (a device's own consecutive edits fast-forward)
  field_devices jsonb NOT NULL,
  version bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  -- derived: session.unitIds, draft/checklist unitId, conflict -> its record's units; unit/person: empty
  unit_ids text[] NOT NULL DEFAULT '{}',
  created_by text NOT NULL,
  updated_by text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX sync_records_tenant_version ON sync_records (tenant_id, version);
CREATE INDEX sync_records_unit_ids ON sync_records USING gin (unit_ids);

-- Every applied path value: the base of a later three-way merge is read from here.
CREATE TABLE sync_changes (
  record_id uuid NOT NULL,
  path text NOT NULL,
  version bigint NOT NULL,
  value jsonb,
  device_id text NOT NULL,
  user_id text NOT NULL,
  PRIMARY KEY (record_id, path, version)
);

-- Processed (device, seq): a repeated change is answered from here and never applied twice.
CREATE TABLE sync_processed (
  user_id text NOT NULL,
  device_id text NOT NULL,
  seq integer NOT NULL,
  record_id uuid NOT NULL,
  result jsonb NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, device_id, seq)
);
