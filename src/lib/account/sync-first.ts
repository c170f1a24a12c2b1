/**
 * "Sinkronkan dulu" before signing out: one full sync run (push, then pull) of the user's store with the real
 * sync engine. A one-shot engine is used so this works whether or not the app's engine is running; pushes are
 * idempotent on the server (device id + sequence number), so running beside it never applies a change twice.
 */
import type { LocalStore } from '../db/types';
import { SyncEngine } from '../sync/engine';
import { httpTransport, type FetchLike } from '../sync/transport';

export interface SyncFirstResult {
  ok: boolean;
  /** Bilingual ("Indonesian / English") reason when not ok. */
  error: string | null;
}

export async function syncOnce(
  store: LocalStore,
  getToken: () => Promise<string | null>,
  fetchFn?: FetchLike,
): Promise<SyncFirstResult> {
  const engine = new SyncEngine({ store, transport: httpTransport('', fetchFn), getToken });
  try {
    await engine.sync();
    const { phase, error } = engine.snapshot;
    if (phase === 'idle') return { ok: true, error: null };
    if (phase === 'signed-out') {
      return { ok: false, error: 'Tidak ada sinyal atau sesi berakhir / no signal or the session has ended' };
    }
    return { ok: false, error: error ?? 'Sinkronisasi gagal / sync failed' };
  } finally {
    // No retry timers left behind: the user decides what to do next.
    engine.stop();
  }
}
