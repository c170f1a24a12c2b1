/**
 * Two server processes on one PostgreSQL: two app instances, each with its own connection pool, every request of
 * every device going to either one at random, syncs running at the same time. The convergence invariants must
 * hold (no edit lost, none applied twice, every replica equal to the server), and a pull cursor must never skip a
 * change that committed late, in any tenant (each has its own version sequence and writers' lock).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/db/types';
import { CAST, freshPostgres, postgresDatabase, seedUsers, syncApp, UNIT_A } from './helpers';
import { Device, draftBody, pull, push } from './fixtures';
import { runScenario } from '../../integration/sync/convergence';

describe('two server processes on one PostgreSQL', () => {
  let first: Database;
  let second: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshPostgres();
    drop = fresh.drop;
    first = await postgresDatabase(fresh.url);
    second = await postgresDatabase(fresh.url, false);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await drop();
  });

  it('never lets a pull cursor skip a change committed late by the other process', async () => {
    const { tokens } = await seedUsers(first, CAST);
    const apps = [syncApp(first, tokens), syncApp(second, tokens)];
    const writers = Array.from({ length: 6 }, (_, i) => new Device(`phone-race-${i}`, 'innoA'));
    let cursor = 0;
    const seen = new Set<string>();
    const created: string[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const page = await pull(apps[seen.size % 2]!, 'coord', cursor);
        for (const r of page.records) seen.add(r.id);
        cursor = page.cursor;
      }
    })();
    await Promise.all(
      writers.map(async (w, i) => {
        for (let n = 0; n < 15; n++) {
          const change = w.create(draftBody(UNIT_A, { title: `w${i} n${n}` }));
          created.push(change.recordId);
          await push(apps[(i + n) % 2]!, 'innoA', [change]);
        }
      }),
    );
    writing = false;
    await reader;
    for (;;) {
      const page = await pull(apps[0]!, 'coord', cursor);
      for (const r of page.records) seen.add(r.id);
      cursor = page.cursor;
      if (page.records.length === 0) break;
    }
    expect(created.filter((id) => !seen.has(id))).toEqual([]);
  });

  it('never lets a pull cursor skip a change committed late, in each of two tenants writing at once', async () => {
    const { tokens } = await seedUsers(first, CAST);
    const apps = [syncApp(first, tokens), syncApp(second, tokens)];
    // Coordinators of two tenants write and read; each reader must see all of its tenant's records and no other.
    const tenants = [
      { token: 'coord', unit: UNIT_A as string | null },
      { token: 'other', unit: null },
    ];
    const created = tenants.map(() => [] as string[]);
    const seen = tenants.map(() => new Set<string>());
    const cursors = tenants.map(() => 0);
    let writing = true;
    const read = async (t: number, app: number) => {
      const page = await pull(apps[app % 2]!, tenants[t]!.token, cursors[t]!);
      for (const r of page.records) seen[t]!.add(r.id);
      cursors[t] = page.cursor;
      return page.records.length;
    };
    const readers = tenants.map(async (_, t) => {
      for (let n = 0; writing; n++) await read(t, n + t);
    });
    await Promise.all(
      tenants.flatMap(({ token, unit }, t) =>
        Array.from({ length: 4 }, async (_, i) => {
          const w = new Device(`phone-t${t}-race-${i}`, token);
          for (let n = 0; n < 12; n++) {
            const change = w.create(draftBody(unit, { title: `t${t} w${i} n${n}` }));
            created[t]!.push(change.recordId);
            await push(apps[(i + n + t) % 2]!, token, [change]);
          }
        }),
      ),
    );
    writing = false;
    await Promise.all(readers);
    for (let t = 0; t < tenants.length; t++) while ((await read(t, 0)) > 0);
    for (let t = 0; t < tenants.length; t++) {
      expect(created[t]!.filter((id) => !seen[t]!.has(id))).toEqual([]);
      const others = new Set(created[1 - t]);
      expect([...seen[t]!].filter((id) => others.has(id))).toEqual([]);
    }
  });

  it('keeps the convergence invariants with devices alternating between the two', async () => {
    const runs = Number(process.env.FUZZ_TWO_SERVER_RUNS ?? 12);
    const start = Number(process.env.FUZZ_START ?? Date.now() % 1_000_000);
    console.log(
      `[fuzz two servers] seeds ${start}..${start + runs - 1} (replay with FUZZ_START=<seed> FUZZ_TWO_SERVER_RUNS=1)`,
    );
    for (let seed = start; seed < start + runs; seed++) {
      const report = await runScenario({ seed, servers: [first, second] });
      expect(report.syncs).toBeGreaterThan(0);
    }
  }, 300_000);
});
