/**
 * What signing out must look at and clear. Unsynced work is only ever SHOWN here (count and a short list); the
 * user's database is never deleted by signing out.
 */
import type { OutboxEntry, SyncStore } from '../db/types';

/** Changes that have not reached the server: waiting, being sent, or rejected (kept and shown). */
export async function unsyncedChanges(store: Pick<SyncStore, 'outbox'>): Promise<OutboxEntry[]> {
  return store.outbox();
}

/**
 * Removes responses to `/api/…` from every Cache Storage cache (a runtime cache of the service worker could hold
 * a signed-in user's answers). App assets stay cached, so the app still opens offline. Returns how many entries
 * were removed.
 */
export async function clearApiCaches(storage: CacheStorage | undefined = globalThis.caches): Promise<number> {
  if (!storage) return 0;
  let removed = 0;
  for (const name of await storage.keys()) {
    const cache = await storage.open(name);
    for (const request of await cache.keys()) {
      if (new URL(request.url, 'http://localhost').pathname.startsWith('/api')) {
        if (await cache.delete(request)) removed++;
      }
    }
  }
  return removed;
}
