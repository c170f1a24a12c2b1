/**
 * What a person sees per record: "hanya di perangkat ini" (an edit waiting in the outbox), "terkirim" (on the
 * wire right now, the server's answer not yet back), "terkonfirmasi" (the server holds this version), "ditolak
 * server" (a change of it was refused: never shown as sent). A request that failed without an answer counts as
 * not sent: nobody confirmed it, so the phone must not claim it.
 */
import type { OutboxEntry } from '../db/types';

export type RecordSyncState = 'local' | 'sent' | 'confirmed' | 'rejected';

export function recordSyncState(
  record: { id: string; rev: number },
  outbox: readonly Pick<OutboxEntry, 'recordId' | 'state' | 'rejected' | 'seq'>[],
  inFlight: readonly number[] = [],
): RecordSyncState {
  const mine = outbox.filter((e) => e.recordId === record.id);
  if (mine.length === 0) return record.rev > 0 ? 'confirmed' : 'local';
  // A refused change never reached the server and will not be resent: said so, before anything else.
  if (mine.some((e) => e.rejected)) return 'rejected';
  // A pending one is not sent yet.
  if (mine.some((e) => e.state === 'pending')) return 'local';
  return mine.every((e) => inFlight.includes(e.seq)) ? 'sent' : 'local';
}
