/**
 * Two server processes on one PostgreSQL: two app instances, each with its own connection pool, every request of
 * every device going to either one at random, syncs running at the same time. The convergence invariants must
 * hold (no edit lost, none applied twice, every replica equal to the server), and a pull cursor must never skip a
 * change that committed late.
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
