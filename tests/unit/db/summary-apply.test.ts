/** Summaries (partial records from a new phone's first pull) in the store: never over a full copy, never edited. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, freshStore, serverDraft as baseDraft } from './helpers';
import { summarizeRecord } from '../../../src/shared/summary';
import type { Draft } from '../../../src/shared/records';

afterEach(cleanup);

const serverDraft = (over: Partial<Draft> = {}): Draft =>
  baseDraft({
    fieldVersions: { title: 3, 'sections.ringkasan': 2, deleted: 1 },
    sections: { ringkasan: 'Teks lengkap dari server.' },
    ...over,
  });

describe('summaries in the local store', () => {
  it('stores a summary, lists it as waiting, and replaces it with the full record', async () => {
    const store = await freshStore({ tenantId: 't1' });
    const full = serverDraft();
    await store.applyRemote([summarizeRecord(full)]);
    expect(await store.get('draft', full.id)).toMatchObject({ partial: true, sections: {} });
    expect(await store.stubs(10)).toEqual([{ id: full.id, kind: 'draft' }]);
    expect(await store.countStubs()).toBe(1);
    await store.applyRemote([full]);
    expect(await store.get('draft', full.id)).toEqual(full);
    expect(await store.stubs(10)).toEqual([]);
  });

  it('never lets a summary replace a full copy as new as itself', async () => {
    const store = await freshStore({ tenantId: 't1' });
    const full = serverDraft();
    await store.applyRemote([full]);
    await store.applyRemote([summarizeRecord(full)]);
    expect(await store.get('draft', full.id)).toEqual(full);
    expect(await store.stubs(10)).toEqual([]);
  });

  it('keeps the long fields of an older full copy under a newer summary, and waits for the full record', async () => {
    const store = await freshStore({ tenantId: 't1' });
    const old = serverDraft();
    await store.applyRemote([old]);
    const newer = serverDraft({
      ...old,
      rev: 7,
      title: 'Judul baru',
      fieldVersions: { ...old.fieldVersions, title: 7 },
    });
    await store.applyRemote([summarizeRecord(newer)]);
    expect(await store.get('draft', old.id)).toMatchObject({
      partial: true,
      title: 'Judul baru',
      sections: old.sections,
      fieldVersions: { title: 7, 'sections.ringkasan': 2 },
    });
    expect(await store.stubs(10)).toEqual([{ id: old.id, kind: 'draft' }]);
  });

  it('refuses edits of left-out fields of a summary, allows the short ones, and lists newest first', async () => {
    const store = await freshStore({ tenantId: 't1' });
    const first = serverDraft();
    const second = serverDraft();
    await store.applyRemote([summarizeRecord(first), summarizeRecord(second)]);
    await expect(
      store.update('draft', first.id, { sections: { ringkasan: 'Kosong?' } }),
    ).rejects.toMatchObject({
      code: 'partial',
      message: expect.stringContaining(' / '),
    });
    await store.update('draft', first.id, { title: 'Judul lokal' });
    const [entry] = await store.outbox();
    expect(entry).toMatchObject({ values: { title: 'Judul lokal' }, base: { title: 3 } });
    expect((await store.stubs(10)).map((s) => s.id)).toEqual([second.id, first.id]);
    await store.forgetStubs([second.id]);
    expect((await store.stubs(10)).map((s) => s.id)).toEqual([first.id]);
    // The full record keeps the pending local title (the outbox holds it) and fills in the rest.
    await store.applyRemote([first]);
    expect(await store.get('draft', first.id)).toMatchObject({
      title: 'Judul lokal',
      sections: first.sections,
    });
    expect((await store.get('draft', first.id))?.partial).toBeUndefined();
  });

  it('restores summaries from a backup and still waits for their full records', async () => {
    const store = await freshStore({ tenantId: 't1' });
    const summary = summarizeRecord(serverDraft());
    await store.importRecords([{ record: summary, pendingPaths: [] }]);
    expect(await store.stubs(10)).toEqual([{ id: summary.id, kind: 'draft' }]);
  });
});
