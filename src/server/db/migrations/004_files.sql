-- Attachments (issue #6; see src/server/README.md, "Attachments"). The bytes live outside the database in a
-- content-addressed store (FILE_DIR by default); these tables say what is stored and what is arriving.

-- One row per file a tenant holds: the content address (tenant_id, sha256), so the same file is kept once.
-- A tenant's usage is the sum of `size` here (plus the uploads still arriving, see file_uploads).
CREATE TABLE file_blobs (
  tenant_id text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  -- the type sniffed from the content (never the name's), served as Content-Type
  mime text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sha256)
);

-- Every tus upload: who sends it, what it announced, and where it stands. 'receiving' rows younger than the
-- upload expiry reserve their size against the quota, so two uploads at once cannot both squeeze under it.
CREATE TABLE file_uploads (
  id uuid PRIMARY KEY,
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  filename text NOT NULL,
  declared_type text NOT NULL,
  parent_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('receiving', 'stored', 'rejected', 'expired')),
  -- for 'rejected': the error code answered (checksum-mismatch, unsupported-type)
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX file_uploads_receiving ON file_uploads (tenant_id, created_at) WHERE status = 'receiving';

-- Attachment records by content, for the access check of a download.
CREATE INDEX sync_records_attachment_sha256 ON sync_records (tenant_id, (body ->> 'sha256'))
  WHERE kind = 'attachment';
