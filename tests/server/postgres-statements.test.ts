/**
 * How the PostgreSQL pool sends statements (src/server/db/postgres.ts): one with parameters is prepared once per
 * connection, under a name, so PostgreSQL neither parses nor (once its generic plan proves as cheap) plans it
 * again; without parameters (a migration's several statements) it is sent as is; and with
 * DATABASE_PREPARED_STATEMENTS=false, for a pooler that does not pass named statements, nothing is prepared.
 * PostgreSQL only: PGlite runs in the process and has no connections to prepare on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/index';
import { openTestDatabase, type TestDatabase } from './support/databases';

describe('statements on PostgreSQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const sql = `select $1::text as label, 'prepared-probe' as probe`;

  it('prepares a statement with parameters once per connection, and runs one without as sent', async () => {
    const seen = await t.db.transaction(async (tx) => {
      await tx.query(sql, ['satu']);
      await tx.query(sql, ['dua']);
      return tx.query<{ name: string; n: number }>(
        `select name, count(*) over ()::int as n from pg_prepared_statements where statement = $1`,
        [sql],
      );
    });
    expect(seen.rows).toEqual([{ name: expect.stringMatching(/^rintis_\d+$/), n: 1 }]);
    const { rows } = await t.db.query(`create temporary table probe_a (x int); select 3 as n`);
    expect(rows).toEqual([{ n: 3 }]);
  });

  it('prepares nothing with DATABASE_PREPARED_STATEMENTS=false', async () => {
    const unprepared = await openDatabase({
      dataDir: 'unused',
      databaseUrl: t.url,
      databasePreparedStatements: false,
    });
    try {
      const none = await unprepared.transaction(async (tx) => {
        const answer = await tx.query<{ label: string }>(sql, ['tiga']);
        const prepared = await tx.query(`select name from pg_prepared_statements`);
        return { answer: answer.rows, prepared: prepared.rows };
      });
      expect(none).toEqual({ answer: [{ label: 'tiga', probe: 'prepared-probe' }], prepared: [] });
    } finally {
      await unprepared.close();
    }
  });
});
