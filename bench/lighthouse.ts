/**
 * Lighthouse 12, mobile preset (its default: Moto G Power screen, slow 4G, 4x CPU), on the built app served by
 * the real server, in Debian's Chromium (CHROME_PATH). Budgets (issues 3 and 14): performance >= 95 and
 * accessibility 100 on home, a draft and a session; best practices 100.
 *
 * The draft and the session are records on the phone: before measuring, a guest creates them through the app in
 * the same browser (a draft with its title and first section, a session). Each run then starts cold except for
 * that local data: the service worker, its caches and the HTTP cache are cleared, IndexedDB and localStorage are
 * kept (Lighthouse's own storage reset is off, or it would delete the records). The machine is often busy, so
 * each page is measured `LIGHTHOUSE_RUNS` times (default 5) and the row gives the median, with min and max.
 *
 * `lighthouseBench` is a BenchSection for bench/run.ts; `tsx bench/lighthouse.ts` runs it alone
 * (`LIGHTHOUSE_PAGES=home,draft` to measure only some pages).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium, type Browser } from 'playwright-core';
import type { BudgetRow } from './types';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, disableFeaturesSwitch, startServer } from '../tests/e2e/fixture';
import { DraftPage, DraftsPage } from '../tests/e2e/pages';

const BUDGETS = [
  ['performance', 95],
  ['accessibility', 100],
  ['best-practices', 100],
] as const;
type Category = (typeof BUDGETS)[number][0];

/** chrome-launcher's own --disable-features list: one switch must carry it and ours (Chromium keeps the last). */
function launcherDisabledFeatures(): string[] {
  const flag = chromeLauncher.Launcher.defaultFlags().find((f) => f.startsWith('--disable-features='));
  return flag ? flag.slice('--disable-features='.length).split(',') : [];
}
const PAGES = ['home', 'draft', 'session'] as const;
type PageName = (typeof PAGES)[number];

/** The performance metrics behind the score (ms, except CLS): what a failing row should be read by. */
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['speed-index', 'SI'],
  ['cumulative-layout-shift', 'CLS'],
] as const;

interface RunResult {
  scores: Record<Category, number>;
  /** Audits that cost points, per category. */
  failing: Record<Category, string[]>;
  metrics: Record<(typeof METRICS)[number][1], number>;
}

/** Median, min and max of a list of scores. */
export function spread(values: readonly number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

/** Creates a draft and a session as the guest, through the app; returns the pages' paths. */
export async function seed(browser: Browser, url: string): Promise<Record<PageName, string>> {
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = await context.newPage();
  try {
    const drafts = new DraftsPage(page, url);
    await drafts.open();
    const draftId = await drafts.create('Antrean daring puskesmas');
    const draft = new DraftPage(page, url);
    await draft.firstSection.fill(
      'Warga menunggu berjam-jam di loket pendaftaran. Dengan antrean daring, mereka datang pada jam yang dipilih.',
    );
    await draft.saved();

    await page.goto(`${url}/sesi/baru`);
    const created = /\/sesi\/(?!baru$)[^/]+$/;
    await page.waitForURL(created, { timeout: 10_000 }).catch(async () => {
      // A new session that asks for its first input before it is kept: give it a place.
      await page.getByLabel('Tempat', { exact: false }).first().fill('Balai Desa Mawar');
      await page.keyboard.press('Tab');
      await page.waitForURL(created, { timeout: 20_000 });
    });
    const sessionPath = new URL(page.url()).pathname;
    const place = page.getByLabel('Tempat', { exact: false }).first();
    if ((await place.count()) > 0 && (await place.inputValue()) === '') {
      await place.fill('Balai Desa Mawar');
      await draft.saved();
    }
    return { home: '/', draft: `/rancangan/${encodeURIComponent(draftId)}`, session: sessionPath };
  } finally {
    await page.close();
  }
}

/** Back to a cold start that keeps the phone's records: no service worker, no caches, IndexedDB kept. */
export async function coldButSeeded(browser: Browser, origin: string): Promise<void> {
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'service_workers,cache_storage' });
    await cdp.send('Network.clearBrowserCache');
  } finally {
    await page.close();
  }
}

/** After a cold start, the draft and the session still open from the phone's records (else the figures lie). */
async function checkSeeded(browser: Browser, url: string, paths: Record<PageName, string>): Promise<void> {
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = await context.newPage();
  try {
    await page.goto(`${url}${paths.draft}`);
    // The draft opens at its writing; its title is the heading (the title field is in the "Data" tab).
    await page
      .getByRole('heading', { level: 1, name: 'Antrean daring puskesmas' })
      .waitFor({ timeout: 30_000 })
      .catch(() => {
        throw new Error('seeded draft missing');
      });
    await page.goto(`${url}${paths.session}`);
    await page.getByLabel('Tempat', { exact: false }).first().waitFor({ timeout: 30_000 });
  } finally {
    await page.close();
  }
}

