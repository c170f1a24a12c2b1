/**
 * What a person sees per record: "hanya di perangkat ini" (an edit waiting in the outbox, not yet sent),
 * "terkirim" (sent, the server's answer not yet received), "terkonfirmasi" (the server holds this version).
 */
import type { OutboxEntry } from '../db/types';

export type RecordSyncState = 'local' | 'sent' | 'confirmed';

export function recordSyncState(
  record: { id: string; rev: number },
  outbox: readonly Pick<OutboxEntry, 'recordId' | 'state' | 'rejected'>[],
): RecordSyncState {
  const mine = outbox.filter((e) => e.recordId === record.id);
  // A refused change never reached the server: it is only on this device.
  if (mine.some((e) => e.state === 'pending' || e.rejected)) return 'local';
  if (mine.some((e) => e.state === 'sending')) return 'sent';
  return record.rev > 0 ? 'confirmed' : 'local';
}
