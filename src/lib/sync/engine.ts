/**
 * The client sync engine: push the outbox, then pull what changed, until both are done.
 *
 * - Push: entries are frozen ('sending') BEFORE they are read for the wire, so an edit made meanwhile goes to a
 *   new entry instead of being folded into one already on its way (and lost when that one is acknowledged).
 *   The answer is settled in one store transaction (`settlePush`): applied changes are acknowledged with the
 *   server's record, rebuilt from the slim answer (only what the phone did not know, src/shared/pushAnswer.ts);
 *   a change refused for good is set aside (kept and shown) and the rest of the queue goes on.
 * - Pull: each page and the new cursor are written in ONE store transaction, so a crash never leaves a cursor
 *   ahead of the records it stands for. A pull from the start (a new phone) is one stream of whole records
 *   (protocol 2, src/shared/stream.ts): pages are written while the next ones download, the list fills in as
 *   they land, and a cut stream resumes from the last page written (`META_PULL_VIEW` = 'stream'). A phone that
 *   was part way through a v1 summary pull when it upgraded finishes it with summaries, then fetches the full
 *   records in small requests with the outbox pushed in between; a summary opened is fetched at once (`fetchNow`).
 * - The app drives it (start, `online`, visible again, shortly after an edit, a timer, the button, live events);
 *   Background Sync is only registered as a bonus. Failures back off exponentially with jitter.
 * No Svelte here: `status.svelte.ts` turns the snapshots into rune state.
 */
import { MAX_PULL_PAGE, MAX_PUSH_BATCH, PROTOCOL_VERSION, type Change } from '../../shared/protocol';
import type { MetaStore, OutboxEntry, SyncStore } from '../db/types';
import { unpackRecord } from '../../shared/stream';
import { IDLE_SNAPSHOT, type FirstSyncProgress, type SyncSnapshot } from './snapshot';
import { SyncTransportError, type SyncTransport } from './transport';
import { META_CURSOR, META_LAST_SYNC, META_PULL_SCOPE, META_PULL_VIEW } from './meta';

/** The outbox and the records from the server, and the pull cursor kept in meta. */
export type EngineStore = SyncStore & MetaStore;

export { META_CURSOR, META_LAST_SYNC, META_PULL_SCOPE, META_PULL_VIEW } from './meta';
/** Full records asked for per request after a summary pull (~330 KB of JSON, ~70 KB on the wire). */
export const BODIES_PER_REQUEST = 100;

export interface SyncRunResult {
  pushed: number;
  rejected: number;
  pulled: number;
  conflicts: number;
}

export interface SyncEngineOptions {
  store: EngineStore;
  transport: SyncTransport;
  /**
   * The current access token; null when signed out (then nothing is sent). Called with `forceRefresh` once after
   * the server answered 401 (an access token that expired while offline).
   */
  getToken: (opts?: { forceRefresh?: boolean }) => string | null | Promise<string | null>;
  batchSize?: number;
  pageLimit?: number;
  now?: () => number;
  random?: () => number;
  /** Backoff: first delay and cap (ms). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Delay after a local edit before pushing (several quick edits go in one request). */
  debounceMs?: number;
  onSnapshot?: (s: SyncSnapshot) => void;
}

const toChange = (e: OutboxEntry): Change => ({
  deviceId: e.deviceId,
  seq: e.seq,
  recordId: e.recordId,
  kind: e.kind,
  op: e.op,
  values: e.values,
  base: e.base,
  editedAt: e.editedAt,
});

export class SyncEngine {
  readonly #o: Required<Omit<SyncEngineOptions, 'onSnapshot'>> & Pick<SyncEngineOptions, 'onSnapshot'>;
  #running: Promise<SyncRunResult> | null = null;
  #again = false;
  #failures = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #debounceTimer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  #snapshot: SyncSnapshot = IDLE_SNAPSHOT;

