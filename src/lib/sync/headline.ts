/**
 * What the header says about sync, from the facts only: it never says more than is true. "Tersinkron" needs
 * every one of: nothing in the outbox, no editor holding input, no refused change, and a last run that reached
 * the server. Pure, so the rule is tested without a browser.
 */
import type { SyncPhase } from './snapshot';

export type SyncHeadline =
  | { state: 'signed-out' }
  /** Changes the server refused for good: kept on the phone, shown with what the person can do. */
  | { state: 'rejected'; count: number }
  | { state: 'syncing'; waiting: number }
  /** No network (the browser says so, or the last run found none); `waiting` changes are still only here. */
  | { state: 'offline'; waiting: number }
  | { state: 'error'; waiting: number }
  /** Online and idle but something is still only on this phone (a sync is due shortly). */
  | { state: 'waiting'; waiting: number }
  /** Nothing waiting, but no run has reached the server yet in this session. */
  | { state: 'unconfirmed' }
  | { state: 'synced' };

export interface HeadlineFacts {
  phase: SyncPhase;
  /** Outbox entries not refused (pending or on their way). */
  pending: number;
  /** Open editors whose input is not stored yet. */
  unsavedEditors: number;
  rejected: number;
  /** The browser's idea of the network (`navigator.onLine` and its events). */
  online: boolean;
  /** The last run reached the server and finished. */
  reached: boolean;
}

export function syncHeadline(f: HeadlineFacts): SyncHeadline {
  const waiting = f.pending + f.unsavedEditors;
  if (f.phase === 'signed-out') return { state: 'signed-out' };
  if (f.rejected > 0) return { state: 'rejected', count: f.rejected };
  if (f.phase === 'syncing') return { state: 'syncing', waiting };
  if (f.phase === 'offline' || !f.online) return { state: 'offline', waiting };
  if (f.phase === 'error') return { state: 'error', waiting };
  if (waiting > 0) return { state: 'waiting', waiting };
  if (!f.reached) return { state: 'unconfirmed' };
  return { state: 'synced' };
}

const ID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The words a refused change carries, for "Salin teksnya": every non-empty text in its values (nested ones too,
 * e.g. a checklist item's note), in order, one paragraph each; record ids are left out (nobody types them).
 */
export function textOfChange(values: Record<string, unknown>): string {
  const texts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.trim() !== '' && !ID_LIKE.test(v)) texts.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(values);
  return texts.join('\n\n');
}
