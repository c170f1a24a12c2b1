/**
 * The `SyncStore` contract (src/lib/db/types.ts), for every implementation: every write queued in the outbox,
 * amended while still pending and frozen once on the wire; the server's answers (acknowledge, reject, records
 * pulled) applied without losing a person's unsent words; summaries waiting for their full record.
 */
import { describe, expect, it } from 'vitest';
import { summarizeRecord } from '../../../src/shared/summary';
import type { Unit } from '../../../src/shared/records';
import { serverDraft } from './helpers';
import type { OpenRoles } from './role-fixtures';

const unitBody = (name: string) => ({ name, type: 'opd' as const, demo: false });

export function syncStoreSuite(implementation: string, open: OpenRoles<'records' | 'sync'>): void {
  describe(`SyncStore: ${implementation}`, () => {
    it('queues each write; edits of a change still pending amend it, a creation stays a creation', async () => {
      const { records, sync } = await open();
      const unit = await records.create('unit', unitBody('RSUD'));
      await records.update('unit', unit.id, { name: 'RSUD Wotu' });
      const entries = await sync.outbox();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        recordId: unit.id,
        kind: 'unit',
        op: 'create',
        state: 'pending',
        deviceId: sync.deviceId,
        values: { name: 'RSUD Wotu', type: 'opd', demo: false },
      });
      expect(await sync.countPending()).toBe(1);
      expect(await sync.pendingPushBatch(10)).toEqual(entries);
      await records.remove('unit', unit.id);
      expect(await sync.outbox()).toMatchObject([{ op: 'create', values: { deleted: true } }]);
    });

    it('freezes a change on the wire: later edits go to a new entry', async () => {
      const { records, sync } = await open();
      const unit = await records.create('unit', unitBody('RSUD'));
      const [sent] = await sync.outbox();
      await sync.markSending([sent!.seq]);
      await records.update('unit', unit.id, { name: 'RSUD Wotu' });
      expect(await sync.outbox()).toMatchObject([
        { seq: sent!.seq, state: 'sending', values: { name: 'RSUD' } },
        { op: 'update', state: 'pending', values: { name: 'RSUD Wotu' }, base: { name: 0 } },
      ]);
      expect(await sync.pendingPushBatch(1)).toMatchObject([{ seq: sent!.seq }]);
    });

    it('on acknowledge, drops the entry and takes the server record, but not paths still waiting', async () => {
      const { records, sync } = await open({ tenantId: 't1' });
      const unit = await records.create('unit', unitBody('RSUD'));
      const [sent] = await sync.outbox();
      await sync.markSending([sent!.seq]);
      await records.update('unit', unit.id, { name: 'RSUD Wotu' });
      const fromServer: Unit = {
        ...unit,
        rev: 1,
        fieldVersions: { name: 1, type: 1, demo: 1 },
        type: 'lainnya',
      };
      await sync.acknowledge(sent!.seq, fromServer);
      expect(await records.get('unit', unit.id)).toMatchObject({
        rev: 1,
        name: 'RSUD Wotu',
        type: 'lainnya',
      });
      expect(await sync.outbox()).toMatchObject([{ values: { name: 'RSUD Wotu' } }]);
      expect(await sync.countPending()).toBe(1);
    });

    it('keeps a refused change (shown, no longer pushed); discarding it drops a never-synced creation', async () => {
      const { records, sync } = await open();
      const unit = await records.create('unit', unitBody('RSUD'));
      const [entry] = await sync.outbox();
      await expect(sync.discardRejected(entry!.seq)).rejects.toMatchObject({ code: 'not-found' });
      await sync.reject(entry!.seq, 'forbidden', 'Tidak boleh / not allowed');
      expect(await sync.outbox()).toMatchObject([
        { seq: entry!.seq, rejected: { code: 'forbidden', message: 'Tidak boleh / not allowed' } },
      ]);
      expect(await sync.pendingPushBatch(10)).toEqual([]);
      expect(await sync.countPending()).toBe(0);
      await sync.discardRejected(entry!.seq);
      expect(await sync.outbox()).toEqual([]);
      expect(await records.get('unit', unit.id)).toBeUndefined();
    });

    it("applies the server's records, ignores an older copy, and never overwrites unsent words", async () => {
      const { records, sync } = await open({ tenantId: 't1' });
      const draft = serverDraft();
      await sync.applyRemote([draft]);
      expect(await records.get('draft', draft.id)).toEqual(draft);
      await sync.applyRemote([{ ...draft, rev: 2, title: 'Salinan lama' }]);
      expect(await records.get('draft', draft.id)).toEqual(draft);
      await records.update('draft', draft.id, { title: 'Judul saya' });
      const [mine] = await sync.outbox();
      await sync.markSending([mine!.seq]);
      await sync.applyRemote([
        { ...draft, rev: 4, title: 'Judul server baru', fieldVersions: { ...draft.fieldVersions, title: 4 } },
      ]);
      expect(await records.get('draft', draft.id)).toMatchObject({
        rev: 4,
        title: 'Judul saya',
        fieldVersions: { title: 3 },
      });
    });

    it('lists summaries as waiting until their full record arrives or they are forgotten', async () => {
      const { sync } = await open({ tenantId: 't1' });
      const [a, b] = [serverDraft(), serverDraft()];
      await sync.applyRemote([summarizeRecord(a!), summarizeRecord(b!)]);
      expect(await sync.countStubs()).toBe(2);
      expect((await sync.stubs(10)).map((s) => s.id).sort()).toEqual([a!.id, b!.id].sort());
      expect(await sync.stubs(1)).toHaveLength(1);
      await sync.applyRemote([a!]);
      await sync.forgetStubs([b!.id]);
      expect(await sync.stubs(10)).toEqual([]);
    });
  });
}
