/**
 * What makes the app sync (the app drives it; nothing waits for the browser): start, `online`, the page becoming
 * visible, a timer while open and visible, and live events from the server. Background Sync is registered where
 * the browser has it, as a bonus: when the browser fires it, the service worker (public/sw-background-sync.js)
 * tells every open page to sync; with no page open, the next start syncs anyway.
 */
import type { SyncEngine } from './engine';
import { startLiveEvents } from './live';
import type { FetchLike } from './transport';

export const BACKGROUND_SYNC_TAG = 'rintis-sync';
/** The message the service worker posts to open pages when the browser fires the background sync. */
export const BACKGROUND_SYNC_MESSAGE = 'rintis-sync';

export interface TriggerOptions {
  /** Periodic sync while the page is open and visible. */
  intervalMs?: number;
  /** Live events URL ('' to leave them off). */
  eventsUrl?: string;
  getToken: () => string | null | Promise<string | null>;
  fetch?: FetchLike;
  /** Back online: called with the sync started for it (settles when that sync, or the one it joined, ends). */
  onReconnect?: (run: Promise<unknown>) => void;
}

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** Registers a Background Sync where available; never throws, never relied on. */
export async function registerBackgroundSync(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
    const reg = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      sync?: SyncManagerLike;
    };
    if (!reg.sync) return false;
    await reg.sync.register(BACKGROUND_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}

export function attachSyncTriggers(engine: SyncEngine, options: TriggerOptions): () => void {
  const run = () => void engine.sync();
  const startLive = () =>
    options.eventsUrl
      ? startLiveEvents({
          url: options.eventsUrl,
          getToken: options.getToken,
          onChanged: run,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        })
      : () => undefined;
  let stopLive = startLive();
  // Back online: sync now, and reconnect the live events at once instead of waiting out their backoff.
  const onOnline = () => {
    const reconnectRun = engine.sync();
    options.onReconnect?.(reconnectRun);
    stopLive();
    stopLive = startLive();
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') run();
  };
  const onOffline = () => void registerBackgroundSync();
  const onWorkerMessage = (event: MessageEvent) => {
    if ((event.data as { type?: unknown } | null)?.type === BACKGROUND_SYNC_MESSAGE) run();
  };
  const worker = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
  worker?.addEventListener('message', onWorkerMessage);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible' && navigator.onLine !== false) run();
  }, options.intervalMs ?? 60_000);
  run();
  return () => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    worker?.removeEventListener('message', onWorkerMessage);
    document.removeEventListener('visibilitychange', onVisible);
    clearInterval(timer);
    stopLive();
  };
}
