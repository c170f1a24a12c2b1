/**
 * The slim push answer (pure): what the server leaves out of an applied change's answer, and that the phone
 * rebuilds exactly the server's record from its own copy and that answer.
 */
import { describe, expect, it } from 'vitest';
import { applyDelta, deltaOf, type SentChange } from '../../../src/shared/pushAnswer';
import { bodyOf, type AnyRecord, type Session } from '../../../src/shared/records';
import type { RecordDelta } from '../../../src/shared/protocol';
import { summarizeRecord } from '../../../src/shared/summary';
import { aFollowUp, aSession, aUnit } from '../../factories';

const ACTION = '0190a000-0000-7000-8000-0000000000a1';

/** The answer the server sends for `server` (its record after the push) to the phone that sent `sent`. */
function answer(server: AnyRecord, sent: SentChange): RecordDelta {
  const { fieldVersions, partial: _partial, ...envelope } = server;
  const { kind } = server;
  const delta = deltaOf(kind, bodyOf(kind, server), fieldVersions, sent);
  return {
    id: envelope.id,
    kind,
    tenantId: envelope.tenantId,
    createdAt: envelope.createdAt,
    updatedAt: envelope.updatedAt,
    createdBy: envelope.createdBy,
    updatedBy: envelope.updatedBy,
    deleted: envelope.deleted,
    rev: envelope.rev,
    ...delta,
  };
}

/** The phone's copy at rev 9, as pulled. */
const pulled = aSession({
  rev: 9,
  fieldVersions: { startsAt: 4, place: 4, notes: 9, [`actions.${ACTION}`]: 6, deleted: 4 },
  startsAt: '2026-11-01T09:00',
  place: 'Aula kecamatan',
  notes: 'Catatan awal.',
  actions: { [ACTION]: aFollowUp({ what: 'Survei', who: 'Sari', due: '2026-12-01' }) },
});

describe('the slim push answer', () => {
  it('sends only versions for a path written as sent, and nothing of paths unchanged since the base', () => {
    const sent = { values: { place: 'Balai desa' }, base: { place: 4 } };
    const local: Session = { ...pulled, place: 'Balai desa' };
    const server: Session = {
      ...local,
      rev: 12,
      updatedAt: 5,
      fieldVersions: { ...pulled.fieldVersions, place: 12 },
    };
    const delta = answer(server, sent);
    // notes (9) and the action (6) were written after the base (4): the phone may not know them, so they come.
    expect(delta.versions).toEqual({ place: 12, notes: 9, [`actions.${ACTION}`]: 6 });
    expect(delta.values).toEqual({ notes: pulled.notes, [`actions.${ACTION}`]: pulled.actions[ACTION] });
    expect(delta.values).not.toHaveProperty('place');
    expect(delta.versions).not.toHaveProperty('startsAt');
    expect(applyDelta(local, delta)).toEqual(server);
  });

  it('sends the merged value where the server holds another value than the one sent', () => {
    const sent = { values: { notes: 'Catatan awal. Tambahan dari HP.' }, base: { notes: 9 } };
    const local: Session = { ...pulled, notes: sent.values.notes };
    const server: Session = {
      ...pulled,
      rev: 14,
      notes: 'Catatan awal, diperbaiki. Tambahan dari HP.',
      place: 'Balai desa',
      fieldVersions: { ...pulled.fieldVersions, notes: 14, place: 13 },
    };
    const delta = answer(server, sent);
    // place was written by another phone after every base this phone sent: it comes too.
    expect(delta.values).toEqual({ notes: server.notes, place: 'Balai desa' });
    expect(delta.versions).toEqual({ notes: 14, place: 13 });
    expect(applyDelta(local, delta)).toEqual(server);
  });

  it('answers a create with every version and only the values the server stamped', () => {
    const created = aSession({ place: 'Posyandu', facilitatorName: '' });
    const sent = {
      values: { place: 'Posyandu', notes: created.notes, startsAt: created.startsAt },
      base: { place: 0, notes: 0, startsAt: 0 },
    };
    const server: Session = {
      ...created,
      facilitatorName: 'Budi',
      createdBy: 'u1',
      updatedBy: 'u1',
      rev: 3,
      fieldVersions: { place: 3, notes: 3, startsAt: 3, facilitatorName: 3, deleted: 3 },
    };
    const delta = answer(server, sent);
    expect(delta.values).toEqual({ facilitatorName: 'Budi' });
    expect(Object.keys(delta.versions).sort()).toEqual(
      ['deleted', 'facilitatorName', 'notes', 'place', 'startsAt'].sort(),
    );
    expect(applyDelta(created, delta)).toEqual(server);
  });

  it('removes a map entry the server removed, and carries the tombstone in the envelope', () => {
    const sent = { values: { deleted: true }, base: { deleted: 4 } };
    const server: Session = {
      ...pulled,
      deleted: true,
      actions: {},
      rev: 20,
      fieldVersions: { ...pulled.fieldVersions, [`actions.${ACTION}`]: 19, deleted: 20 },
    };
    const delta = answer(server, sent);
    expect(delta.values).toEqual({ notes: pulled.notes, [`actions.${ACTION}`]: null });
    expect(applyDelta({ ...pulled, deleted: true }, delta)).toEqual(server);
  });

  it('cannot rebuild without the record, or from another kind: the phone then asks for it whole', () => {
    const delta = answer({ ...pulled, rev: 10 }, { values: {}, base: {} });
    expect(applyDelta(undefined, delta)).toBeNull();
    expect(applyDelta(aUnit({ id: pulled.id }), delta)).toBeNull();
  });

  it('leaves a summary a summary: its long fields still come with the full record', () => {
    // The phone edited a short field of its summary (the edit is on its copy already).
    const summary = { ...summarizeRecord(pulled), place: 'Balai desa' } as Session;
    const server: Session = {
      ...pulled,
      place: 'Balai desa',
      rev: 15,
      fieldVersions: { ...pulled.fieldVersions, place: 15 },
    };
    const rebuilt = applyDelta(
      summary,
      answer(server, { values: { place: 'Balai desa' }, base: { place: 9 } }),
    );
    expect(rebuilt).toMatchObject({ partial: true, place: 'Balai desa', rev: 15, notes: '' });
  });
});
