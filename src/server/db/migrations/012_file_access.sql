-- Attachments, issue #17 (see src/server/README.md, "Attachments"). A download needs a stored upload of the
-- content to the attachment's parent or by the record's creator (files/repository.ts, downloadName), and a user
-- may have only so many uploads arriving at once (reserveUpload): both looked up by these indexes.
CREATE INDEX file_uploads_stored ON file_uploads (tenant_id, sha256) WHERE status = 'stored';
CREATE INDEX file_uploads_receiving_user ON file_uploads (user_id, created_at) WHERE status = 'receiving';
