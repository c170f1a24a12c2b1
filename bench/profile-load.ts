/**
 * Where a page load's main-thread time goes (issue #14): loads home, a draft and a session as bench/lighthouse.ts
 * does (records seeded by a guest, then cold except for IndexedDB), at 4x CPU throttling, with a DevTools trace
 * and a CPU profile, and prints the long tasks with what they are made of and the self time by function and by
 * file. Not a budget: a tool to read before cutting. `npx tsx bench/profile-load.ts` (`PROFILE_PAGES=home`;
 * `PROFILE_PAGES=offline` profiles bench/pwa.ts's offline cold start; `PROFILE_OUT=dir` keeps the trace and profile).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ROOT, launchBrowser, newContext, startServer, waitForServiceWorker } from '../tests/e2e/fixture';
import { coldButSeeded, seed } from './lighthouse';
import { watchStoreOpen } from './pwa';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat: string;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = (url: string) =>
  url ? (url.split('/').pop() ?? url).replace(/-[\w-]{8}\.js$/, '.js') : '(native)';

function top<K>(m: Map<K, number>, n: number): [K, number][] {
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Long tasks on the page's main thread, each with its time by event (self time) and by script. */
function longTasks(events: TraceEvent[]): void {
  const mains = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  // The page's own main thread: the one that ran its scripts (the about:blank page before has one too).
  const count = (pid: number, tid: number) =>
    events
      .filter(
        (e) =>
          e.pid === pid && e.tid === tid && (e.name === 'v8.evaluateModule' || e.name === 'FunctionCall'),
      )
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
  const main = mains.sort((a, b) => count(b.pid, b.tid) - count(a.pid, a.tid))[0];
  if (!main) return console.log('  no renderer main thread in the trace');
  const mine = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const nav =
    events.find(
      (e) =>
        e.name === 'navigationStart' &&
        e.pid === main.pid &&
        String((e.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL).startsWith(
          'http',
        ),
    )?.ts ??
    mine[0]?.ts ??
    0;
  const tasks = mine.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  let busy = 0;
  const byName = new Map<string, number>();
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    busy += task.dur ?? 0;
    const inside = mine.filter((e) => e !== task && e.ts >= task.ts && e.ts < end);
    // Self time of each event: its duration minus its direct children's.
    const self = new Map<string, number>();
    const stack: TraceEvent[] = [];
    for (const e of inside) {
      while (stack.length && stack[stack.length - 1]!.ts + (stack[stack.length - 1]!.dur ?? 0) <= e.ts)
        stack.pop();
      const parent = stack[stack.length - 1];
      const label =
        e.name +
        (e.args?.data?.url ? ` ${file(e.args.data.url)}` : '') +
        (e.args?.data?.functionName ? ` ${e.args.data.functionName}` : '');
      self.set(label, (self.get(label) ?? 0) + (e.dur ?? 0));
      if (parent) {
        const pl =
          parent.name +
          (parent.args?.data?.url ? ` ${file(parent.args.data.url)}` : '') +
          (parent.args?.data?.functionName ? ` ${parent.args.data.functionName}` : '');
        self.set(pl, (self.get(pl) ?? 0) - (e.dur ?? 0));
      }
      stack.push(e);
    }
    for (const [k, v] of self) byName.set(k.split(' ')[0]!, (byName.get(k.split(' ')[0]!) ?? 0) + v);
    if ((task.dur ?? 0) < 50_000) continue;
    const parts = top(self, 8)
      .filter(([, v]) => v > 2000)
      .map(([k, v]) => `${k} ${Math.round(v / 1000)}`)
      .join(' | ');
    console.log(
      `  task at ${Math.round((task.ts - nav) / 1000)} ms, ${Math.round((task.dur ?? 0) / 1000)} ms: ${parts}`,
    );
    if ((task.dur ?? 0) >= 250_000 && process.env.PROFILE_TREE) {
      const depth: TraceEvent[] = [];
      for (const e of inside) {
        while (depth.length && depth[depth.length - 1]!.ts + (depth[depth.length - 1]!.dur ?? 0) <= e.ts)
          depth.pop();
        depth.push(e);
        if ((e.dur ?? 0) >= 15_000 && depth.length <= 7)
          console.log(
            `${'  '.repeat(depth.length + 1)}${e.name} ${e.args?.data?.url ? file(e.args.data.url) : ''} ${e.args?.data?.functionName ?? ''} ${Math.round((e.dur ?? 0) / 1000)} ${JSON.stringify((e.args as Record<string, unknown> | undefined)?.['beginData'] ?? (e.args?.data as Record<string, unknown> | undefined)?.['stackTrace'] ?? '').slice(0, 300)}`,
          );
      }
    }
  }
  // What Lighthouse's TBT adds up, on this real 4x trace: each task's time past 50 ms, from the first paint on.
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === main.pid)?.ts;
  if (fcp !== undefined) {
    let blocking = 0;
    for (const task of tasks) {
      const start = Math.max(task.ts, fcp);
      const end = task.ts + (task.dur ?? 0);
      if (end - task.ts > 50_000 && end > start) blocking += Math.min(end - start, end - task.ts - 50_000);
    }
    console.log(`  blocking time after the first paint ${Math.round(blocking / 1000)} ms`);
  }
  console.log(
    `  main thread busy ${Math.round(busy / 1000)} ms in ${tasks.length} tasks; self time by event:`,
  );
  console.log(
    '   ',
    top(byName, 14)
      .map(([k, v]) => `${k} ${Math.round(v / 1000)}`)
      .join(', '),
  );
}

