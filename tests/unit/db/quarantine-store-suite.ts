/**
 * The `QuarantineStore` contract (src/lib/db/types.ts), for every implementation: a stored record that fails
 * validation is set aside on read (raw value kept), brought back only by filling missing fields, and deleted
 * only on the person's explicit choice.
 */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { newSessionBody } from '../../../src/shared/domain/factories';
import type { OpenRoles } from './role-fixtures';

export function quarantineStoreSuite(
  implementation: string,
  open: OpenRoles<'records' | 'sync' | 'quarantine' | 'plant'>,
): void {
  describe(`QuarantineStore: ${implementation}`, () => {
    it('sets a damaged record aside when it is read, with its raw value and the reason', async () => {
      const { records, quarantine, plant } = await open();
      const good = await records.create('session', { ...newSessionBody(), place: 'Aula' });
      const id = uuidv7();
      await plant('sessions', { id, kind: 'session', ...newSessionBody(), place: 12345, words: ['aula'] });
      expect((await records.list('session')).map((s) => s.id)).toEqual([good.id]);
      expect(await records.get('session', id)).toBeUndefined();
      const [aside, ...more] = await quarantine.quarantine();
      expect(more).toEqual([]);
      expect(aside).toMatchObject({ id, table: 'sessions', raw: { id, place: 12345 } });
      expect(aside!.error).toBeTruthy();
      expect((await records.list('session', { text: 'aula' })).map((s) => s.id)).toEqual([good.id]);
    });

    it('recovers a record whose fields were missing, and queues it for the server', async () => {
      const { records, sync, quarantine, plant } = await open();
      const id = uuidv7();
      // An older version did not write draftIds, actions or the sync envelope.
      const { draftIds: _d, actions: _a, ...oldBody } = { ...newSessionBody(), notes: 'Catatan penting' };
      await plant('sessions', { id, kind: 'session', ...oldBody });
      expect(await records.list('session')).toEqual([]);
      expect(await quarantine.recoverQuarantined(id)).toMatchObject({ id, draftIds: [], actions: {} });
      expect(await quarantine.quarantine()).toEqual([]);
      expect(await records.get('session', id)).toMatchObject({ notes: 'Catatan penting' });
      expect(await sync.outbox()).toMatchObject([{ recordId: id, op: 'create' }]);
    });

    it('never replaces a present but invalid value: the record stays aside until it is discarded', async () => {
      const { records, quarantine, plant } = await open();
      const id = uuidv7();
      await plant('sessions', { id, kind: 'session', ...newSessionBody(), notes: 42 });
      await records.list('session');
      expect(await quarantine.recoverQuarantined(id)).toBeNull();
      expect(await quarantine.quarantine()).toMatchObject([{ id, raw: { notes: 42 } }]);
      await quarantine.discardQuarantined(id);
      expect(await quarantine.quarantine()).toEqual([]);
      await expect(quarantine.recoverQuarantined(id)).rejects.toMatchObject({ code: 'not-found' });
    });
  });
}
