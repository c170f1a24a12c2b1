import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { cleanup, freshStore } from './helpers';
import { newSessionBody } from '../../../src/shared/domain/factories';

afterEach(cleanup);

describe('quarantine of corrupted records', () => {
  it('garbage written straight into a table is set aside on read, never thrown', async () => {
    const store = await freshStore();
    const good = await store.create('session', { ...newSessionBody(), place: 'Aula' });
    const badId = uuidv7();
    await store.db.sessions.put({ id: badId, startsAt: '2025-01-01T10:00', place: 12345, words: ['aula'] });
    await store.db.sessions.put({ id: 'not-a-uuid', startsAt: '2024-01-01T10:00' } as never);

    const listed = await store.list('session');
    expect(listed.map((s) => s.id)).toEqual([good.id]);
    const q = await store.quarantine();
    expect(q.map((r) => r.id).sort()).toEqual([badId, 'not-a-uuid'].sort());
    const entry = q.find((r) => r.id === badId)!;
    expect(entry.table).toBe('sessions');
    expect(entry.raw).toMatchObject({ id: badId, place: 12345 });
    expect(entry.error).toBeTruthy();
    // Moved, not copied: the table no longer holds it, and reads stay clean.
    expect(await store.db.sessions.get(badId)).toBeUndefined();
    expect(await store.get('session', badId)).toBeUndefined();
    expect((await store.list('session', { text: 'aula' })).map((s) => s.id)).toEqual([good.id]);
  });

  it('get() of a corrupted record returns undefined and quarantines it', async () => {
    const store = await freshStore();
    const id = uuidv7();
    await store.db.drafts.put({ id, kind: 'draft', title: ['not', 'text'] });
    expect(await store.get('draft', id)).toBeUndefined();
    expect((await store.quarantine()).map((r) => r.id)).toEqual([id]);
  });

  it('a record of another kind in the wrong table is quarantined', async () => {
    const store = await freshStore();
    const unit = await store.create('unit', { name: 'RSUD', type: 'lainnya', demo: false });
    await store.db.sessions.put({ ...(await store.db.units.get(unit.id))! });
    expect(await store.list('session')).toEqual([]);
    expect((await store.quarantine())[0]?.error).toMatch(/unit stored as session/);
  });

  it('recovers a record whose fields were missing (older app version), with an outbox entry', async () => {
    const store = await freshStore();
    const id = uuidv7();
    // An older version did not write draftIds, actions or the sync envelope.
    const { draftIds: _d, actions: _a, ...oldBody } = { ...newSessionBody(), notes: 'Catatan penting' };
    await store.db.sessions.put({ id, kind: 'session', ...oldBody });
    expect(await store.list('session')).toEqual([]);
    const recovered = await store.recoverQuarantined(id);
    expect(recovered).toMatchObject({
      id,
      kind: 'session',
      notes: 'Catatan penting',
      draftIds: [],
      actions: {},
    });
    expect(await store.quarantine()).toEqual([]);
    expect((await store.get('session', id))?.notes).toBe('Catatan penting');
    const [entry] = await store.outbox();
    expect(entry).toMatchObject({ recordId: id, op: 'create' });
    expect(entry!.values.notes).toBe('Catatan penting');
  });

  it('a record with an invalid value is not "repaired" away: it stays, and discard is explicit', async () => {
    const store = await freshStore();
    const id = uuidv7();
    await store.db.sessions.put({ id, kind: 'session', ...newSessionBody(), notes: 42 });
    await store.list('session');
    expect(await store.recoverQuarantined(id)).toBeNull();
    const [kept] = await store.quarantine();
    expect(kept).toMatchObject({ id, raw: { notes: 42 } });
    await store.discardQuarantined(id);
    expect(await store.quarantine()).toEqual([]);
    expect(await store.list('session')).toEqual([]);
  });

  it('updating a record that was corrupted in place fails with an Indonesian message', async () => {
    const store = await freshStore();
    const s = await store.create('session', newSessionBody());
    await store.db.sessions.update(s.id, { startsAt: 'kemarin' });
    await expect(store.update('session', s.id, { place: 'Aula' })).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('rusak') as unknown,
    });
    expect(await store.outbox()).toHaveLength(1);
  });
});
