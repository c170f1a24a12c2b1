import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { cleanup, freshStore } from './helpers';
import { newDraftBody, newSessionBody } from '../../../src/shared/domain/factories';
import { latestProposalTemplate } from '../../../src/shared/templates';
import { StoreError } from '../../../src/lib/db/errors';

afterEach(cleanup);

const template = latestProposalTemplate('kipp-2023-umum')!;

describe('LocalStore CRUD', () => {
  it('creates with a full envelope and reads back', async () => {
    const store = await freshStore({ userId: 'u1', tenantId: 't1' });
    const unitId = uuidv7();
    const draft = await store.create('draft', {
      ...newDraftBody(template, unitId),
      title: 'Posyandu Digital',
    });
    expect(draft).toMatchObject({
      kind: 'draft',
      tenantId: 't1',
      createdBy: 'u1',
      updatedBy: 'u1',
      deleted: false,
      rev: 0,
      fieldVersions: {},
      title: 'Posyandu Digital',
    });
    expect(draft.createdAt).toBe(draft.updatedAt);
    expect(await store.get('draft', draft.id)).toEqual(draft);
    expect(await store.list('draft', { unitId })).toEqual([draft]);
    expect(await store.list('draft', { unitId: uuidv7() })).toEqual([]);
  });

  it('guest records carry tenant local and author guest', async () => {
    const store = await freshStore({ userId: null });
    expect(store.name).toBe('rintis-guest');
    const s = await store.create('session', newSessionBody());
    expect(s.tenantId).toBe('local');
    expect(s.createdBy).toBe('guest');
  });

  it('rejects an invalid body with an Indonesian message and writes nothing', async () => {
    const store = await freshStore();
    const err = await store
      .create('unit', { name: '', type: 'opd', demo: false })
      .catch((e: unknown) => e as StoreError);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('invalid');
    expect((err as StoreError).message).toContain('Nama unit wajib diisi');
    expect(await store.list('unit')).toEqual([]);
    expect(await store.outbox()).toEqual([]);
  });

  it('updates only changed paths and bumps updatedAt', async () => {
    const store = await freshStore();
    const d = await store.create('draft', newDraftBody(template, null));
    const u = await store.update('draft', d.id, { sections: { ...d.sections, ringkasan: 'Ringkas' } });
    expect(u.sections.ringkasan).toBe('Ringkas');
    expect(u.updatedAt).toBeGreaterThanOrEqual(d.updatedAt);
    expect((await store.get('draft', d.id))?.sections.ringkasan).toBe('Ringkas');
  });

  it('update of a missing record throws not-found', async () => {
    const store = await freshStore();
    await expect(store.update('unit', uuidv7(), { name: 'X' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('create with an existing id throws exists', async () => {
    const store = await freshStore();
    const u = await store.create('unit', { name: 'RSUD', type: 'lainnya', demo: false });
    await expect(
      store.create('unit', { name: 'Lain', type: 'opd', demo: false }, { id: u.id }),
    ).rejects.toMatchObject({ code: 'exists' });
  });

  it('remove writes a tombstone, hidden from lists unless asked; restore brings it back', async () => {
    const store = await freshStore();
    const s = await store.create('session', newSessionBody());
    await store.remove('session', s.id);
    expect(await store.list('session')).toEqual([]);
    const [tomb] = await store.list('session', { includeDeleted: true });
    expect(tomb?.deleted).toBe(true);
    expect((await store.get('session', s.id))?.deleted).toBe(true);
    await store.restore('session', s.id);
    expect((await store.list('session')).map((r) => r.id)).toEqual([s.id]);
  });

  it('keeps a device id across reopen', async () => {
    const store = await freshStore({ userId: 'device-test' });
    const id = store.deviceId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    store.close();
    const again = await freshStore({ userId: 'device-test' });
    expect(again.deviceId).toBe(id);
  });
});

describe('validation messages', () => {
  it('generic type errors still come in Indonesian and English, with the field', async () => {
    const store = await freshStore();
    const err = (await store
      .create('session', { ...newSessionBody(), place: 42 as unknown as string })
      .catch((e: unknown) => e)) as StoreError;
    expect(err.code).toBe('invalid');
    expect(err.message).toBe('place: Jenis isian salah: harus teks / place: Wrong type: expected text');
  });

  it('an invalid update writes nothing', async () => {
    const store = await freshStore();
    const s = await store.create('session', newSessionBody());
    await expect(store.update('session', s.id, { startsAt: 'besok' })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('Tanggal dan jam tidak sah') as unknown,
    });
    expect((await store.get('session', s.id))?.startsAt).toBe(s.startsAt);
    expect(await store.outbox()).toHaveLength(1);
  });
});
