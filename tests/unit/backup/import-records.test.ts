import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { isNewerCopy } from '../../../src/lib/db/backup';
import type { Unit } from '../../../src/shared/records';
import { cleanup, freshStore } from '../db/helpers';
import { aUnit } from '../../factories';

afterEach(cleanup);

function unit(overrides: Partial<Unit> = {}): Unit {
  return aUnit({
    tenantId: 'local',
    createdAt: 1_000,
    updatedAt: 2_000,
    createdBy: 'u-old-phone',
    updatedBy: 'u-old-phone',
    name: 'Dinas Kesehatan',
    type: 'opd',
    ...overrides,
  });
}

describe('isNewerCopy', () => {
  it('needs a rev not lower AND a later edit', () => {
    expect(isNewerCopy({ rev: 3, updatedAt: 10 }, { rev: 3, updatedAt: 9 })).toBe(true);
    expect(isNewerCopy({ rev: 4, updatedAt: 10 }, { rev: 3, updatedAt: 9 })).toBe(true);
    expect(isNewerCopy({ rev: 3, updatedAt: 10 }, { rev: 3, updatedAt: 10 })).toBe(false);
    expect(isNewerCopy({ rev: 2, updatedAt: 99 }, { rev: 3, updatedAt: 9 })).toBe(false);
    expect(isNewerCopy({ rev: 9, updatedAt: 5 }, { rev: 3, updatedAt: 9 })).toBe(false);
  });
});

describe('LocalStore.importRecords', () => {
  it('adds a record that is not here as it is in the file, and queues a never-synced one as a create', async () => {
    const store = await freshStore();
    const record = unit();
    expect(await store.importRecords([{ record, pendingPaths: [] }])).toEqual({
      added: 1,
      updated: 0,
      kept: 0,
    });
    expect(await store.get('unit', record.id)).toEqual(record);
    const [entry, ...rest] = await store.outbox();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      recordId: record.id,
      op: 'create',
      values: { name: 'Dinas Kesehatan', type: 'opd', demo: false, deleted: false },
      base: { name: 0, type: 0, demo: 0, deleted: 0 },
      state: 'pending',
      deviceId: store.deviceId,
    });
  });

  it('a synced record queues only the paths the file still had to send, on their server versions', async () => {
    const store = await freshStore();
    const clean = unit({ rev: 5, fieldVersions: { name: 5, type: 2 } });
    const edited = unit({ rev: 7, fieldVersions: { name: 7, type: 3 }, name: 'Dinkes (baru)' });
    await store.importRecords([
      { record: clean, pendingPaths: [] },
      { record: edited, pendingPaths: ['name'] },
    ]);
    const outbox = await store.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      recordId: edited.id,
      op: 'update',
      values: { name: 'Dinkes (baru)' },
      base: { name: 7 },
    });
  });

  it('never overwrites a copy that is newer here (later edit, or a higher rev)', async () => {
    const store = await freshStore();
    const local = await store.create('unit', { name: 'Nama terbaru di HP ini', type: 'opd', demo: false });
    const olderInFile = unit({ id: local.id, updatedAt: local.updatedAt - 1, name: 'Nama lama' });
    const seqsBefore = (await store.outbox()).map((e) => ({ ...e }));
    expect(await store.importRecords([{ record: olderInFile, pendingPaths: ['name'] }])).toEqual({
      added: 0,
      updated: 0,
      kept: 1,
    });
    expect(await store.get('unit', local.id)).toEqual(local);
    expect(await store.outbox()).toEqual(seqsBefore);

    // Synced further here: a later edit in the file with a lower rev is still older news.
    await store.applyRemote([{ ...local, rev: 9, updatedAt: local.updatedAt }]);
    const synced = (await store.get('unit', local.id))!;
    const staleRev = unit({
      id: local.id,
      rev: 8,
      updatedAt: synced.updatedAt + 60_000,
      name: 'Dari cadangan',
    });
    expect((await store.importRecords([{ record: staleRev, pendingPaths: ['name'] }])).kept).toBe(1);
    expect((await store.get('unit', local.id))!.name).toBe('Nama terbaru di HP ini');
  });

  it('replaces an older copy, and its pending edit here now carries the restored value', async () => {
    const store = await freshStore();
    const local = await store.create('unit', { name: 'Ketikan lama', type: 'opd', demo: false });
    const newer = unit({
      id: local.id,
      updatedAt: local.updatedAt + 1_000,
      name: 'Ketikan baru',
      type: 'puskesmas',
    });
    expect(await store.importRecords([{ record: newer, pendingPaths: [] }])).toEqual({
      added: 0,
      updated: 1,
      kept: 0,
    });
    expect(await store.get('unit', local.id)).toEqual(newer);
    // The unsent create is amended: what syncs is the restored record, never the older typing.
    const outbox = await store.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ op: 'create', values: { name: 'Ketikan baru', type: 'puskesmas' } });
  });

  it('all or nothing: a record of another data space refuses the whole call', async () => {
    const store = await freshStore();
    const good = unit();
    const foreign = unit({ tenantId: 'pemda-lain' });
    await expect(
      store.importRecords([
        { record: good, pendingPaths: [] },
        { record: foreign, pendingPaths: [] },
      ]),
    ).rejects.toThrow(/ruang data lain \/ .*another data space/);
    expect(await store.get('unit', good.id)).toBeUndefined();
    expect(await store.outbox()).toEqual([]);
  });

  it('refuses a record that does not validate', async () => {
    const store = await freshStore();
    const bad = { ...unit(), name: '' };
    await expect(store.importRecords([{ record: bad, pendingPaths: [] }])).rejects.toThrow(
      /Nama unit wajib diisi/,
    );
    expect(await store.list('unit')).toEqual([]);
  });
});

describe('LocalStore.importRecords and damaged rows', () => {
  it('keeps a stored row that does not validate (never dropped), whatever the file says', async () => {
    const store = await freshStore();
    const record = unit();
    const broken = { ...record, name: 42, words: [] };
    await store.db.units.put(broken as never);
    expect(
      await store.importRecords([{ record: { ...record, updatedAt: 9_999 }, pendingPaths: [] }]),
    ).toEqual({
      added: 0,
      updated: 0,
      kept: 1,
    });
    expect(await store.db.units.get(record.id)).toEqual(broken);
  });
});
