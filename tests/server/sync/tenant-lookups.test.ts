/**
 * The reads every push and pull makes of its tenant's records (lookups.ts) cost what they ask for, even for a
 * tenant PostgreSQL's statistics do not know yet (its records came after the table was last analyzed): its
 * highest version is one index step, and records by id are each one key lookup. The plans are read with EXPLAIN
 * ANALYZE on PostgreSQL; the answers are checked on PostgreSQL and PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsByIdSql, tenantTopVersionSql } from '../../../src/server/sync/lookups';
import { openFreshPostgres, openPglite, type SuiteDatabase } from './helpers';
import { mergedTargetsSql } from '../../../src/server/sync/mergedUnits';
import { rowsRead, type PlanKind } from './plans';

const KNOWN = 'tenant-analyzed';
const NEW = 'tenant-after-analyze';
const RECORDS = 5_000;
const OTHER_TENANTS_ID = '0190a000-0000-7000-8000-0000000000ee';

async function insertSessions(suite: SuiteDatabase, tenant: string, count: number): Promise<void> {
  await suite.db.query(
    `INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted,
       unit_ids, created_by, updated_by, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'session', jsonb_build_object('notes', 'Catatan ' || n), '{}', '{}', n, false,
       CASE WHEN n % 2 = 0 THEN '{unit-a}'::text[] ELSE '{unit-b}'::text[] END, 'u', 'u', 0, 0
     FROM generate_series(1, $2::int) AS n`,
    [tenant, count],
  );
}

/** A tenant the statistics know, analyzed; then a tenant whose records all came after. */
async function withStaleStatistics(open: () => Promise<SuiteDatabase>): Promise<SuiteDatabase> {
  const suite = await open();
  await insertSessions(suite, KNOWN, 200);
  await suite.db.query(`UPDATE sync_records SET id = $1 WHERE tenant_id = $2 AND version = 1`, [
    OTHER_TENANTS_ID,
    KNOWN,
  ]);
  await suite.db.query('ANALYZE sync_records');
  await insertSessions(suite, NEW, RECORDS);
  await insertUnits(suite);
  return suite;
}

/** Units of the new tenant: A was merged into B, B later into C; D never was. */
const [UNIT_A, UNIT_B, UNIT_C, UNIT_D] = ['a', 'b', 'c', 'd'].map(
  (n) => `0190a000-0000-7000-8000-00000000000${n}`,
);

async function insertUnits(suite: SuiteDatabase): Promise<void> {
  await suite.db.query(
    `INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted,
       unit_ids, created_by, updated_by, created_at, updated_at)
     SELECT u.id::uuid, $1, 'unit', u.body::jsonb, '{}', '{}', $2::int + u.n, false, '{}', 'u', 'u', 0, 0
     FROM (VALUES (1, $3, $7), (2, $4, $8), (3, $5, '{"name": "Puskesmas C"}'), (4, $6, '{"name": "Puskesmas D"}'))
       AS u(n, id, body)`,
    [
      NEW,
      RECORDS,
      UNIT_A,
      UNIT_B,
      UNIT_C,
      UNIT_D,
      JSON.stringify({ name: 'Puskesmas A', archived: true, mergedInto: UNIT_B }),
      JSON.stringify({ name: 'Puskesmas B', archived: true, mergedInto: UNIT_C }),
    ],
  );
}

/** The push's read of where named units were merged (`$1` the tenant, `$2` the units). */
const mergedSql = (() => {
  const merges = mergedTargetsSql('$1', '$2');
  return `WITH RECURSIVE ${merges.chain} SELECT ${merges.targets} AS merged`;
})();

async function someIds(suite: SuiteDatabase, count: number): Promise<string[]> {
  const { rows } = await suite.db.query<{ id: string }>(
    `SELECT id::text AS id FROM sync_records WHERE tenant_id = $1 ORDER BY version % 97, version LIMIT $2`,
    [NEW, count],
  );
  return rows.map((r) => r.id);
}

