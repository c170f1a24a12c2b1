/**
 * The `BackupStore` contract (src/lib/db/types.ts), for every implementation: the whole database out as a file,
 * and records in from one, merged by id in one transaction, what still has to reach the server queued.
 */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { readText } from '../../../src/lib/backup/backup';
import { serverDraft } from './helpers';
import type { OpenRoles } from './role-fixtures';

interface ExportJson {
  formatName: string;
  data: { tables: { name: string }[]; data: { tableName: string; rows: { id?: string }[] }[] };
}

export function backupStoreSuite(
  implementation: string,
  open: OpenRoles<'records' | 'sync' | 'backup'>,
): void {
  describe(`BackupStore: ${implementation}`, () => {
    it('exports every table of the database, records and outbox included', async () => {
      const { records, backup } = await open();
      const unit = await records.create('unit', { name: 'RSUD', type: 'opd', demo: false });
      expect(backup.name).toBe(records.name);
      // Read as the restore screen reads it (older WebViews and jsdom have no Blob.text).
      const file = JSON.parse(await readText(await backup.exportAll())) as ExportJson;
      expect(file.formatName).toBe('dexie');
      expect(file.data.tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['units', 'outbox', 'quarantine', 'meta', 'blobs']),
      );
      const units = file.data.data.find((t) => t.tableName === 'units');
      expect(units?.rows.map((r) => r.id)).toEqual([unit.id]);
      expect(file.data.data.find((t) => t.tableName === 'outbox')?.rows).toHaveLength(1);
    });

    it('adds records that are not here as they are in the file; a never-synced one is queued whole', async () => {
      const { records, sync, backup } = await open({ tenantId: 't1' });
      const synced = serverDraft();
      const unsynced = { ...serverDraft(), id: uuidv7(), rev: 0, fieldVersions: {} };
      const counts = await backup.importRecords([
        { record: synced, pendingPaths: [] },
        { record: unsynced, pendingPaths: [] },
      ]);
      expect(counts).toEqual({ added: 2, updated: 0, kept: 0 });
      expect(await records.get('draft', synced.id)).toEqual(synced);
      expect(await records.get('draft', unsynced.id)).toEqual(unsynced);
      expect(await sync.outbox()).toMatchObject([
        { recordId: unsynced.id, op: 'create', values: { title: unsynced.title } },
      ]);
    });

    it("replaces only an older copy, and queues the file's unsynced paths against its versions", async () => {
      const { records, sync, backup } = await open({ tenantId: 't1' });
      const draft = serverDraft();
      await sync.applyRemote([draft]);
      const newer = { ...draft, updatedAt: draft.updatedAt + 10, title: 'Dari cadangan' };
      expect(await backup.importRecords([{ record: newer, pendingPaths: ['title'] }])).toEqual({
        added: 0,
        updated: 1,
        kept: 0,
      });
      expect(await records.get('draft', draft.id)).toMatchObject({ title: 'Dari cadangan' });
      expect(await sync.outbox()).toMatchObject([
        { recordId: draft.id, op: 'update', values: { title: 'Dari cadangan' }, base: { title: 3 } },
      ]);
      const older = { ...draft, updatedAt: 1, title: 'Salinan lama' };
      expect(await backup.importRecords([{ record: older, pendingPaths: ['title'] }])).toEqual({
        added: 0,
        updated: 0,
        kept: 1,
      });
      expect(await records.get('draft', draft.id)).toMatchObject({ title: 'Dari cadangan' });
    });

    it('refuses a file holding a record of another data space, and writes nothing', async () => {
      const { records, sync, backup } = await open({ tenantId: 't1' });
      const ours = serverDraft();
      const theirs = { ...serverDraft(), tenantId: 'lain' };
      await expect(
        backup.importRecords([
          { record: ours, pendingPaths: [] },
          { record: theirs, pendingPaths: [] },
        ]),
      ).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining(' / ') as unknown });
      expect(await records.list('draft', { includeDeleted: true })).toEqual([]);
      expect(await sync.outbox()).toEqual([]);
    });
  });
}
