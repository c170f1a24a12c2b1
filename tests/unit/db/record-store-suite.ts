/**
 * The `RecordStore` contract (src/lib/db/types.ts), for every implementation: validated reads, and writes that
 * store the record whole or not at all, refused with a bilingual `StoreError` when invalid or not allowed.
 */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { newDraftBody, newSessionBody } from '../../../src/shared/domain/factories';
import { latestProposalTemplate } from '../../../src/shared/templates';
import type { AccessPrincipal } from '../../../src/shared/access';
import type { OpenRoles } from './role-fixtures';
import { aUnitBody } from '../../factories';

const template = latestProposalTemplate('kipp-2023-umum')!;
const unitBody = (name: string) => aUnitBody({ name, type: 'opd' });

export function recordStoreSuite(implementation: string, open: OpenRoles<'records'>): void {
  describe(`RecordStore: ${implementation}`, () => {
    it('stamps the envelope on create; get and list read the record back', async () => {
      const { records } = await open({ userId: 'u1', tenantId: 't1' });
      const unitId = uuidv7();
      const draft = await records.create('draft', { ...newDraftBody(template, unitId), title: 'Posyandu' });
      expect(draft).toMatchObject({
        kind: 'draft',
        tenantId: 't1',
        createdBy: 'u1',
        updatedBy: 'u1',
        deleted: false,
        rev: 0,
        fieldVersions: {},
        title: 'Posyandu',
      });
      expect(await records.get('draft', draft.id)).toEqual(draft);
      expect(await records.list('draft', { unitId })).toEqual([draft]);
      expect(await records.list('draft', { unitId: uuidv7() })).toEqual([]);
      expect(await records.get('draft', uuidv7())).toBeUndefined();
    });

    it('refuses an invalid body with a bilingual message and stores nothing', async () => {
      const { records } = await open();
      await expect(records.create('unit', unitBody(''))).rejects.toMatchObject({
        code: 'invalid',
        message: expect.stringMatching(/^Nama unit wajib diisi \/ unit name/) as unknown,
      });
      expect(await records.list('unit')).toEqual([]);
    });

    it('refuses a second record with the same id, and changes of a record that is not there', async () => {
      const { records } = await open();
      const unit = await records.create('unit', unitBody('RSUD'));
      await expect(records.create('unit', unitBody('Lain'), { id: unit.id })).rejects.toMatchObject({
        code: 'exists',
      });
      await expect(records.update('unit', uuidv7(), { name: 'X' })).rejects.toMatchObject({
        code: 'not-found',
      });
      await expect(records.remove('unit', uuidv7())).rejects.toMatchObject({ code: 'not-found' });
      expect(await records.list('unit')).toEqual([unit]);
    });

    it('updates with a partial body; a patch that changes nothing returns the record as stored', async () => {
      const { records } = await open({ userId: 'u2' });
      const session = await records.create('session', { ...newSessionBody(), place: 'Aula' });
      const moved = await records.update('session', session.id, { place: 'Balai desa' });
      expect(moved).toMatchObject({ place: 'Balai desa', notes: session.notes, updatedBy: 'u2' });
      expect(moved.updatedAt).toBeGreaterThanOrEqual(session.updatedAt);
      expect(await records.get('session', session.id)).toEqual(moved);
      expect(await records.update('session', session.id, { place: 'Balai desa' })).toEqual(moved);
    });

    it('deletes as a tombstone, listed only when asked for; restore brings the record back', async () => {
      const { records } = await open();
      const unit = await records.create('unit', unitBody('Puskesmas'));
      await records.remove('unit', unit.id);
      expect(await records.list('unit')).toEqual([]);
      expect(await records.list('unit', { includeDeleted: true })).toMatchObject([
        { id: unit.id, deleted: true },
      ]);
      expect(await records.get('unit', unit.id)).toMatchObject({ deleted: true });
      await records.restore('unit', unit.id);
      expect(await records.list('unit')).toMatchObject([{ id: unit.id, deleted: false }]);
    });

    it('finds records by their words, the last one as a prefix, in any case and accent', async () => {
      const { records } = await open();
      const health = await records.create('unit', unitBody('Dinas Kesehatan'));
      const school = await records.create('unit', unitBody('Dinas Pendidikan'));
      expect(await records.list('unit', { text: 'dinas kes' })).toEqual([health]);
      expect((await records.list('unit', { text: 'DÍNAS' })).map((u) => u.id).sort()).toEqual(
        [health.id, school.id].sort(),
      );
      expect(await records.list('unit', { text: 'rumah' })).toEqual([]);
    });

    it('commits the writes of one batch together, or none of them', async () => {
      const { records } = await open();
      await expect(
        records.batch(async () => {
          await records.create('unit', unitBody('Satu'));
          await records.create('unit', unitBody(''));
        }),
      ).rejects.toMatchObject({ code: 'invalid' });
      expect(await records.list('unit')).toEqual([]);
      await records.batch(async () => {
        await records.create('unit', unitBody('Satu'));
        await records.create('unit', unitBody('Dua'));
      });
      expect((await records.list('unit')).map((u) => u.name)).toEqual(['Dua', 'Satu']);
    });

    it('refuses, before storing anything, a write the signed-in person may not make', async () => {
      const unitId = uuidv7();
      const viewer: AccessPrincipal = {
        tenantId: 't1',
        userId: 'v1',
        role: 'viewer',
        unitIds: [unitId],
        canWrite: false,
      };
      const { records } = await open({ userId: 'v1', tenantId: 't1', principal: () => viewer });
      await expect(records.create('draft', newDraftBody(template, unitId))).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining(' / ') as unknown,
      });
      expect(await records.list('draft')).toEqual([]);
    });
  });
}
