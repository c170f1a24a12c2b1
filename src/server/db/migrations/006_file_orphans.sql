-- Orphan file cleanup (issue #6; see docs/operations.md, "Attachments: orphan cleanup"). A stored file that no live
-- attachment record of its tenant references is removed once it has been so for FILE_ORPHAN_DAYS. The cleanup
-- stamps when it first finds a file unreferenced, and clears the stamp when a record references it again; a new
-- file starts stamped (its record may never sync), and files already stored count from this migration.
ALTER TABLE file_blobs ADD COLUMN unreferenced_since timestamptz DEFAULT now();
CREATE INDEX file_blobs_unreferenced ON file_blobs (unreferenced_since) WHERE unreferenced_since IS NOT NULL;
