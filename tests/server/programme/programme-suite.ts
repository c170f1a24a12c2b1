/**
 * A tenant's programme settings as tenant data on the server (issue #15), on PGlite and on a real PostgreSQL:
 * seeded once for tenants made before and at creation for a new tenant; every role pulls them; only a local
 * admin writes them (push refuses anyone else); and the push judges review moves with the review flow they
 * switch on: with the optional states off an approved draft goes straight to "siap kirim", with them on it
 * passes the head of the OPD's approval and the internal review first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../../src/server/db/types';
import { createTenant } from '../../../src/server/accounts/service';
import { seedAllProgrammes } from '../../../src/server/programme/service';
import { tenantReviewFlow } from '../../../src/server/programme/read';
import { flattenBody } from '../../../src/shared/fieldPaths';
import type { Change, ChangeResult } from '../../../src/shared/protocol';
import type { ProgrammeRecord } from '../../../src/shared/records';
import { CAST, UNIT_A, seedUsers, syncApp, type SyncTestApp } from '../sync/helpers';
import { Device, draftBody, pullAll, push } from '../sync/fixtures';
import { aProgrammeBody } from '../../factories';

type Applied = Extract<ChangeResult, { status: 'applied' }>;
const applied = (r: ChangeResult | undefined): Applied => {
  if (r?.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(r)}`);
  return r;
};

export function programmeSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`programme settings on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let app: SyncTestApp;
    let tenants: Record<string, string>;

    beforeAll(async () => {
      ({ db, done } = await open());
      // Tenants as they were before programme settings were records; the server seeds them at start.
      const seeded = await seedUsers(db, CAST);
      tenants = seeded.tenants;
      app = syncApp(db, seeded.tokens);
    });
    afterAll(async () => {
      await done();
    });

    const programmesOf = async (token: string) =>
      (await pullAll(app, token)).filter((r): r is ProgrammeRecord => r.kind === 'programme');

    it('seeds the shipped settings once for tenants made before, and at creation for a new tenant', async () => {
      expect(await programmesOf('coord')).toEqual([]);
      expect(await seedAllProgrammes(db)).toBe(2);
      expect(await seedAllProgrammes(db)).toBe(0);
      const [programme] = await programmesOf('coord');
      expect(programme).toMatchObject({
        status: 'active',
        year: new Date().getFullYear(),
        reviewFlow: { headApproval: false, internalReview: false },
      });
      expect(programme!.unitTypes.map((u) => u.type)).toContain('puskesmas');
      expect((await programmesOf('other')).length).toBe(1);

      const fresh = await createTenant(db, 'Kabupaten Program Baru');
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM sync_records WHERE tenant_id = $1 AND kind = 'programme'`,
        [fresh.id],
      );
      expect(rows[0]!.n).toBe(1);
      expect(await seedAllProgrammes(db)).toBe(0);
    });

    it('lets every role of the tenant pull the settings', async () => {
      for (const who of ['innoA', 'facA', 'viewer']) expect((await programmesOf(who)).length, who).toBe(1);
    });

    it('refuses a change of the settings by anyone but a local admin, in both languages', async () => {
      const [programme] = await programmesOf('coord');
      const on = { reviewFlow: { headApproval: true, internalReview: true } };
      for (const who of ['innoA', 'facA']) {
        const device = new Device(`programme-${who}`, who);
        const [result] = (
          await push(app, who, [device.update(programme!.id, on, programme!.fieldVersions, 'programme')])
        ).results;
        expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
        // The push's reach refusal, as for templates (the phone's store names the local admin, access.ts).
        expect(JSON.stringify(result)).toContain(
          'Anda tidak berhak mengubah catatan ini. / You are not allowed to change this record.',
        );
      }
      const create: Change = {
        deviceId: 'programme-innoA-create',
        seq: 1,
        recordId: uuidv7(),
        kind: 'programme',
        op: 'create',
        values: flattenBody('programme', aProgrammeBody({ year: 2030 })),
        base: {},
        editedAt: 1_700_000_000_000,
      };
      expect((await push(app, 'innoA', [create])).results[0]).toMatchObject({
        status: 'rejected',
        code: 'forbidden',
      });
      // A bad body from a local admin is refused as invalid, never stored.
      const coord = new Device('programme-coord-bad', 'coord');
      const bad = await push(app, 'coord', [
        coord.update(
          programme!.id,
          { reviewFlow: { headApproval: 'ya' } },
          programme!.fieldVersions,
          'programme',
        ),
      ]);
      expect(bad.results[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
      expect(await tenantReviewFlow(db, tenants['Kabupaten Contoh']!)).toEqual({
        headApproval: false,
        internalReview: false,
      });
    });

    it('judges review moves with the flow in force: no optional state when off, both steps when on', async () => {
      const inno = new Device('programme-flow-inno', 'innoA');
      const fac = new Device('programme-flow-fac', 'facA');
      const coord = new Device('programme-flow-coord', 'coord');
      const approvedDraft = async () => {
        const create = inno.create(draftBody(UNIT_A));
        const id = create.recordId;
        let record = applied(
          (await push(app, 'innoA', [create, inno.update(id, { reviewStatus: 'diajukan' }, {})])).results[1],
        ).record;
        record = applied(
          (await push(app, 'facA', [fac.update(id, { reviewStatus: 'disetujui' }, record.fieldVersions)]))
            .results[0],
        ).record;
        return { id, versions: record.fieldVersions };
      };

      // Off (as seeded): the head's approval is no state of this flow; ready to send follows approval.
      let draft = await approvedDraft();
      let result = (
        await push(app, 'innoA', [
          inno.update(draft.id, { reviewStatus: 'disetujui-kepala' }, draft.versions),
        ])
      ).results[0];
      expect(result).toMatchObject({ status: 'rejected', code: 'review-transition' });
      expect(JSON.stringify(result)).toContain('Disetujui kepala OPD');
      applied(
        (await push(app, 'coord', [coord.update(draft.id, { reviewStatus: 'siap-kirim' }, draft.versions)]))
          .results[0],
      );

      // The local admin switches both on (a push like any edit).
      const [programme] = await programmesOf('coord');
      applied(
        (
          await push(app, 'coord', [
            coord.update(
              programme!.id,
              { reviewFlow: { headApproval: true, internalReview: true } },
              programme!.fieldVersions,
              'programme',
            ),
          ])
        ).results[0],
      );
      expect((await programmesOf('facA'))[0]!.reviewFlow).toEqual({
        headApproval: true,
        internalReview: true,
      });

      draft = await approvedDraft();
      // The facilitator approved; asking for a revision from the head's approval is theirs, the step is not.
      result = (
        await push(app, 'facA', [fac.update(draft.id, { reviewStatus: 'disetujui-kepala' }, draft.versions)])
      ).results[0];
      expect(result).toMatchObject({ status: 'rejected', code: 'review-transition' });
      let record = applied(
        (
          await push(app, 'innoA', [
            inno.update(draft.id, { reviewStatus: 'disetujui-kepala' }, draft.versions),
          ])
        ).results[0],
      ).record;
      // The innovator records the head's approval but does not open the internal review.
      result = (
        await push(app, 'innoA', [
          inno.update(draft.id, { reviewStatus: 'review-internal' }, record.fieldVersions),
        ])
      ).results[0];
      expect(result).toMatchObject({ status: 'rejected', code: 'review-transition' });
      record = applied(
        (
          await push(app, 'coord', [
            coord.update(draft.id, { reviewStatus: 'review-internal' }, record.fieldVersions),
          ])
        ).results[0],
      ).record;
      record = applied(
        (
          await push(app, 'coord', [
            coord.update(draft.id, { reviewStatus: 'siap-kirim' }, record.fieldVersions),
          ])
        ).results[0],
      ).record;
      expect(record).toMatchObject({ reviewStatus: 'siap-kirim' });

      // Another tenant's flow is its own: still off.
      expect(await tenantReviewFlow(db, tenants['Kota Lain']!)).toEqual({
        headApproval: false,
        internalReview: false,
      });
    });
  });
}
