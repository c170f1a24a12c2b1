-- A push's one write statement (src/server/sync/batch.ts) fails, rather than reports, when a record it updates
-- is no longer the version it read (a compare-and-set miss): the COMMIT is sent right behind that statement
-- without waiting for its answer (one round trip less, inside the tenant's writers' lock), so a miss must abort
-- the transaction, not let it commit part of a push. The push then runs again (SQLSTATE RW001).
CREATE FUNCTION sync_batch_written(updated bigint, expected bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
  IF updated <> expected THEN
    RAISE EXCEPTION 'a record changed during the push: % of % updates found their row', updated, expected
      USING ERRCODE = 'RW001';
  END IF;
  RETURN updated;
END
$$;
