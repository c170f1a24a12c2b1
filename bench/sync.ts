/**
 * Issue #4 budgets, against the real server (src/server/main.ts as its own process) on a fresh PostgreSQL
 * database:
 * - first pull of 10,000 records into a new browser <= 30 s at 400 kbit/s with 400 ms round trips (Chromium's
 *   network emulation), through the real sync engine and store (bench/sync-page);
 * - compression on the wire >= 5x (JSON bytes decoded vs gzip bytes received for that pull);
 * - 50 offline edits in <= 2 requests.
 * The push latency and throughput budgets are the `push` section (bench/push.ts).
 * The data: one regency (bench/load/data.ts), pushed through the real push endpoint.
 */
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/fixture';
import { createBenchDatabase, signIn, startServerProcess, type ServerProcess } from './load/server';
import { DataFactory, REGENCY_10K, type Dataset } from './load/data';
import { SimDevice } from './load/device';
import type { AnyRecord } from '../src/shared/records';
import type { BudgetRow } from './types';

const PAGE_DIR = fileURLToPath(new URL('../.tmp/bench-sync/', import.meta.url));
/** 400 kbit/s both ways, 400 ms round trips. */
const SLOW_LINK = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
/** The pull is allowed to run past its budget (so the figure is real), but not forever. */
const PULL_CAP_MS = 600_000;
const OFFLINE_EDITS = 50;

interface SyncPageApi {
  open(userId: string, tenantId: string, token: string): Promise<void>;
  sync(): Promise<{
    ms: number;
    pullMs: number;
    pushed: number;
    pulled: number;
    rejected: number;
    error: string | null;
    pushRequests: number;
    pushAttempts: number;
  }>;
  pullBytes(endpoint?: 'pull' | 'records'): {
    requests: number;
    encoded: number;
    decoded: number;
    transfer: number;
  };
  editSessions(n: number): Promise<{ edited: number; pending: number }>;
  countRecords(): Promise<number>;
}
declare const rintisSyncBench: SyncPageApi;

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Pushes the whole regency through the real endpoint (500 changes a request, as the engine batches). */
export async function seed(
  server: ServerProcess,
  token: string,
  data: Dataset,
): Promise<{ ms: number; records: AnyRecord[] }> {
  const seeder = new SimDevice('bench-seeder-00', server.url, token, 1, {
    units: [],
    persons: [],
    sessions: [],
  });
  const records: AnyRecord[] = [];
  const started = performance.now();
  for (let i = 0; i < data.changes.length; i += 500) {
    const { response } = await seeder.push(data.changes.slice(i, i + 500)).catch((err: unknown) => {
      throw new Error(`${String(err)}\nserver log: ${server.output()}`);
    });
    for (const r of response.results) {
      if (r.status !== 'applied') throw new Error(`seed change refused: ${r.code} ${r.message}`);
      records.push(r.record);
    }
  }
  return { ms: performance.now() - started, records };
}

async function firstPull(
  page: Page,
  userId: string,
  tenantId: string,
  token: string,
): Promise<{
  ms: number;
  pullMs: number;
  pulled: number;
  stored: number;
  bytes: ReturnType<SyncPageApi['pullBytes']>;
  bodies: ReturnType<SyncPageApi['pullBytes']>;
}> {
  await page.evaluate(([u, t, k]) => rintisSyncBench.open(u, t, k), [userId, tenantId, token] as const);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  page.setDefaultTimeout(PULL_CAP_MS);
  const run = await page.evaluate(() => rintisSyncBench.sync());
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  if (run.error) throw new Error(`first pull failed: ${run.error}`);
  const bytes = await page.evaluate(() => rintisSyncBench.pullBytes('pull'));
  const bodies = await page.evaluate(() => rintisSyncBench.pullBytes('records'));
  const stored = await page.evaluate(() => rintisSyncBench.countRecords());
  return { ms: run.ms, pullMs: run.pullMs, pulled: run.pulled, stored, bytes, bodies };
}

/** 50 edits while offline (a sync attempt fails meanwhile), then one sync online: push requests that arrived. */
async function offlineEdits(page: Page): Promise<{ requests: number; pushed: number; pending: number }> {
  await page.context().setOffline(true);
  const edited = await page.evaluate((n) => rintisSyncBench.editSessions(n), OFFLINE_EDITS);
  if (edited.edited !== OFFLINE_EDITS) throw new Error(`only ${edited.edited} sessions to edit`);
  const offline = await page.evaluate(() => rintisSyncBench.sync());
  if (offline.pushRequests !== 0) throw new Error('a push got through while offline');
  await page.context().setOffline(false);
  const online = await page.evaluate(() => rintisSyncBench.sync());
  if (online.error) throw new Error(`sync after reconnecting failed: ${online.error}`);
  return { requests: online.pushRequests, pushed: online.pushed, pending: edited.pending };
}

