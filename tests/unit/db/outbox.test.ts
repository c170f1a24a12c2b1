import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { cleanup, freshStore } from './helpers';
import { newDraftBody, newSessionBody } from '../../../src/shared/domain/factories';
import { latestProposalTemplate } from '../../../src/shared/templates';
import { changeSchema } from '../../../src/shared/protocol';

afterEach(cleanup);

const template = latestProposalTemplate('kipp-2023-umum')!;

describe('outbox written with the edit', () => {
  it('create appends every path with base 0, a valid protocol change', async () => {
    const store = await freshStore();
    const d = await store.create('draft', { ...newDraftBody(template, null), title: 'Judul' });
    const [entry, ...rest] = await store.outbox();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ recordId: d.id, kind: 'draft', op: 'create', state: 'pending', seq: 1 });
    expect(entry!.values).toMatchObject({ title: 'Judul', 'sections.ringkasan': '', stage: 'inisiatif' });
    expect(Object.values(entry!.base).every((v) => v === 0)).toBe(true);
    expect(Object.keys(entry!.base).sort()).toEqual(Object.keys(entry!.values).sort());
    expect(entry!.deviceId).toBe(store.deviceId);
    const { state: _s, ...change } = entry!;
    expect(changeSchema.safeParse(change).success).toBe(true);
  });

  it('an update without a change writes nothing', async () => {
    const store = await freshStore();
    const s = await store.create('session', newSessionBody());
    await store.markSending([1]);
    const same = await store.update('session', s.id, { place: s.place, topics: '' });
    expect(same.updatedAt).toBe(s.updatedAt);
    expect(await store.outbox()).toHaveLength(1);
  });

  it('amends a pending entry: values merged, earliest base kept per path', async () => {
    const store = await freshStore();
    const d = await store.create('draft', newDraftBody(template, null));
    // Pretend the record came from the server at version 7, then edit it twice.
    await store.acknowledge(1, { ...d, rev: 7, fieldVersions: { title: 7, 'sections.ringkasan': 5 } });
    expect(await store.outbox()).toEqual([]);
    await store.update('draft', d.id, { title: 'Satu' });
    // The server's title was changed by someone else in the same words (no clean merge: no live rebase), so
    // the pending title keeps its local value and its old base.
    await store.applyRemote([
      {
        ...(await store.get('draft', d.id))!,
        rev: 9,
        title: 'Judul lain',
        fieldVersions: { title: 9, 'sections.ringkasan': 9 },
        sections: { ...d.sections, ringkasan: 'dari server' },
      },
    ]);
    const current = (await store.get('draft', d.id))!;
    expect(current.fieldVersions).toMatchObject({ title: 7, 'sections.ringkasan': 9 });
    await store.update('draft', d.id, {
      title: 'Dua',
      sections: { ...current.sections, ringkasan: 'lokal' },
    });
    const entries = await store.outbox();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      op: 'update',
      state: 'pending',
      values: { title: 'Dua', 'sections.ringkasan': 'lokal' },
      base: { title: 7, 'sections.ringkasan': 9 },
    });
  });

  it('a create amended by updates stays a create', async () => {
    const store = await freshStore();
    const s = await store.create('session', newSessionBody());
    await store.update('session', s.id, { place: 'Aula' });
    await store.update('session', s.id, { notes: 'Catatan' });
    const entries = await store.outbox();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ op: 'create', values: { place: 'Aula', notes: 'Catatan' } });
  });

  it("never amends a 'sending' entry: a later edit gets its own seq", async () => {
    const store = await freshStore();
    const s = await store.create('session', newSessionBody());
    await store.markSending([1]);
    await store.update('session', s.id, { place: 'Aula' });
    await store.update('session', s.id, { notes: 'Catatan' });
    const entries = await store.outbox();
    expect(entries.map((e) => [e.seq, e.state, e.op])).toEqual([
      [1, 'sending', 'create'],
      [2, 'pending', 'update'],
    ]);
    expect(entries[0]!.values.place).toBe('');
    expect(entries[1]!.values).toEqual({ place: 'Aula', notes: 'Catatan' });
  });

  it('delete and restore are the tombstone path, merged with pending edits', async () => {
    const store = await freshStore();
    const s = await store.create('session', newSessionBody());
    await store.markSending([1]);
    await store.update('session', s.id, { place: 'Aula' });
    await store.remove('session', s.id);
    let entries = await store.outbox();
    expect(entries[1]).toMatchObject({
      op: 'delete',
      values: { place: 'Aula', deleted: true },
      base: { deleted: 0 },
    });
    await store.restore('session', s.id);
    entries = await store.outbox();
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ op: 'restore', values: { place: 'Aula', deleted: false } });
    // Removing twice is a no-op.
    await store.remove('session', s.id);
    await store.remove('session', s.id);
    expect(await store.outbox()).toHaveLength(2);
  });

  it('rejected entries are kept, excluded from pushes and never amended', async () => {
    const store = await freshStore();
    const a = await store.create('session', newSessionBody());
    const b = await store.create('session', newSessionBody());
    await store.reject(1, 'forbidden', 'Tidak diizinkan / forbidden');
    expect(await store.countPending()).toBe(1);
    expect((await store.pendingPushBatch(10)).map((e) => e.recordId)).toEqual([b.id]);
    await store.update('session', a.id, { place: 'Aula' });
    const entries = await store.outbox();
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ rejected: { code: 'forbidden' }, values: { place: '' } });
    expect(entries[2]).toMatchObject({ recordId: a.id, op: 'update', values: { place: 'Aula' } });
    expect((await store.pendingPushBatch(1)).map((e) => e.seq)).toEqual([2]);
  });

  it('pendingPushBatch returns oldest first, pending and sending alike', async () => {
    const store = await freshStore();
    for (let i = 0; i < 5; i++) await store.create('session', newSessionBody());
    await store.markSending([1, 2]);
    expect((await store.pendingPushBatch(3)).map((e) => [e.seq, e.state])).toEqual([
      [1, 'sending'],
      [2, 'sending'],
      [3, 'pending'],
    ]);
    expect(await store.countPending()).toBe(5);
  });
});

