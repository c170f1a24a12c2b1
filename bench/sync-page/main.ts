/**
 * Sync benchmark page (built and driven by bench/sync.ts in headless Chromium, served by the real server).
 * A new browser's first sync through the real engine into the real store, what it cost on the wire
 * (Resource Timing: brotli bytes received vs JSON bytes decoded), and offline edits that go up when the network
 * returns, counting the push requests that reached the server.
 */
import { openLocalStore, type LocalStore } from '../../src/lib/db';
import { SyncEngine, type SyncRunResult } from '../../src/lib/sync/engine';
import { httpTransport } from '../../src/lib/sync/transport';

let store: LocalStore | null = null;
let engine: SyncEngine | null = null;
/** Push requests the browser got an answer to (a request that fails offline never reached the server). */
let pushesAnswered = 0;
let pushesTried = 0;
/** When the first page of the first-sync stream was stored: the lists show records from then on, filling in. */
let firstPageAt: number | null = null;

const countingFetch = async (input: string, init?: RequestInit): Promise<Response> => {
  const isPush = input.includes('/api/sync/push');
  if (isPush) pushesTried++;
  const res = await fetch(input, init);
  if (isPush) pushesAnswered++;
  return res;
};

async function open(userId: string, tenantId: string, token: string): Promise<void> {
  performance.setResourceTimingBufferSize(100_000);
  store = await openLocalStore({ userId, tenantId });
  engine = new SyncEngine({
    store,
    transport: httpTransport('', countingFetch),
    getToken: () => token,
    onSnapshot: (snap) => {
      if (snap.firstSync && snap.firstSync.records > 0) firstPageAt ??= performance.now();
    },
    // No automatic retry during the measurement: the benchmark triggers every sync itself.
    backoffBaseMs: 3_600_000,
    backoffMaxMs: 3_600_000,
  });
}

function need<T>(value: T | null): T {
  if (value === null) throw new Error('open() first');
  return value;
}

interface TimedSync extends SyncRunResult {
  ms: number;
  /** Until the first page of a first sync was stored (the list usable); the whole run when there was none. */
  usableMs: number;
  error: string | null;
  pushRequests: number;
  pushAttempts: number;
}

/** One `engine.sync()` (push, then pull until done), timed; counts the push requests of this run. */
async function sync(): Promise<TimedSync> {
  const e = need(engine);
  pushesAnswered = 0;
  pushesTried = 0;
  firstPageAt = null;
  const started = performance.now();
  const result = await e.sync();
  const ended = performance.now();
  return {
    ...result,
    ms: ended - started,
    usableMs: (firstPageAt ?? ended) - started,
    error: e.snapshot.error,
    pushRequests: pushesAnswered,
    pushAttempts: pushesTried,
  };
}

/** Bytes of every response of one endpoint so far: on the wire (compressed) and decoded (JSON). */
function pullBytes(endpoint: 'pull' | 'records' | 'stream' = 'pull'): {
  requests: number;
  encoded: number;
  decoded: number;
  transfer: number;
} {
  const entries = performance
    .getEntriesByType('resource')
    .filter((e): e is PerformanceResourceTiming => e.name.includes(`/api/sync/${endpoint}`));
  return {
    requests: entries.length,
    encoded: entries.reduce((s, e) => s + e.encodedBodySize, 0),
    decoded: entries.reduce((s, e) => s + e.decodedBodySize, 0),
    transfer: entries.reduce((s, e) => s + e.transferSize, 0),
  };
}

/** `n` edits to `n` different sessions through the store (each one record + outbox in one transaction). */
async function editSessions(n: number): Promise<{ edited: number; pending: number }> {
  const s = need(store);
  const sessions = await s.list('session', { limit: n });
  for (const [i, session] of sessions.entries()) {
    await s.update('session', session.id, {
      notes: `${session.notes} Catatan luring ${i + 1}: data dicek ulang.`,
    });
  }
  return { edited: sessions.length, pending: await s.countPending() };
}

async function countRecords(): Promise<number> {
  const s = need(store);
  const kinds = ['unit', 'person', 'session', 'draft', 'checklist'] as const;
  const lists = await Promise.all(kinds.map((k) => s.list(k, { includeDeleted: true })));
  return lists.reduce((sum, l) => sum + l.length, 0);
}

Object.assign(window, { rintisSyncBench: { open, sync, pullBytes, editSessions, countRecords } });
document.title = 'ready';