  constructor(options: SyncEngineOptions) {
    this.#o = {
      batchSize: MAX_PUSH_BATCH,
      pageLimit: MAX_PULL_PAGE,
      now: () => Date.now(),
      random: Math.random,
      backoffBaseMs: 2_000,
      backoffMaxMs: 5 * 60_000,
      debounceMs: 1_500,
      ...options,
    };
  }

  get snapshot(): SyncSnapshot {
    return this.#snapshot;
  }

  #emit(patch: Partial<SyncSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.#o.onSnapshot?.(this.#snapshot);
  }

  /** Loads what the status shows before the first sync (pending count, last sync time). */
  async refreshStatus(): Promise<void> {
    const [pending, lastSyncAt] = await Promise.all([
      this.#o.store.countPending(),
      this.#o.store.getMeta<number>(META_LAST_SYNC),
    ]);
    this.#emit({ pending, lastSyncAt: lastSyncAt ?? null });
  }

  /**
   * Runs a sync now, or joins the one running and runs once more after it (a trigger during a run is never
   * lost). Resolves with the counts of the last run; failures are reported in the snapshot and retried later.
   */
  sync(): Promise<SyncRunResult> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#clearRetry();
    const run = (async () => {
      let result: SyncRunResult;
      do {
        this.#again = false;
        result = await this.#runOnce();
      } while (this.#again && !this.#stopped && this.#snapshot.phase === 'idle');
      return result;
    })();
    this.#running = run;
    void run.finally(() => {
      if (this.#running === run) this.#running = null;
    });
    return run;
  }

  /** Call after a local edit: pushes shortly after, so a burst of typing goes up in one request. */
  notifyLocalEdit(): void {
    void this.#o.store.countPending().then((pending) => this.#emit({ pending }));
    if (this.#debounceTimer) clearTimeout(this.#debounceTimer);
    this.#debounceTimer = setTimeout(() => {
      this.#debounceTimer = null;
      if (!this.#stopped) void this.sync();
    }, this.#o.debounceMs);
  }

  stop(): void {
    this.#stopped = true;
    this.#clearRetry();
    if (this.#debounceTimer) clearTimeout(this.#debounceTimer);
  }

  #clearRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  /** Exponential backoff with full jitter between half and the whole delay. */
  backoffDelay(failures: number): number {
    const cap = Math.min(this.#o.backoffMaxMs, this.#o.backoffBaseMs * 2 ** Math.max(0, failures - 1));
    return Math.round(cap / 2 + (cap / 2) * this.#o.random());
  }

  async #runOnce(): Promise<SyncRunResult> {
    const result: SyncRunResult = { pushed: 0, rejected: 0, pulled: 0, conflicts: 0 };
    const token = await this.#o.getToken();
    if (!token) {
      this.#emit({ phase: 'signed-out', reached: false, pending: await this.#o.store.countPending() });
      return result;
    }
    this.#emit({ phase: 'syncing' });
    try {
      try {
        await this.#push(token, result);
        await this.#pull(token, result);
        await this.#fetchBodies(token, result);
      } catch (err) {
        if (!(err instanceof SyncTransportError && err.status === 401)) throw err;
        const fresh = await this.#o.getToken({ forceRefresh: true });
        if (!fresh) throw err;
        await this.#push(fresh, result);
        await this.#pull(fresh, result);
        await this.#fetchBodies(fresh, result);
      }
      const now = this.#o.now();
      await this.#o.store.setMeta(META_LAST_SYNC, now);
      this.#failures = 0;
      this.#emit({
        phase: 'idle',
        reached: true,
        lastSyncAt: now,
        error: null,
        retryAt: null,
        pending: await this.#o.store.countPending(),
      });
    } catch (err) {
      this.#failures++;
      const offline = err instanceof SyncTransportError && err.status === null;
      const retryable = !(err instanceof SyncTransportError) || err.retryable;
      const delay = this.backoffDelay(this.#failures);
      this.#emit({
        phase: offline ? 'offline' : 'error',
        reached: false,
        error: err instanceof Error ? err.message : String(err),
        retryAt: retryable && !this.#stopped ? this.#o.now() + delay : null,
        pending: await this.#o.store.countPending().catch(() => this.#snapshot.pending),
      });
      if (retryable && !this.#stopped) {
        this.#clearRetry();
        this.#retryTimer = setTimeout(() => void this.sync(), delay);
      }
    }
    return result;
  }

  async #push(token: string, result: SyncRunResult): Promise<void> {
    const { store, transport, batchSize } = this.#o;
    for (;;) {
      const next = await store.pendingPushBatch(batchSize);
      if (next.length === 0) return;
      const seqs = next.map((e) => e.seq);
      await store.markSending(seqs);
      // Read again after freezing: these exact values are what the server will apply.
      const wanted = new Set(seqs);
      const batch = (await store.pendingPushBatch(batchSize)).filter((e) => wanted.has(e.seq));
      if (batch.length === 0) return;
      this.#emit({ inFlight: batch.map((e) => e.seq) });
      let response;
      try {
        response = await transport.push(
          {
            protocolVersion: PROTOCOL_VERSION,
            deviceId: store.deviceId,
            changes: batch.map(toChange),
            // Only what this phone does not know yet comes back (src/shared/pushAnswer.ts).
            answer: 'delta',
          },
          token,
        );
      } finally {
        // No answer means no confirmation: the status says "only on this device" again until one comes.
        this.#emit({ inFlight: [] });
      }
      const settled = response.results.filter((r) => wanted.has(r.seq));
      // The whole answer in one store transaction; records it could not rebuild are fetched whole.
      const whole = await store.settlePush(settled);
      if (whole.length > 0) await this.#fetchRecords(whole, token);
      for (const r of settled) {
        if (r.status === 'applied') {
          result.pushed++;
          result.conflicts += r.conflictIds.length;
        } else result.rejected++;
      }
      // A server that answered nothing for the batch must not make us spin; the next trigger retries.
      if (settled.length === 0) return;
    }
  }

  async #pull(token: string, result: SyncRunResult): Promise<void> {
    const { store, transport, pageLimit } = this.#o;
    let cursor = (await store.getMeta<number>(META_CURSOR)) ?? 0;
    let scope = await store.getMeta<string>(META_PULL_SCOPE);
    const view = await store.getMeta<string>(META_PULL_VIEW);
    if (view === 'stream' || (cursor === 0 && view !== 'summary')) return this.#stream(token, result, cursor);
    const summaries = view === 'summary';
    const ask = (from: number) => transport.pull(from, pageLimit, token, summaries ? 'summary' : 'full');
    let next = ask(cursor);
    for (;;) {
      const page = await next;
      if (page.scope !== undefined && scope !== undefined && page.scope !== scope && cursor > 0) {
        // What this user may see changed (a unit was assigned): the cursor skipped that unit's older records,
        // so stream again from the start. Records already here are kept; applyRemote ignores older copies.
        return this.#stream(token, result, 0);
      }
      const nextCursor = Math.max(cursor, page.cursor);
      const pageScope = page.scope ?? scope;
      // The next page travels while this one is stored (on 2G the round trip is most of a page's time).
      if (page.hasMore) {
        next = ask(nextCursor);
        next.catch(() => undefined); // awaited (and its failure thrown) in the next turn
      }
      await store.batch(async () => {
        await store.applyRemote(page.records);
        await store.setMeta(META_CURSOR, nextCursor);
        if (pageScope !== undefined) await store.setMeta(META_PULL_SCOPE, pageScope);
        await store.setMeta(META_PULL_VIEW, summaries && page.hasMore ? 'summary' : undefined);
      });
      scope = pageScope;
      result.pulled += page.records.length;
      cursor = nextCursor;
      if (!page.hasMore) return;
    }
  }

  /**
   * A first sync as one stream from `from` (0, or the cursor of the last page written before a cut). Pages are
   * written in order, one transaction each with their cursor, while the download goes on; the progress counts
   * records and decoded bytes against what the stream announced.
   */
  async #stream(token: string, result: SyncRunResult, from: number): Promise<void> {
    const { store, transport, pageLimit } = this.#o;
    const storedScope = await store.getMeta<string>(META_PULL_SCOPE);
    const started = this.#o.now();
    let restart = false;
    let failed: unknown = null;
    let writes: Promise<void> = Promise.resolve();
    let progress: FirstSyncProgress = { records: 0, recordsTotal: 0, bytes: 0, bytesTotal: 0, etaMs: null };
    const report = (patch: Partial<FirstSyncProgress>) => {
      progress = { ...progress, ...patch };
      const elapsed = this.#o.now() - started;
      const left = Math.max(0, progress.bytesTotal - progress.bytes);
      const etaMs = progress.bytes > 0 && elapsed > 0 ? Math.round((left / progress.bytes) * elapsed) : null;
      this.#emit({ firstSync: { ...progress, etaMs } });
    };
    const write = (job: () => Promise<void>) => {
      writes = writes.then(job).catch((err: unknown) => {
        failed ??= err;
      });
    };
    try {
      await transport.stream(from, pageLimit, token, (line, decoded) => {
        if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
        if (line.t === 'start') {
          // What this user may see changed since the cut: the cursor skipped records, so start over.
          if (from > 0 && storedScope !== undefined && line.scope !== storedScope) {
            restart = true;
            return 'stop';
          }
          report({ recordsTotal: line.records, bytesTotal: Math.max(line.bytes, decoded) });
          write(() => store.setMeta(META_PULL_SCOPE, line.scope));
          return;
        }
        report({ bytes: decoded, bytesTotal: Math.max(progress.bytesTotal, decoded) });
        if (line.t === 'page') {
          const records = line.records.map(unpackRecord);
          write(async () => {
            await store.batch(async () => {
              await store.applyRemote(records);
              await store.setMeta(META_CURSOR, line.cursor);
              await store.setMeta(META_PULL_VIEW, 'stream');
            });
            result.pulled += records.length;
            report({ records: progress.records + records.length });
          });
        } else {
          write(() =>
            store.batch(async () => {
              await store.setMeta(META_CURSOR, line.cursor);
              await store.setMeta(META_PULL_VIEW, undefined);
            }),
          );
        }
      });
      await writes;
      if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
    } finally {
      // Pages already received are written before the error (or the end) is reported: nothing is downloaded twice.
      await writes;
      this.#emit({ firstSync: null });
    }
    if (restart) {
      await store.setMeta(META_PULL_SCOPE, undefined);
      await this.#stream(token, result, 0);
    }
  }

  /**
   * The full records behind the summaries a first pull stored, newest first. Between requests the outbox is
   * pushed, and a pull asked for meanwhile (a live event) runs, so a long download on 2G holds nothing up.
   */
  async #fetchBodies(token: string, result: SyncRunResult): Promise<void> {
    const { store } = this.#o;
    // Each id is asked for once per run: a record that stays a summary (it should not) cannot make this spin.
    const tried = new Set<string>();
    // Summaries tried and still waiting (normally none): the window looks past them.
    let stuck = 0;
    for (;;) {
      const span = stuck + BODIES_PER_REQUEST;
      const waiting = await store.stubs(span);
      stuck = waiting.filter((s) => tried.has(s.id)).length;
      const next = waiting
        .filter((s) => !tried.has(s.id))
        .slice(0, BODIES_PER_REQUEST)
        .map((s) => s.id);
      this.#emit({ downloading: waiting.length < span ? waiting.length : await store.countStubs() });
      if (this.#stopped) return;
      if (next.length === 0) {
        // Only tried ones in this span: look further if there are more, else done.
        if (waiting.length === span) continue;
        return;
      }
      if ((await store.countPending()) > 0) await this.#push(token, result);
      if (this.#again) {
        this.#again = false;
        await this.#pull(token, result);
      }
      const settled = await this.#fetchRecords(next, token);
      // Ids the server left for later (its answer was full) are asked for again in the next request.
      for (const id of settled) tried.add(id);
      if (settled.length === 0) return;
    }
  }

  /** Fetches and stores full records; returns the ids settled (stored, or gone for this user). */
  async #fetchRecords(ids: string[], token: string): Promise<string[]> {
    const { store, transport } = this.#o;
    const answer = await transport.records(ids, token);
    await store.batch(async () => {
      await store.applyRemote(answer.records);
      // Gone, or no longer visible to this user: nothing more will come for these.
      if (answer.missing.length > 0) await store.forgetStubs(answer.missing);
    });
    return [...answer.records.map((r) => r.id), ...answer.missing];
  }

  /**
   * Fetches full records at once (a person opened a summary), beside any sync running. Resolves to false when
   * offline or refused: the screen says the content is not on this phone yet.
   */
  async fetchNow(ids: string[]): Promise<boolean> {
    const token = await this.#o.getToken();
    if (!token || ids.length === 0) return false;
    try {
      await this.#fetchRecords(ids, token);
      return true;
    } catch {
      return false;
    }
  }
}
