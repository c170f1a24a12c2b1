/**
 * PWA budgets (issue 3, and the first-screen budgets of issue 2), measured on the production build:
 * - the precache list with each file's gzip size, total at most 250 KB gzip;
 * - first-screen JS at most 60 KB gzip and CSS at most 15 KB gzip (what index.html loads before any lazy chunk);
 * - offline cold start to interactive at most 1.5 s at 4x CPU throttling (real Chromium, service worker only).
 *
 * `pwaBench` is a BenchSection for bench/run.ts; `tsx bench/pwa.ts` runs it alone and prints the precache list.
 * It measures ./dist as built (run `vite build` first; `npm run bench` does not build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { BudgetRow } from './types';
import { ROOT, launchBrowser, newContext, startServer, waitForServiceWorker } from '../tests/e2e/fixture';

const KB = 1024;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Home's heading once the local store is open (main is aria-busy while it opens; the heading paints before). */
export const STORE_OPEN = 'main:not([aria-busy]) h1';

export interface PrecacheEntry {
  url: string;
  gzipBytes: number;
}

/** The URLs the generated service worker precaches (workbox's manifest inside sw.js). */
export function precacheList(dist: string): PrecacheEntry[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/\{url:"([^"]+)",revision:/g)].map((m) => m[1] ?? '');
  return urls.map((url) => ({ url, gzipBytes: gz(join(dist, url)) }));
}

/**
 * Precached scripts whose static imports are not precached: such a screen would fail offline although it is
 * "precached" (a chunk left out of the precache must only ever be reached through a dynamic import).
 */
export function brokenOfflineImports(dist: string): string[] {
  const cached = new Set(precacheList(dist).map((e) => e.url));
  const broken: string[] = [];
  for (const url of cached) {
    if (!url.startsWith('assets/') || !url.endsWith('.js')) continue;
    const code = readFileSync(join(dist, url), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g))
      if (!cached.has(`assets/${m[1] ?? ''}`)) broken.push(`${url} -> ${m[1] ?? ''}`);
  }
  return broken;
}

/** Scripts, module preloads and stylesheets that index.html loads: the first screen's own JS and CSS. */
export function firstScreenFiles(dist: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const attr = (re: RegExp) => [...html.matchAll(re)].map((m) => (m[1] ?? '').replace(/^\//, ''));
  return {
    js: [
      ...attr(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
      ...attr(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ],
    css: attr(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  };
}

/**
 * Milliseconds from navigation start to the home screen rendered from local data, offline, CPU 4x slower.
 * Median of `runs` fresh profiles (each installs the worker online first, then closes every page).
 */
/**
 * Watches, from the page's first script on, for the home screen with its store open, and returns when it came.
 * Playwright's own `waitForSelector` is not used on the measured page: it evaluates Playwright's injected script
 * (hundreds of KB) on the page's main thread while the app starts, and at 4x CPU that added about 1 s.
 */
export async function watchStoreOpen(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript((selector: string) => {
    const w = window as unknown as { __storeOpenAt?: number };
    new MutationObserver((_, observer) => {
      if (!document.querySelector(selector)) return;
      w.__storeOpenAt = performance.now();
      observer.disconnect();
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-busy'],
    });
  }, STORE_OPEN);
  const cdp = await page.context().newCDPSession(page);
  return async () => {
    for (let waited = 0; waited < 60_000; waited += 100) {
      const { result } = (await cdp.send('Runtime.evaluate', {
        expression: 'window.__storeOpenAt',
        returnByValue: true,
      })) as { result: { value?: number } };
      if (typeof result.value === 'number') return result.value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the home screen did not open its store within 60 s');
  };
}

export async function offlineColdStartMs(dist: string, runs = 3): Promise<number> {
  const server = await startServer({ staticDir: dist });
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await newContext(browser);
      const first = await context.newPage();
      await first.goto(server.url);
      await waitForServiceWorker(first);
      await first.waitForSelector(STORE_OPEN);
      await first.close();
      await context.setOffline(true);
      const page = await context.newPage();
      const storeOpenAt = await watchStoreOpen(page);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(server.url, { waitUntil: 'commit' });
      // The first usable screen: the shell and the home screen with the local database open.
      times.push(await storeOpenAt());
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export async function pwaBench(): Promise<BudgetRow[]> {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'sw.js'))) throw new Error('dist/sw.js missing: run `vite build` first');
  const list = precacheList(dist);
  printPrecache(dist);
  const total = list.reduce((s, e) => s + e.gzipBytes, 0);
  const first = firstScreenFiles(dist);
  const brokenImports = brokenOfflineImports(dist);
  const sum = (files: string[]) => files.reduce((s, f) => s + gz(join(dist, f)), 0);
  const rows: BudgetRow[] = [
    {
      name: '#3 precache total',
      budget: '<= 250 KB gzip',
      measured: total / KB,
      unit: 'KB',
      ok: total <= 250 * KB,
      note: `${list.length} files`,
    },
    {
      name: '#14 precached chunks import only precached ones',
      budget: '0 missing',
      measured: brokenImports.length,
      unit: '',
      ok: brokenImports.length === 0,
      ...(brokenImports.length > 0 ? { note: brokenImports.join(', ') } : {}),
    },
    {
      name: '#2 first screen JS',
      budget: '<= 60 KB gzip',
      measured: sum(first.js) / KB,
      unit: 'KB',
      ok: sum(first.js) <= 60 * KB,
      note: first.js.join(' '),
    },
    {
      name: '#2 first screen CSS',
      budget: '<= 15 KB gzip',
      measured: sum(first.css) / KB,
      unit: 'KB',
      ok: sum(first.css) <= 15 * KB,
      note: first.css.join(' '),
    },
  ];
  const cold = await offlineColdStartMs(dist);
  rows.push({
    name: '#3 offline cold start, CPU 4x',
    budget: '<= 1500 ms',
    measured: cold,
    unit: 'ms',
    ok: cold <= 1500,
    note: 'median of 3; navigation start to home rendered, service worker only',
  });
  return rows;
}

export function printPrecache(dist = join(ROOT, 'dist')): void {
  const list = precacheList(dist).sort((a, b) => b.gzipBytes - a.gzipBytes);
  for (const e of list) console.log(`${(e.gzipBytes / KB).toFixed(1).padStart(8)} KB  ${e.url}`);
  const total = list.reduce((s, e) => s + e.gzipBytes, 0);
  console.log(`${(total / KB).toFixed(1).padStart(8)} KB  total precache (gzip), budget 250 KB`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await pwaBench()) {
    console.log(
      `${r.ok ? 'ok  ' : 'OVER'} ${r.name}: ${r.measured?.toFixed(1)} ${r.unit} (${r.budget}) ${r.note ?? ''}`,
    );
  }
}
