/**
 * Lighthouse 12, mobile preset (its default: Moto G Power screen, slow 4G, 4x CPU), on the built app served by
 * the real server, in Debian's Chromium (CHROME_PATH). Budgets (issue 3): performance >= 95, accessibility 100,
 * best practices 100. `lighthouseBench` is a BenchSection for bench/run.ts; `tsx bench/lighthouse.ts` runs it alone.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { BudgetRow } from './types';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, startServer } from '../tests/e2e/fixture';

const BUDGETS = [
  ['performance', 95],
  ['accessibility', 100],
  ['best-practices', 100],
] as const;

export async function lighthouseBench(): Promise<BudgetRow[]> {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'sw.js'))) throw new Error('dist/sw.js missing: run `vite build` first');
  const server = await startServer({ staticDir: dist });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const result = await lighthouse(`${server.url}/`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: BUDGETS.map(([c]) => c),
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { categories, audits } = result.lhr;
    return BUDGETS.map(([id, budget]) => {
      const score = Math.round((categories[id]?.score ?? 0) * 100);
      // Name what cost points, so a failing row says what to fix.
      const failing = (categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => ref.id);
      return {
        name: `#3 Lighthouse ${id} (mobile)`,
        budget: budget === 100 ? '= 100' : `>= ${budget}`,
        measured: score,
        unit: '',
        ok: score >= budget,
        ...(failing.length > 0 ? { note: failing.join(', ') } : {}),
      };
    });
  } finally {
    chrome.kill();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await lighthouseBench()) {
    console.log(`${r.ok ? 'ok  ' : 'LOW '} ${r.name}: ${r.measured} (${r.budget}) ${r.note ?? ''}`);
  }
}