describe.each([
  ['PostgreSQL', openFreshPostgres],
  ['PGlite', openPglite],
])('tenant lookups on %s', (_name, open) => {
  let suite: SuiteDatabase;
  beforeAll(async () => {
    suite = await withStaleStatistics(open);
  }, 60_000);
  afterAll(async () => {
    await suite?.done();
  });

  it("reads the tenant's highest version, and null for a tenant with no records", async () => {
    const { rows } = await suite.db.query<{ top: string | null; none: string | null }>(
      `SELECT ${tenantTopVersionSql('$1')} AS top, ${tenantTopVersionSql('$2')} AS none`,
      [NEW, 'tenant-without-records'],
    );
    expect({ top: Number(rows[0]!.top), none: rows[0]!.none }).toEqual({ top: RECORDS + 4, none: null });
  });

  it("reads each asked record of the tenant once, in id order, and none of another tenant's", async () => {
    const ids = await someIds(suite, 100);
    const asked = [...ids, ids[0]!, ids[1]!, OTHER_TENANTS_ID];
    const { rows } = await suite.db.query<{ id: string }>(
      `SELECT s.id::text AS id FROM ${recordsByIdSql('$1', '$2', 's', { columns: 'id', lock: true })}`,
      [NEW, asked],
    );
    expect(rows.map((r) => r.id)).toEqual([...ids].sort());
  });

  it('maps a merged unit to the end of its chain of merges, and leaves a unit never merged out', async () => {
    const { rows } = await suite.db.query<{ merged: { id: string; target: string }[] | null }>(mergedSql, [
      NEW,
      [UNIT_A, UNIT_B, UNIT_D],
    ]);
    const merged = rows[0]!.merged ?? [];
    expect(merged.sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      { id: UNIT_A, target: UNIT_C },
      { id: UNIT_B, target: UNIT_C },
    ]);
    const none = await suite.db.query<{ merged: unknown }>(mergedSql, [NEW, [UNIT_D]]);
    expect(none.rows[0]!.merged).toBeNull();
  });

  it('applies the further condition to each row', async () => {
    const ids = await someIds(suite, 100);
    const { rows } = await suite.db.query<{ id: string; unit_ids: string[] }>(
      `SELECT s.id::text AS id, s.unit_ids FROM ${recordsByIdSql('$1', '$2', 's', { where: 'unit_ids && $3::text[]' })}`,
      [NEW, ids, ['unit-a']],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(ids.length);
    expect(rows.every((r) => r.unit_ids.includes('unit-a'))).toBe(true);
  });
});

// The plans as PostgreSQL, the production database, runs them: for these values, and as the prepared statements
// the server's connections make of them (generic plans, planned for any tenant).
const PLANS = ['custom', 'generic'] as const;

describe('tenant lookups, as PostgreSQL plans them for a tenant its statistics do not know', () => {
  let suite: SuiteDatabase;
  beforeAll(async () => {
    suite = await withStaleStatistics(openFreshPostgres);
  }, 60_000);
  afterAll(async () => {
    await suite?.done();
  });

  const rowsTouched = async (sql: string, params: unknown[], plan: PlanKind): Promise<number> =>
    (await rowsRead(suite.db, 'sync_records', sql, params, plan)).rows;

  it.each(PLANS)(
    'finds the highest version in one index step, not by reading the 5,000 records (%s plan)',
    async (plan) => {
      expect(await rowsTouched(`SELECT ${tenantTopVersionSql('$1')}`, [NEW], plan)).toBe(1);
    },
  );

  it.each(PLANS)('finds 100 records by id in 100 key lookups, locked or not (%s plan)', async (plan) => {
    const ids = await someIds(suite, 100);
    for (const lock of [false, true]) {
      const sql = `SELECT s.id FROM ${recordsByIdSql('$1', '$2', 's', { lock })}`;
      expect(await rowsTouched(sql, [NEW, ids], plan)).toBe(100);
    }
  });

  it.each(PLANS)(
    'follows merged units one key lookup a step, and reads one row for a unit never merged (%s plan)',
    async (plan) => {
      expect(await rowsTouched(mergedSql, [NEW, [UNIT_A, UNIT_D]], plan)).toBeLessThanOrEqual(4);
      expect(await rowsTouched(mergedSql, [NEW, [UNIT_D]], plan)).toBe(1);
    },
  );
});
