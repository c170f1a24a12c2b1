/**
 * How the PostgreSQL pool sends statements (src/server/db/postgres.ts): one with parameters is prepared once per
 * connection, under a name, so PostgreSQL neither parses nor (once its generic plan proves as cheap) plans it
 * again; without parameters (a migration's several statements) it is sent as is; and with
 * DATABASE_PREPARED_STATEMENTS=false, for a pooler that does not pass named statements, nothing is prepared. And a
 * transaction's last statement can go out with its COMMIT (`finish`).
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

  it('sends a last statement with its COMMIT: all of it commits, or none when it fails; nothing may follow', async () => {
    await t.db.query(`create table finish_probe (n int primary key)`);
    const committed = await t.db.transaction(async (tx) => {
      await tx.query(`insert into finish_probe values ($1)`, [1]);
      return tx.finish!<{ n: number }>(`insert into finish_probe values ($1) returning n`, [2]);
    });
    expect(committed.rows).toEqual([{ n: 2 }]);

    const failed = t.db.transaction(async (tx) => {
      await tx.query(`insert into finish_probe values ($1)`, [3]);
      return tx.finish!(`insert into finish_probe values ($1)`, [1]);
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });

    const after = t.db.transaction(async (tx) => {
      await tx.finish!(`insert into finish_probe values ($1)`, [4]);
      return tx.query(`select 1`);
    });
    await expect(after).rejects.toThrow(/already committed/);
    const { rows } = await t.db.query<{ n: number }>(`select n from finish_probe order by n`);
    expect(rows.map((r) => r.n)).toEqual([1, 2, 4]);
  });
});