class RetryableRun extends Error {}

/** Measures again (up to twice) when Lighthouse's trace broke, so such a run never counts as a 0. */
async function measureWithRetry(port: number, url: string, reset: () => Promise<void>): Promise<RunResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await measure(port, url);
    } catch (err) {
      if (!(err instanceof RetryableRun) || attempt >= 3) throw err;
      await reset();
    }
  }
}

async function measure(port: number, url: string): Promise<RunResult> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: BUDGETS.map(([c]) => c),
    // The records seeded above live in IndexedDB: Lighthouse must not wipe them (coldButSeeded clears the rest).
    disableStorageReset: true,
  });
  if (!result) throw new Error('Lighthouse returned no result');
  // A run whose trace broke (NO_NAVSTART on a busy machine) scores 0 without measuring anything: not a figure.
  if (result.lhr.runtimeError) throw new RetryableRun(result.lhr.runtimeError.code);
  // LIGHTHOUSE_SAVE=dir keeps each run's full report, to read what a low score is made of.
  const saveDir = process.env.LIGHTHOUSE_SAVE;
  if (saveDir) {
    mkdirSync(saveDir, { recursive: true });
    const name = new URL(url).pathname.split('/')[1] || 'home';
    writeFileSync(join(saveDir, `${name}-${Date.now()}.json`), JSON.stringify(result.lhr));
  }
  const { categories, audits } = result.lhr;
  const scores = {} as Record<Category, number>;
  const failing = {} as Record<Category, string[]>;
  for (const [id] of BUDGETS) {
    scores[id] = Math.round((categories[id]?.score ?? 0) * 100);
    // Name what cost points, so a failing row says what to fix.
    failing[id] = (categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => ref.id);
  }
  const metrics = Object.fromEntries(
    METRICS.map(([id, short]) => [short, audits[id]?.numericValue ?? NaN]),
  ) as RunResult['metrics'];
  return { scores, failing, metrics };
}

/** "FCP 1200 ms, LCP 2500 ms, ..." as medians of the runs. */
function metricMedians(results: readonly RunResult[]): string {
  return METRICS.map(([, short]) => {
    const { median } = spread(results.map((r) => r.metrics[short]));
    return short === 'CLS' ? `CLS ${median.toFixed(3)}` : `${short} ${Math.round(median)} ms`;
  }).join(', ');
}

export async function lighthouseBench(): Promise<BudgetRow[]> {
  const dist = process.env.LIGHTHOUSE_DIST ?? join(ROOT, 'dist'); // another build, to compare
  if (!existsSync(join(dist, 'sw.js'))) throw new Error('dist/sw.js missing: run `vite build` first');
  const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 5) || 5);
  const only = (process.env.LIGHTHOUSE_PAGES ?? '').split(',').filter(Boolean);
  const pages = PAGES.filter((p) => only.length === 0 || only.includes(p));
  const server = await startServer({ staticDir: dist });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS, disableFeaturesSwitch(launcherDisabledFeatures())],
  });
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
  const rows: BudgetRow[] = [];
  try {
    const origin = new URL(server.url).origin;
    const paths = await seed(browser, server.url);
    await coldButSeeded(browser, origin);
    await checkSeeded(browser, server.url, paths);
    for (const name of pages) {
      const results: RunResult[] = [];
      for (let i = 0; i < runs; i++) {
        await coldButSeeded(browser, origin);
        results.push(
          await measureWithRetry(chrome.port, `${server.url}${paths[name]}`, () =>
            coldButSeeded(browser, origin),
          ),
        );
      }
      for (const [id, budget] of BUDGETS) {
        const { median, min, max } = spread(results.map((r) => r.scores[id]));
        const failing = [...new Set(results.flatMap((r) => r.failing[id]))];
        rows.push({
          name: `#14 Lighthouse ${id} (mobile), ${name}`,
          budget: budget === 100 ? '= 100' : `>= ${budget}`,
          measured: median,
          unit: '',
          ok: median >= budget,
          note: [
            `median of ${runs}, min ${min}, max ${max}`,
            ...(id === 'performance' ? [metricMedians(results)] : []),
            ...(failing.length > 0 ? [failing.join(', ')] : []),
          ].join('; '),
        });
      }
    }
  } finally {
    await browser.close().catch(() => {});
    chrome.kill();
    await server.close();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await lighthouseBench()) {
    console.log(`${r.ok ? 'ok  ' : 'LOW '} ${r.name}: ${r.measured} (${r.budget}) ${r.note ?? ''}`);
  }
}