export default async function syncBench(): Promise<BudgetRow[]> {
  await build({ configFile: fileURLToPath(new URL('./sync-page/vite.config.ts', import.meta.url)) });
  const factory = new DataFactory('bench-seeder-00', 1);
  const data = factory.dataset(REGENCY_10K);
  const json = JSON.stringify(data.changes.map((c) => c.values));
  const textSample = data.changes
    .filter((c) => c.kind === 'session')
    .slice(0, 200)
    .map((c) => String(c.values['notes']))
    .join('\n');
  const textRatio = textSample.length / gzipSync(textSample).length;
  console.error(
    `[bench] data: ${data.changes.length} records, ${mb(json.length)} of field values; ` +
      `generated notes compress ${textRatio.toFixed(1)}x with gzip (real Indonesian news text: 3.1x)`,
  );

  const bench = await createBenchDatabase();
  let server: ServerProcess | null = null;
  const browser = await launchBrowser();
  try {
    server = await startServerProcess(bench.url, PAGE_DIR);
    let tokens = await signIn(server.url, bench.login, bench.password);
    const seeded = await seed(server, tokens.accessToken, data);
    console.error(
      `[bench] seeded ${seeded.records.length} records via push in ${(seeded.ms / 1000).toFixed(1)} s`,
    );
    const all = JSON.stringify(seeded.records);
    const versions = JSON.stringify(seeded.records.map((r) => r.fieldVersions));
    console.error(
      `[bench] as pulled: ${mb(all.length)} JSON (${mb(gzipSync(all).length)} gzip); of it fieldVersions ` +
        `${mb(versions.length)} (${mb(gzipSync(versions).length)} gzip)`,
    );

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.title === 'ready');
    const pull = await firstPull(page, tokens.user.id, bench.tenantId, tokens.accessToken);
    console.error(
      `[bench] first pull: ${pull.pulled} records (${pull.stored} stored) in ${(pull.pullMs / 1000).toFixed(1)} s, ` +
        `${pull.bytes.requests} requests, ${mb(pull.bytes.encoded)} gzip for ${mb(pull.bytes.decoded)} JSON; ` +
        `full records after it in ${((pull.ms - pull.pullMs) / 1000).toFixed(1)} s, ${pull.bodies.requests} requests, ` +
        `${mb(pull.bodies.encoded)} gzip for ${mb(pull.bodies.decoded)} JSON`,
    );
    tokens = await signIn(server.url, bench.login, bench.password);
    const offline = await offlineEdits(page);
    await context.close();

    const ratio = pull.bytes.encoded > 0 ? pull.bytes.decoded / pull.bytes.encoded : 0;
    const bodyRatio = pull.bodies.encoded > 0 ? pull.bodies.decoded / pull.bodies.encoded : 0;
    const bodySeconds = (pull.ms - pull.pullMs) / 1000;
    const link = '400 kbit/s, 400 ms RTT (CDP)';
    return [
      {
        name: '#4 first pull of 10,000 records (summaries)',
        budget: '<= 30 s',
        measured: pull.pullMs / 1000,
        unit: 's',
        ok: pull.pullMs <= 30_000 && pull.stored >= 10_000,
        note:
          `${pull.stored} records in a new browser (long fields follow), ${pull.bytes.requests} pages, ` +
          `${mb(pull.bytes.encoded)} on the wire (${Math.round(pull.bytes.encoded / Math.max(1, pull.stored))} B/record); ` +
          `then every full record in the background: ${bodySeconds.toFixed(0)} s more, ${mb(pull.bodies.encoded)} in ` +
          `${pull.bodies.requests} requests; ${link}`,
      },
      {
        name: '#4 first pull compression on the wire',
        budget: '>= 5x',
        measured: ratio,
        unit: 'x',
        ok: ratio >= 5,
        note:
          `${mb(pull.bytes.decoded)} JSON / ${mb(pull.bytes.encoded)} gzip; the full records after it ` +
          `${bodyRatio.toFixed(1)}x (notes compress ${textRatio.toFixed(1)}x alone)`,
      },
      {
        name: '#4 50 offline edits go up in',
        budget: '<= 2 requests',
        measured: offline.requests,
        unit: 'requests',
        ok: offline.requests <= 2 && offline.pushed === OFFLINE_EDITS,
        note: `real engine + store in Chromium; ${offline.pending} outbox entries, ${offline.pushed} applied after reconnecting`,
      },
    ];
  } finally {
    await browser.close();
    await server?.stop();
    await bench.drop();
  }
}
