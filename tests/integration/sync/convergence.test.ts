/**
 * Randomized convergence on PGlite. Prints its seeds; replay one with FUZZ_SEED=<n>. FUZZ_RUNS sets how many
 * seeds run (default 200 here, 5000 with `npm run fuzz`), FUZZ_START the first seed.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/db/types';
import { pgliteDatabase } from '../../server/sync/helpers';
import { runScenario, type ScenarioReport } from './convergence';

const single = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : null;
const runs = single !== null ? 1 : Number(process.env.FUZZ_RUNS ?? 200);
const start = single ?? Number(process.env.FUZZ_START ?? Date.now() % 1_000_000);

describe('convergence under a faulty network (PGlite)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await pgliteDatabase();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it(`${runs} seeds from ${start} converge with no edit lost or applied twice`, async () => {
    console.log(`[fuzz] seeds ${start}..${start + runs - 1} (replay one with FUZZ_SEED=<seed>)`);
    const totals: Record<string, number> = { edits: 0, syncs: 0, conflicts: 0 };
    const faults: Record<string, number> = {};
    for (let seed = start; seed < start + runs; seed++) {
      let report: ScenarioReport;
      try {
        report = await runScenario({ seed, servers: [db] });
      } catch (err) {
        console.log(`[fuzz] FAILED seed ${seed}: replay with FUZZ_SEED=${seed}`);
        throw err;
      }
      totals.edits! += report.edits;
      totals.syncs! += report.syncs;
      totals.conflicts! += report.conflicts;
      for (const [k, v] of Object.entries(report.faults)) faults[k] = (faults[k] ?? 0) + v;
    }
    console.log(`[fuzz] ${runs} seeds ok: ${JSON.stringify(totals)} faults ${JSON.stringify(faults)}`);
    expect(totals.edits).toBeGreaterThan(0);
  }, 3_600_000);
});
