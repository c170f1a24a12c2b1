-- Review loop: when each applied change reached the server, for a draft's history ("who changed what and when").
-- Rows written before this migration keep NULL (time unknown) rather than the time of the migration.
ALTER TABLE sync_changes ADD COLUMN changed_at timestamptz;
ALTER TABLE sync_changes ALTER COLUMN changed_at SET DEFAULT now();
