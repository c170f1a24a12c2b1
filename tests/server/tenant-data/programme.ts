/**
 * A tenant's programme settings as tenant data on the server (issue #15), in the tenant data suite (suite.ts:
 * seeding, pull, local-admin-only write). Their own: a bad body from a local admin is refused, and the push
 * judges review moves with the review flow they switch on: with the optional states off an approved draft goes
 * straight to "siap kirim", with them on it passes the head of the OPD's approval and the internal review first.
 */
import { expect, it } from 'vitest';
import { seedAllProgrammes } from '../../../src/server/programme/service';
import { tenantReviewFlow } from '../../../src/server/programme/read';
import type { ChangeResult } from '../../../src/shared/protocol';
import { CAST, UNIT_A } from '../sync/helpers';
import { Device, draftBody, push } from '../sync/fixtures';
import { aProgrammeBody } from '../../factories';
import type { TenantDataContext, TenantDataKind } from './suite';

type Applied = Extract<ChangeResult, { status: 'applied' }>;
const applied = (r: ChangeResult | undefined): Applied => {
  if (r?.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(r)}`);
  return r;
};

export const programmeKind: TenantDataKind<'programme'> = {
  kind: 'programme',
  title: 'programme settings',
  cast: CAST,
  who: { admin: 'coord', innovator: 'innoA', facilitator: 'facA', viewer: 'viewer', otherTenant: 'other' },
  seedAll: seedAllProgrammes,
  seeded: 1,
  expectSeeded(ofAdmin, ofOtherTenant) {
    const [programme] = ofAdmin;
    expect(programme).toMatchObject({
      status: 'active',
      year: new Date().getFullYear(),
      reviewFlow: { headApproval: false, internalReview: false },
    });
    expect(programme!.unitTypes.map((u) => u.type)).toContain('puskesmas');
    expect(ofOtherTenant.length).toBe(1);
  },
  expectCreated(bodies) {
    expect(bodies.length).toBe(1);
  },
  newBody: () => aProgrammeBody({ year: 2030 }),
  edit: { reviewFlow: { headApproval: true, internalReview: true } },
  more: programmeTests,
};

function programmeTests(ctx: TenantDataContext<'programme'>): void {
  const programmesOf = (token: string) => ctx.recordsOf(token);

  it('refuses a bad body from a local admin as invalid, never stored', async () => {
    const { app, db, tenants } = ctx;
    const [programme] = await programmesOf('coord');
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
    const { app, db, tenants } = ctx;
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
      await push(app, 'innoA', [inno.update(draft.id, { reviewStatus: 'disetujui-kepala' }, draft.versions)])
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
}
