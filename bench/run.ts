/**
 * `npm run bench`: runs every benchmark section, prints one table of budgets (budget, measured, holds?) and writes
 * it as JSON to bench/results/latest.json so runs can be compared between commits. Budgets are checked here, in a
 * benchmark, never in timed unit tests. A section that throws is reported as a failed row, not hidden.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSection, BudgetRow } from './types';

const sections: [string, () => Promise<BenchSection>][] = [
  ['store', async () => (await import('./store')).default],
  ['pwa', async () => (await import('./pwa')).pwaBench],
  ['lighthouse', async () => (await import('./lighthouse')).lighthouseBench],
  ['sync', async () => (await import('./sync')).default],
  ['push', async () => (await import('./push')).default],
  ['load', async () => (await import('./load')).default],
  ['load-tenants', async () => (await import('./load')).tenantsLoadBench],
  ['attachments', async () => (await import('./attachments')).default],
  ['signin', async () => (await import('./signin')).default],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: BudgetRow[] = [];
  for (const [name, load] of sections) {
    if (only.length > 0 && !only.includes(name)) continue;
    const started = Date.now();
    try {
      const section = await load();
      rows.push(...(await section()));
    } catch (err) {
      rows.push({
        name: `${name}: section failed`,
        budget: '-',
        measured: null,
        unit: '',
        ok: false,
        note: String(err),
      });
    }
    console.error(`[bench] ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  printTable(rows);
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
  console.log(`\nJSON: ${out}`);
  const failed = rows.filter((r) => !r.ok).length;
  console.log(`${rows.length - failed} budgets met, ${failed} not met`);
}

function printTable(rows: BudgetRow[]): void {
  const cells = rows.map((r) => [
    r.name,
    r.budget,
    r.measured === null ? 'n/a' : `${round(r.measured)} ${r.unit}`.trim(),
    r.ok ? 'yes' : 'NO',
    r.note ?? '',
  ]);
  const head = ['budget', 'limit', 'measured', 'holds', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cells) console.log(line(c));
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10);

await main();
