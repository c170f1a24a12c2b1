/**
 * A push first reads which of its (device, seq) were already processed (idempotency, push.ts). A phone's
 * history grows for as long as it is used: that read must cost what the push asks for, not what the phone ever
 * pushed. Read with EXPLAIN ANALYZE on PostgreSQL, over a device that has pushed 20,000 changes; and the answer
 * itself checked on PostgreSQL and PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedSql, seqRange } from '../../../src/server/sync/push';
import { openFreshPostgres, openPglite, type SuiteDatabase } from './helpers';
import { rowsRead } from './plans';

const TENANT = 'tenant-processed-history';
const USER = 'user-processed-history';
const DEVICE = 'device-processed-history';
const HISTORY = 20_000;
const RECORD = '0190a000-0000-7000-8000-0000000000aa';

/** The seqs of a push: the device's last 50 (a retry of what it already sent) and its next 50. */
const PUSH_SEQS = Array.from({ length: 100 }, (_, i) => HISTORY - 49 + i);

const read = () =>
  [
    processedSql('$1', '$2', '$3', '$4', ['$5', '$6']),
    [TENANT, USER, DEVICE, PUSH_SEQS, ...seqRange(PUSH_SEQS)],
  ] as const;

/** A database holding a phone's 20,000 processed changes, and another phone's of the same person. */
async function withHistory(open: () => Promise<SuiteDatabase>): Promise<SuiteDatabase> {
  const suite = await open();
  // Another phone of the same person, pushing the same seqs: never read as this one's.
  await suite.db.query(
    `INSERT INTO sync_processed (tenant_id, user_id, device_id, seq, record_id, result)
     SELECT $1, $2, 'another-phone', seq, $3, '{"status":"rejected"}' FROM generate_series(1, $4::int) AS seq`,
    [TENANT, USER, RECORD, HISTORY + 100],
  );
  // Statistics taken before this phone's history, as for a phone whose pushes came since the table was last
  // analyzed: PostgreSQL then expects one row of it and checks `= ANY` as a filter, not an index condition.
  await suite.db.query('ANALYZE sync_processed');
  await suite.db.query(
    `INSERT INTO sync_processed (tenant_id, user_id, device_id, seq, record_id, result)
     SELECT $1, $2, $3, seq, $4, jsonb_build_object('status', 'applied', 'n', seq)
     FROM generate_series(1, $5::int) AS seq`,
    [TENANT, USER, DEVICE, RECORD, HISTORY],
  );
  return suite;
}

describe.each([
  ['PostgreSQL', openFreshPostgres],
  ['PGlite', openPglite],
])('the idempotency read of a push, on %s', (_name, open) => {
  let suite: SuiteDatabase;
  beforeAll(async () => {
    suite = await withHistory(open);
  }, 60_000);
  afterAll(async () => {
    await suite?.done();
  });

  it('answers exactly the seqs already processed, with their stored results', async () => {
    const [sql, params] = read();
    const { rows } = await suite.db.query<{ processed: { seq: number; result: { n: number } }[] }>(
      `SELECT (${sql}) AS processed`,
      [...params],
    );
    const seqs = rows[0]!.processed.map((p) => Number(p.seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(PUSH_SEQS.filter((s) => s <= HISTORY));
    expect(rows[0]!.processed.every((p) => p.result.n === Number(p.seq))).toBe(true);
  });
});

// The plan as PostgreSQL, the production database, runs it: for these values, and as the prepared statement the
// server's connections make of it (a generic plan).
describe('the idempotency read of a push, as PostgreSQL plans it', () => {
  let suite: SuiteDatabase;
  beforeAll(async () => {
    suite = await withHistory(openFreshPostgres);
  }, 60_000);
  afterAll(async () => {
    await suite?.done();
  });

  it.each(['custom', 'generic'] as const)(
    'reads only the rows of the seqs asked for, not the 20,000 the phone pushed before (%s plan)',
    async (plan) => {
      const [sql, params] = read();
      const scanned = await rowsRead(suite.db, 'sync_processed', sql, [...params], plan);
      expect(scanned.rows).toBeLessThanOrEqual(PUSH_SEQS.length);
      expect(scanned.indexConditions.join(' ')).toMatch(/seq/);
    },
  );
});
