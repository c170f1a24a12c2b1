/**
 * The sync machinery for one open store: engine, HTTP transport, triggers and the live queries the status
 * shows. Loaded lazily by `status.svelte.ts`, with the data chunk (zod schemas, Dexie), so the header stays
 * small on the first paint.
 */
import { observe } from '../db';
import type { LocalStore, OutboxEntry } from '../db/types';
import type { Conflict } from '../../shared/records';
import { SyncEngine } from './engine';
import type { SyncSnapshot } from './snapshot';
import { httpTransport, type FetchLike } from './transport';
import { attachSyncTriggers } from './triggers';
import { resolveConflict } from './resolve';
import { discardRefusedMove } from '../review/actions';
import type { ApiUrl } from '../api/types';

export { resolveConflict };

/**
 * Drops a refused change on the person's choice; the pull steps back to before the version this phone has of
 * the record, so the server's copy returns with the next sync (see `discardRefusedMove`).
 */
export async function discardRefused(
  store: LocalStore,
  entry: Pick<OutboxEntry, 'seq' | 'kind' | 'recordId'>,
): Promise<void> {
  const record = await store.get(entry.kind, entry.recordId);
  await discardRefusedMove(store, entry.seq, record?.rev ?? 0);
}

export interface RuntimeOptions {
  getToken: (opts?: { forceRefresh?: boolean }) => string | null | Promise<string | null>;
  baseUrl?: string;
  fetch?: FetchLike;
  triggers?: boolean;
  onSnapshot: (s: SyncSnapshot) => void;
  onOutbox: (entries: OutboxEntry[]) => void;
  onConflicts: (conflicts: Conflict[]) => void;
  /** The network came back and a sync started for it: `run` settles when that sync has finished. */
  onReconnect?: (run: Promise<unknown>) => void;
}

export function startRuntime(store: LocalStore, o: RuntimeOptions): { engine: SyncEngine; stop: () => void } {
  const engine = new SyncEngine({
    store,
    transport: httpTransport(o.baseUrl ?? '', o.fetch),
    getToken: o.getToken,
    onSnapshot: o.onSnapshot,
  });
  void engine.refreshStatus();
  // Seqs of the waiting entries in the last reading: a seq not seen before is a new local write.
  let seen = new Set<number>();
  const stops = [
    observe(() => store.outbox(), {
      next: (entries) => {
        o.onOutbox(entries);
        const waiting = entries.filter((e) => !e.rejected);
        // Any new entry, 'sending' ones included (a review move freezes its entries at once and used to wait
        // for the minute timer), or an amended 'pending' one: push shortly. Writes made before the first
        // reading count as new too, so an edit typed right at start is not left for the timer either.
        const fresh = waiting.some((e) => !seen.has(e.seq)) || waiting.some((e) => e.state === 'pending');
        seen = new Set(waiting.map((e) => e.seq));
        if (fresh) engine.notifyLocalEdit();
      },
    }),
    observe(async () => (await store.list('conflict')).filter((c) => !c.resolved), { next: o.onConflicts }),
  ];
  if (o.triggers !== false) {
    stops.push(
      attachSyncTriggers(engine, {
        getToken: o.getToken,
        ...(o.onReconnect ? { onReconnect: o.onReconnect } : {}),
        eventsUrl: `${o.baseUrl ?? ''}${'/api/sync/events' satisfies ApiUrl<'GET'>}`,
        ...(o.fetch ? { fetch: o.fetch } : {}),
      }),
    );
  }
  return {
    engine,
    stop: () => {
      for (const stop of stops) stop();
      engine.stop();
    },
  };
}
