import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, freshStore, serverDraft } from './helpers';
import { newDraftBody } from '../../../src/shared/domain/factories';
import { latestProposalTemplate } from '../../../src/shared/templates';
import { bodyOf, type AnyRecord, type Draft, type Unit } from '../../../src/shared/records';
import type { DeltaChangeResult, RecordDelta } from '../../../src/shared/protocol';
import { deltaOf } from '../../../src/shared/pushAnswer';
import type { OutboxEntry } from '../../../src/lib/db/types';

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

describe('settlePush', () => {
  /** The slim answer the server gives for `server`, its record after the push of `entry`. */
  const deltaFor = (server: AnyRecord, entry: OutboxEntry): RecordDelta => {
    const { fieldVersions, partial: _partial, ...envelope } = server;
    const { id, kind, tenantId, createdAt, updatedAt, createdBy, updatedBy, deleted, rev } = envelope;
    return {
      ...{ id, kind, tenantId, createdAt, updatedAt, createdBy, updatedBy, deleted, rev },
      ...deltaOf(kind, bodyOf(kind, server), fieldVersions, entry),
    };
  };

  it('settles a whole push answer in ONE transaction, rebuilding each record from its slim answer', async () => {
    const store = await freshStore();
    const units = [];
    for (let i = 0; i < 100; i++)
      units.push(await store.create('unit', { name: `Unit ${i}`, type: 'opd', demo: false }));
    const entries = await store.pendingPushBatch(500);
    await store.markSending(entries.map((e) => e.seq));
    const servers = units.map((u, i): Unit => ({
      ...u,
      tenantId: 't1',
      createdBy: 'u1',
      updatedBy: 'u1',
      rev: 10 + i,
      // The server stamps its own value on one record: only that value travels.
      name: i === 3 ? 'Unit 3 (server)' : u.name,
      fieldVersions: { name: 10 + i, type: 10 + i, demo: 10 + i, deleted: 10 + i },
    }));
    const results: DeltaChangeResult[] = entries.map((e, i) =>
      i === 7
        ? { status: 'rejected', seq: e.seq, recordId: e.recordId, code: 'forbidden', message: 'Tidak / no' }
        : {
            status: 'applied',
            seq: e.seq,
            recordId: e.recordId,
            delta: deltaFor(servers[i]!, e),
            conflictIds: [],
          },
    );
    // An answer for a record this phone does not hold (it cannot be rebuilt): the caller fetches it whole.
    const stranger = { ...servers[0]!, id: '0190a000-0000-7000-8000-00000000f00d' };
    results.push({
      status: 'applied',
      seq: entries.at(-1)!.seq + 1,
      recordId: stranger.id,
      delta: deltaFor(stranger, entries[0]!),
      conflictIds: [],
    });
    const transactions = vi.spyOn(store.db, 'transaction');
    expect(await store.settlePush(results)).toEqual([stranger.id]);
    expect(transactions).toHaveBeenCalledTimes(1);
    transactions.mockRestore();
    for (const [i, u] of units.entries()) {
      const local = await store.get('unit', u.id);
      expect(local).toEqual(i === 7 ? u : servers[i]);
    }
    expect(await store.outbox()).toMatchObject([
      { seq: entries[7]!.seq, rejected: { code: 'forbidden', message: 'Tidak / no' } },
    ]);
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