function profileSummary(profile: CpuProfile): void {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, us] of byNode) {
    const f = nodes.get(id)!.callFrame;
    const fn = `${f.functionName || '(anonymous)'} ${file(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    byFile.set(file(f.url), (byFile.get(file(f.url)) ?? 0) + us);
  }
  console.log(
    '  self time by file (ms):',
    top(byFile, 14)
      .map(([k, v]) => `${k} ${Math.round(v / 1000)}`)
      .join(', '),
  );
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes as (ProfileNode & { children?: number[] })[])
    for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  for (const [id, us] of byNode) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = nodes.get(at)!.callFrame;
      if (!f.url) continue;
      const fn = `${f.functionName || '(anonymous)'} ${file(f.url)}:${f.lineNumber + 1}`;
      if (seen.has(fn)) continue;
      seen.add(fn);
      total.set(fn, (total.get(fn) ?? 0) + us);
    }
  }
  console.log('  total (inclusive) time by function (ms):');
  for (const [k, v] of top(total, Number(process.env.PROFILE_TOP ?? 40)))
    console.log(`    ${Math.round(v / 1000)}  ${k}`);
  console.log('  self time by function (ms):');
  for (const [k, v] of top(byFn, 25)) console.log(`    ${Math.round(v / 1000)}  ${k}`);
}

async function profileLoad(browser: Browser, url: string, context = browser.contexts()[0]!): Promise<void> {
  const page = await context.newPage();
  const storeOpenAt = await watchStoreOpen(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'v8.execute',
      'blink.user_timing',
      'loading',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-devtools.timeline.stack',
    ],
  });
  await page.goto(url, { waitUntil: 'load' });
  console.log(`  screen rendered with its store open at ${Math.round(await storeOpenAt())} ms`);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  if (process.env.PROFILE_OUT) {
    // For DevTools (Performance panel: load the trace; JavaScript profiler: the .cpuprofile) or a script.
    const name = new URL(url).pathname.replace(/\W+/g, '_');
    writeFileSync(join(process.env.PROFILE_OUT, `${name}.cpuprofile`), JSON.stringify(profile));
    writeFileSync(join(process.env.PROFILE_OUT, `${name}.trace.json`), JSON.stringify(trace));
  }
  const lcp = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1) as PerformanceEntry & {
            element?: Element;
            renderTime?: number;
          };
          resolve(
            `${Math.round(last.startTime)} ms ${last.element?.tagName ?? ''}.${last.element?.className ?? ''}`,
          );
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve('none'), 500);
      }),
  );
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
  );
  // A build instrumented by hand (a mark before each module's code) tells each module's evaluation time.
  const marks = await page.evaluate(() => (globalThis as { __evt?: [string, number][] }).__evt ?? []);
  const byModule: [string, number][] = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    const [a, at] = marks[i]!;
    const [b, bt] = marks[i + 1]!;
    if (a.split('|')[0] === b.split('|')[0]) byModule.push([`${a} @${Math.round(at)}`, bt - at]);
  }
  for (const [m, ms] of byModule.sort((x, y) => y[1] - x[1]).slice(0, 40))
    if (ms >= 3) console.log(`    module ${Math.round(ms)} ms ${m}`);
  console.log(`  FCP ${Math.round(fcp)} ms, LCP ${lcp} (4x CPU, no network throttling)`);
  longTasks(trace.traceEvents);
  profileSummary(profile);
  await page.close();
}

const dist = process.env.PROFILE_DIST ?? join(ROOT, 'dist');
if (!existsSync(join(dist, 'sw.js'))) throw new Error('dist/sw.js missing: run `npm run build` first');
const only = (process.env.PROFILE_PAGES ?? 'home,draft,session').split(',');
const server = await startServer({ staticDir: dist });
const browser = await launchBrowser();
try {
  await newContext(browser);
  const origin = new URL(server.url).origin;
  const paths = await seed(browser, server.url);
  for (const name of only) {
    if (name === 'offline') {
      // bench/pwa.ts's offline cold start: a guest's second visit, served by the service worker alone.
      const context = await newContext(browser);
      const first = await context.newPage();
      await first.goto(server.url);
      await waitForServiceWorker(first);
      await first.waitForSelector('main:not([aria-busy]) h1');
      await first.close();
      await context.setOffline(true);
      console.log('offline cold start (/):');
      await profileLoad(browser, server.url, context);
      await context.close();
      continue;
    }
    await coldButSeeded(browser, origin);
    console.log(`${name} (${paths[name as keyof typeof paths]}):`);
    await profileLoad(browser, `${server.url}${paths[name as keyof typeof paths]}`);
  }
} finally {
  await browser.close();
  await server.close();
}