describe('atomicity: the record and its outbox entry are written together or not at all', () => {
  it('an outbox write that throws leaves no record (create)', async () => {
    const store = await freshStore();
    const boom = () => {
      throw new Error('disk full (simulated)');
    };
    store.db.outbox.hook('creating', boom);
    await expect(store.create('session', newSessionBody())).rejects.toThrow(/simulated/);
    store.db.outbox.hook('creating').unsubscribe(boom);
    expect(await store.list('session', { includeDeleted: true })).toEqual([]);
    expect(await store.db.sessions.count()).toBe(0);
    expect(await store.outbox()).toEqual([]);
  });

  it('an amended outbox entry that fails rolls back the record change (update)', async () => {
    const store = await freshStore();
    const s = await store.create('session', newSessionBody());
    const boom = () => {
      throw new Error('quota (simulated)');
    };
    store.db.outbox.hook('updating', boom);
    await expect(store.update('session', s.id, { place: 'Aula' })).rejects.toThrow(/simulated/);
    store.db.outbox.hook('updating').unsubscribe(boom);
    expect((await store.get('session', s.id))?.place).toBe('');
    expect((await store.outbox())[0]!.values.place).toBe('');
  });

  it('aborting the transaction from a hook after the record write stores neither', async () => {
    const store = await freshStore();
    const s = await store.create('session', newSessionBody());
    await store.markSending([1]);
    const abort = () => {
      Dexie.currentTransaction?.abort();
    };
    store.db.outbox.hook('creating', abort);
    await expect(store.remove('session', s.id)).rejects.toThrow();
    store.db.outbox.hook('creating').unsubscribe(abort);
    expect((await store.get('session', s.id))?.deleted).toBe(false);
    expect(await store.outbox()).toHaveLength(1);
  });

  it('a batch is one transaction: a failure undoes every write in it', async () => {
    const store = await freshStore();
    await expect(
      store.batch(async () => {
        await store.create('unit', { name: 'RSUD', type: 'lainnya', demo: false });
        await store.create('unit', { name: 'Puskesmas', type: 'puskesmas', demo: false });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await store.list('unit')).toEqual([]);
    expect(await store.outbox()).toEqual([]);
  });
});

describe('a refused creation', () => {
  it('discarding it removes the record the server never had, and nothing else', async () => {
    const store = await freshStore();
    const unit = await store.create('unit', { name: 'Puskesmas Baru', type: 'puskesmas', demo: false });
    const kept = await store.create('unit', { name: 'Puskesmas Lama', type: 'puskesmas', demo: false });
    await store.markSending([1, 2]);
    await store.reject(1, 'forbidden', 'Hanya koordinator / only coordinators');
    await store.discardRejected(1);
    expect(await store.get('unit', unit.id)).toBeUndefined();
    expect(await store.get('unit', kept.id)).toBeDefined();
    expect((await store.outbox()).map((e) => e.recordId)).toEqual([kept.id]);
  });

  it('keeps the record while a later edit of it still waits to be sent', async () => {
    const store = await freshStore();
    const unit = await store.create('unit', { name: 'Puskesmas Baru', type: 'puskesmas', demo: false });
    await store.markSending([1]);
    await store.update('unit', unit.id, { name: 'Puskesmas Baru Sekali' });
    await store.reject(1, 'forbidden', 'Hanya koordinator / only coordinators');
    await store.discardRejected(1);
    expect((await store.get('unit', unit.id))?.name).toBe('Puskesmas Baru Sekali');
  });
});
