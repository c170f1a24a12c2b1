/**
 * The sync machinery for one open store: engine, HTTP transport, triggers and the live queries the status
 * shows. Loaded lazily by `status.svelte.ts`, with the data chunk (zod schemas, Dexie), so the header stays
 * small on the first paint.
 */
import { observe } from '../db';
import type { LocalStore, OutboxEntry } from '../db/types';
import type { Conflict } from '../../shared/records';
import { SyncEngine, type SyncSnapshot } from './engine';
import { httpTransport, type FetchLike } from './transport';
import { attachSyncTriggers } from './triggers';
import { resolveConflict } from './resolve';

export { resolveConflict };

export interface RuntimeOptions {
  getToken: (opts?: { forceRefresh?: boolean }) => string | null | Promise<string | null>;
  baseUrl?: string;
  fetch?: FetchLike;
  triggers?: boolean;
  onSnapshot: (s: SyncSnapshot) => void;
  onOutbox: (entries: OutboxEntry[]) => void;
  onConflicts: (conflicts: Conflict[]) => void;
}

export function startRuntime(store: LocalStore, o: RuntimeOptions): { engine: SyncEngine; stop: () => void } {
  const engine = new SyncEngine({
    store,
    transport: httpTransport(o.baseUrl ?? '', o.fetch),
    getToken: o.getToken,
    onSnapshot: o.onSnapshot,
  });
  void engine.refreshStatus();
  let pendingBefore = -1;
  const stops = [
    observe(() => store.outbox(), {
      next: (entries) => {
        o.onOutbox(entries);
        const pending = entries.filter((e) => e.state === 'pending' && !e.rejected).length;
        // A new or amended local edit: push shortly (the first reading is the state at start).
        if (pendingBefore >= 0 && pending > 0) engine.notifyLocalEdit();
        pendingBefore = pending;
      },
    }),
    observe(async () => (await store.list('conflict')).filter((c) => !c.resolved), { next: o.onConflicts }),
  ];
  if (o.triggers !== false) {
    stops.push(
      attachSyncTriggers(engine, {
        getToken: o.getToken,
        eventsUrl: `${o.baseUrl ?? ''}/api/sync/events`,
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
