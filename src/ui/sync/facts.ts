/**
 * The facts behind the sync headline, one short line each (last sync, what still waits, what was refused, what
 * is downloading, the last error): the header's details list them, and the status keeps them as its title.
 */
import type { SyncStatus } from '../../lib/sync/status.svelte';
import { firstSyncText, formatSyncTime, st } from '../../lib/sync/strings';

type Facts = Pick<
  SyncStatus,
  | 'headline'
  | 'lastSyncAt'
  | 'pending'
  | 'unsavedEditors'
  | 'rejected'
  | 'downloading'
  | 'firstSync'
  | 'conflicts'
  | 'error'
>;

export function syncFacts(status: Facts): string[] {
  return [
    status.lastSyncAt === null
      ? st('status.never')
      : st('status.lastSync', { time: formatSyncTime(status.lastSyncAt) }),
    status.headline.state === 'synced'
      ? st('status.pendingNone')
      : status.pending > 0
        ? st('status.pending', { count: status.pending })
        : '',
    status.unsavedEditors > 0 ? st('status.unsaved', { count: status.unsavedEditors }) : '',
    status.rejected.length > 0 ? st('status.rejected', { count: status.rejected.length }) : '',
    status.conflicts.length > 0 ? st('status.conflicts', { count: status.conflicts.length }) : '',
    status.firstSync ? firstSyncText(status.firstSync) : '',
    status.downloading > 0 ? st('status.downloading', { count: status.downloading }) : '',
    status.error ?? '',
  ].filter(Boolean);
}

/** The headline as one sentence ("Luring — 3 perubahan menunggu"): never more than the facts allow. */
export function headlineText(status: Pick<SyncStatus, 'headline' | 'lastSyncAt'>): string {
  const h = status.headline;
  switch (h.state) {
    case 'signed-out':
      return st('phase.signed-out');
    case 'rejected':
      return st('headline.rejected', { count: h.count });
    case 'syncing':
      return st('phase.syncing');
    case 'offline':
      return h.waiting > 0 ? st('headline.offlineWaiting', { count: h.waiting }) : st('phase.offline');
    case 'error':
      return h.waiting > 0 ? st('headline.errorWaiting', { count: h.waiting }) : st('phase.error');
    case 'waiting':
      return st('headline.waiting', { count: h.waiting });
    case 'unconfirmed':
      return status.lastSyncAt === null ? st('status.never') : st('headline.unconfirmed');
    case 'synced':
      return st('phase.idle');
  }
}
