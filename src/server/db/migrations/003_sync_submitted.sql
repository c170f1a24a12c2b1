-- The value a device SENT for a path when the server wrote something else (a merge). That device's next edit of
-- the path was made on top of what it sent, so its three-way merge must use that as the base, not the merged
-- text (which would make the merge drop the other side's words). NULL: the same as `value`.
ALTER TABLE sync_changes ADD COLUMN submitted jsonb;
