import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, freshStore, serverDraft } from './helpers';
import { newDraftBody } from '../../../src/shared/domain/factories';
import { latestProposalTemplate } from '../../../src/shared/templates';
import type { Draft } from '../../../src/shared/records';

afterEach(cleanup);

const template = latestProposalTemplate('kipp-2023-umum')!;

describe('applyRemote', () => {
  it('stores records it has never seen, in one call', async () => {
    const store = await freshStore();
    const a = serverDraft();
    const b = serverDraft({ title: 'Lain' });
    await store.applyRemote([a, b]);
    expect(await store.get('draft', a.id)).toEqual(a);
    expect((await store.list('draft')).map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    expect(await store.outbox()).toEqual([]);
    expect((await store.list('draft', { text: 'lain' })).map((d) => d.id)).toEqual([b.id]);
  });

  it('does not overwrite paths held by a pending entry, keeps their old base, takes the rest', async () => {
    const store = await freshStore();
    const remote = serverDraft();
    await store.applyRemote([remote]);
    await store.update('draft', remote.id, { title: 'Judul lokal' });
    await store.applyRemote([
      {
        ...remote,
        rev: 5,
        title: 'Judul server baru',
        team: 'Tim baru',
        sections: { ...remote.sections, ringkasan: 'Ringkasan server' },
        fieldVersions: { title: 5, team: 4, 'sections.ringkasan': 5 },
      },
    ]);
    const local = (await store.get('draft', remote.id))!;
    expect(local.title).toBe('Judul lokal');
    expect(local.team).toBe('Tim baru');
    expect(local.sections.ringkasan).toBe('Ringkasan server');
    expect(local.rev).toBe(5);
    expect(local.fieldVersions).toEqual({ title: 3, team: 4, 'sections.ringkasan': 5 });
    const [entry] = await store.outbox();
    expect(entry).toMatchObject({ values: { title: 'Judul lokal' }, base: { title: 3 } });
  });

  it("also protects paths of 'sending' entries and a pending delete", async () => {
    const store = await freshStore();
    const remote = serverDraft();
    await store.applyRemote([remote]);
    await store.update('draft', remote.id, { title: 'Lokal' });
    await store.markSending([1]);
    await store.remove('draft', remote.id);
    await store.applyRemote([{ ...remote, rev: 6, title: 'Server', deleted: false }]);
    const local = (await store.get('draft', remote.id))!;
    expect(local.title).toBe('Lokal');
    expect(local.deleted).toBe(true);
  });

  it('a map entry the server removed stays when the local edit holds it', async () => {
    const store = await freshStore();
    const remote = serverDraft();
    await store.applyRemote([remote]);
    const sections = { ...remote.sections, kebaruan: 'Ide lokal' };
    await store.update('draft', remote.id, { sections });
    const { kebaruan: _k, ...withoutKebaruan } = remote.sections;
    await store.applyRemote([{ ...remote, rev: 7, sections: withoutKebaruan }]);
    expect((await store.get('draft', remote.id))!.sections.kebaruan).toBe('Ide lokal');
  });

  it('ignores a copy older than the stored one', async () => {
    const store = await freshStore();
    const remote = serverDraft({ rev: 8, title: 'Baru' });
    await store.applyRemote([remote]);
    await store.applyRemote([{ ...remote, rev: 4, title: 'Lama' }]);
    expect((await store.get('draft', remote.id))!.title).toBe('Baru');
  });

  it('rejects invalid server records without writing any of the batch', async () => {
    const store = await freshStore();
    const good = serverDraft();
    await expect(
      store.applyRemote([good, { ...serverDraft(), title: 5 } as unknown as Draft]),
    ).rejects.toThrow();
    expect(await store.get('draft', good.id)).toBeUndefined();
  });
});

describe('acknowledge', () => {
  it('deletes the entry and takes the server record, except paths of later entries', async () => {
    const store = await freshStore();
    const d = await store.create('draft', { ...newDraftBody(template, null), title: 'Awal' });
    await store.markSending([1]);
    await store.update('draft', d.id, { team: 'Tim lokal' });
    const [sent] = await store.pendingPushBatch(1);
    await store.acknowledge(sent!.seq, {
      ...d,
      rev: 1,
      tenantId: 't1',
      title: 'Awal',
      team: '',
      fieldVersions: { title: 1, team: 1, 'sections.ringkasan': 1 },
    });
    const local = (await store.get('draft', d.id))!;
    expect(local.rev).toBe(1);
    expect(local.tenantId).toBe('t1');
    expect(local.team).toBe('Tim lokal');
    expect(local.fieldVersions.title).toBe(1);
    // The server's team is still the value 'Tim lokal' was typed on: the waiting edit moves onto version 1.
    expect(local.fieldVersions.team).toBe(1);
    const entries = await store.outbox();
    expect(entries.map((e) => e.seq)).toEqual([2]);
    expect(entries[0]).toMatchObject({ values: { team: 'Tim lokal' }, base: { team: 1 } });
  });
});

describe('meta', () => {
  it('stores, reads and deletes values', async () => {
    const store = await freshStore();
    expect(await store.getMeta('cursor')).toBeUndefined();
    await store.setMeta('cursor', 42);
    expect(await store.getMeta<number>('cursor')).toBe(42);
    await store.setMeta('cursor', undefined);
    expect(await store.getMeta('cursor')).toBeUndefined();
  });
});

describe('a pull page and its cursor commit together', () => {
  it('batch(applyRemote + setMeta) rolls back both when the page fails mid-way', async () => {
    const store = await freshStore();
    const a = serverDraft();
    const boom = () => {
      throw new Error('crash mid-page (simulated)');
    };
    let n = 0;
    const second = () => {
      if (++n === 2) boom();
    };
    store.db.drafts.hook('creating', second);
    await expect(
      store.batch(async () => {
        await store.applyRemote([a, serverDraft()]);
        await store.setMeta('cursor', 99);
      }),
    ).rejects.toThrow(/simulated/);
    store.db.drafts.hook('creating').unsubscribe(second);
    expect(await store.get('draft', a.id)).toBeUndefined();
    expect(await store.getMeta('cursor')).toBeUndefined();
    await store.batch(async () => {
      await store.applyRemote([a]);
      await store.setMeta('cursor', 99);
    });
    expect(await store.get('draft', a.id)).toEqual(a);
    expect(await store.getMeta('cursor')).toBe(99);
  });
});
