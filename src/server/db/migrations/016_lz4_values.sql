-- Record bodies, their path maps and the change log's values compressed with lz4 where the server has it
-- (PostgreSQL 14+ built with lz4, as Debian's and the official images are). A session's row is about 3.5 KB, over
-- the 2 KB at which PostgreSQL compresses: with its default (pglz) compressing each written row was 18 % of
-- PostgreSQL's CPU in the push bench, and lz4 cut its CPU per 100-change push by about a sixth (docs/scale.md).
-- Only values written from now on are compressed this way; older ones stay readable as they are. PGlite has no
-- lz4, and keeps pglz.
DO $$
BEGIN
  IF 'lz4' = ANY (SELECT unnest(enumvals) FROM pg_settings WHERE name = 'default_toast_compression') THEN
    ALTER TABLE sync_records ALTER COLUMN body SET COMPRESSION lz4,
      ALTER COLUMN field_versions SET COMPRESSION lz4, ALTER COLUMN field_devices SET COMPRESSION lz4;
    ALTER TABLE sync_changes ALTER COLUMN value SET COMPRESSION lz4, ALTER COLUMN submitted SET COMPRESSION lz4;
    ALTER TABLE sync_processed ALTER COLUMN result SET COMPRESSION lz4;
  END IF;
END
$$;
