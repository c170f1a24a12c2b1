/**
 * The review loop on the server (push enforces the review rule; submissions get their draft's access), run on
 * PGlite and on a real PostgreSQL (see review-pglite / review-postgres tests), in the style of the sync suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../../src/server/db/types';
import type { AuthContext } from '../../../src/server/auth/types';
import type { Change, ChangeResult } from '../../../src/shared/protocol';
import type { AnyRecord, BodyOf } from '../../../src/shared/records';
import { historyResponseSchema } from '../../../src/shared/history';
import { CAST, UNIT_A, UNIT_B, seedUsers, syncApp, type SyncTestApp } from './helpers';
import { Device, draftBody, pullAll, push } from './fixtures';
import { aCommentBody, aSubmissionBody } from '../../factories';
import { flattenBody } from '../../../src/shared/fieldPaths';
import { seedAllProgrammes } from '../../../src/server/programme/service';

type Applied = Extract<ChangeResult, { status: 'applied' }>;
type Rejected = Extract<ChangeResult, { status: 'rejected' }>;
const applied = (r: ChangeResult | undefined): Applied => {
  if (r?.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(r)}`);
  return r;
};
const rejected = (r: ChangeResult | undefined): Rejected => {
  if (r?.status !== 'rejected') throw new Error(`expected rejected, got ${JSON.stringify(r)}`);
  return r;
};

/** A submission snapshot change (create) from `device`. */
function submissionChange(device: Device, body: BodyOf<'submission'>, id: string = uuidv7()): Change {
  return {
    deviceId: device.deviceId,
    seq: ++device.seq,
    recordId: id,
    kind: 'submission',
    op: 'create',
    values: { ...body },
    base: {},
    editedAt: 1_700_000_000_000,
  };
}

export function reviewSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`review loop on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let app: SyncTestApp;
    let users: Record<string, AuthContext>;
    beforeAll(async () => {
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CAST);
      users = seeded.auth;
      app = syncApp(db, seeded.tokens);
    });
    afterAll(async () => {
      await done();
    });

    const snapshot = (draftId: string, number: number, who = 'innoA'): BodyOf<'submission'> =>
      aSubmissionBody({
        draftId,
        unitId: UNIT_A,
        number,
        sections: { ringkasan: `Ringkasan ${number}.` },
        submittedAt: 1_700_000_000_000 + number,
        submittedBy: users[who]!.userId,
        submittedByName: who,
      });

    /** Pushes one status move and returns its result. */
    async function move(
      device: Device,
      who: string,
      draftId: string,
      values: Record<string, unknown>,
      base: Record<string, number>,
    ): Promise<ChangeResult> {
      return (await push(app, who, [device.update(draftId, values, base)])).results[0]!;
    }

    it('takes a draft through the whole loop: submit, revision, resubmit, approve, ready, sent', async () => {
      const inno = new Device('review-loop-inno', 'innoA');
      const fac = new Device('review-loop-fac', 'facA');
      const coord = new Device('review-loop-coord', 'coord');
      const create = inno.create(draftBody(UNIT_A));
      const id = create.recordId;
      // Created and submitted offline: one push carries the draft, its status move and the first snapshot.
      const first = await push(app, 'innoA', [
        create,
        inno.update(id, { reviewStatus: 'diajukan' }, {}),
        submissionChange(inno, snapshot(id, 1)),
      ]);
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      let record = applied(first.results[1]).record;
      expect(record).toMatchObject({ reviewStatus: 'diajukan' });

      record = applied(await move(fac, 'facA', id, { reviewStatus: 'revisi' }, record.fieldVersions)).record;
      expect(record).toMatchObject({ reviewStatus: 'revisi' });
      const resubmit = await push(app, 'innoA', [
        inno.update(id, { 'sections.ringkasan': 'Ringkasan kedua.' }, record.fieldVersions),
        inno.update(id, { reviewStatus: 'diajukan' }, record.fieldVersions),
        submissionChange(inno, snapshot(id, 2)),
      ]);
      expect(resubmit.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      record = applied(resubmit.results[1]).record;
      record = applied(
        await move(fac, 'facA', id, { reviewStatus: 'disetujui' }, record.fieldVersions),
      ).record;
      record = applied(
        await move(coord, 'coord', id, { reviewStatus: 'siap-kirim' }, record.fieldVersions),
      ).record;
      const sent = { competition: 'KIPP 2026', date: '2026-11-20' };
      record = applied(
        await move(coord, 'coord', id, { reviewStatus: 'terkirim', sent }, record.fieldVersions),
      ).record;
      expect(record).toMatchObject({ reviewStatus: 'terkirim', sent });

      // The facilitator of the unit sees the draft as sent and both snapshots.
      const seen = await pullAll(app, 'facA');
      expect(seen.find((r) => r.id === id)).toMatchObject({ reviewStatus: 'terkirim', sent });
      const snapshots = seen.filter((r) => r.kind === 'submission' && r.draftId === id);
      expect(snapshots.map((s) => (s.kind === 'submission' ? s.number : 0)).sort()).toEqual([1, 2]);
    });

    it('refuses a move the role may not make, with a reason in both languages, and applies the rest', async () => {
      const inno = new Device('review-refuse-inno', 'innoA');
      const created = applied((await push(app, 'innoA', [inno.create(draftBody(UNIT_A))])).results[0]);
      const other = applied((await push(app, 'innoA', [inno.create(draftBody(UNIT_A))])).results[0]);
      const res = await push(app, 'innoA', [
        inno.update(created.recordId, { reviewStatus: 'disetujui' }, created.record.fieldVersions),
        inno.update(other.recordId, { title: 'Tetap tersimpan' }, other.record.fieldVersions),
      ]);
      const refusal = rejected(res.results[0]);
      expect(refusal.code).toBe('review-transition');
      expect(refusal.message).toContain(
        'Status tidak boleh diubah dari "Belum diajukan" ke "Disetujui" oleh inovator',
      );
      expect(refusal.message).toContain(
        'An innovator may not move the status from "Not submitted" to "Approved"',
      );
      expect(applied(res.results[1]).record).toMatchObject({ title: 'Tetap tersimpan' });
      const stored = (await pullAll(app, 'coord')).find((r) => r.id === created.recordId);
      expect(stored).toMatchObject({ reviewStatus: 'draft' });
    });

    it('checks every role against the rule: facilitator cannot submit, innovator cannot approve or send', async () => {
      const inno = new Device('review-roles-inno', 'innoA');
      const fac = new Device('review-roles-fac', 'facA');
      const created = applied((await push(app, 'innoA', [inno.create(draftBody(UNIT_A))])).results[0]);
      const id = created.recordId;
      expect(
        rejected(await move(fac, 'facA', id, { reviewStatus: 'diajukan' }, created.record.fieldVersions))
          .code,
      ).toBe('review-transition');
      const submitted = applied(
        await move(inno, 'innoA', id, { reviewStatus: 'diajukan' }, created.record.fieldVersions),
      ).record;
      // Facilitators answer a submission but do not mark it ready or sent.
      const approved = applied(
        await move(fac, 'facA', id, { reviewStatus: 'disetujui' }, submitted.fieldVersions),
      ).record;
      expect(
        rejected(await move(fac, 'facA', id, { reviewStatus: 'siap-kirim' }, approved.fieldVersions)).code,
      ).toBe('review-transition');
      expect(
        rejected(
          await move(
            inno,
            'innoA',
            id,
            { sent: { competition: 'KIPP', date: '2026-01-01' } },
            approved.fieldVersions,
          ),
        ).code,
      ).toBe('review-transition');
      // A viewer writes nothing at all.
      const viewer = new Device('review-roles-viewer', 'viewer');
      expect(
        rejected(await move(viewer, 'viewer', id, { reviewStatus: 'revisi' }, approved.fieldVersions)).code,
      ).toBe('forbidden');
    });

    it('judges a new draft as a move from "draft"', async () => {
      const inno = new Device('review-create-inno', 'innoA');
      const approved = await push(app, 'innoA', [
        inno.create(draftBody(UNIT_A, { reviewStatus: 'disetujui' })),
      ]);
      expect(rejected(approved.results[0]).code).toBe('review-transition');
      const submitted = await push(app, 'innoA', [
        inno.create(draftBody(UNIT_A, { reviewStatus: 'diajukan' })),
      ]);
      expect(applied(submitted.results[0]).record).toMatchObject({ reviewStatus: 'diajukan' });
    });

    it('needs the competition and the date to mark a draft sent', async () => {
      const coord = new Device('review-sent-coord', 'coord');
      const created = applied(
        (await push(app, 'coord', [coord.create(draftBody(UNIT_A, { reviewStatus: 'siap-kirim' }))]))
          .results[0],
      );
      const refusal = rejected(
        await move(
          coord,
          'coord',
          created.recordId,
          { reviewStatus: 'terkirim' },
          created.record.fieldVersions,
        ),
      );
      expect(refusal.code).toBe('invalid');
      expect(refusal.message).toContain('Kompetisi dan tanggal kirim wajib diisi');
    });

    it('ends in an allowed state when two people move the status at once, in either order', async () => {
      for (const facilitatorFirst of [true, false]) {
        const inno = new Device(`review-race-inno-${facilitatorFirst}`, 'innoA');
        const fac = new Device(`review-race-fac-${facilitatorFirst}`, 'facA');
        const created = applied(
          (await push(app, 'innoA', [inno.create(draftBody(UNIT_A, { reviewStatus: 'diajukan' }))]))
            .results[0],
        );
        const base = created.record.fieldVersions;
        // Both saw "diajukan": the innovator withdraws it, the facilitator approves it.
        const approve = fac.update(created.recordId, { reviewStatus: 'disetujui' }, base);
        const withdraw = inno.update(created.recordId, { reviewStatus: 'draft' }, base);
        const [firstWho, first, secondWho, second] = facilitatorFirst
          ? (['facA', approve, 'innoA', withdraw] as const)
          : (['innoA', withdraw, 'facA', approve] as const);
        applied((await push(app, firstWho, [first])).results[0]);
        // The second is judged from the first one's result: approving a withdrawn draft, or withdrawing an
        // approved one, is not a move either role may make.
        expect(rejected((await push(app, secondWho, [second])).results[0]).code).toBe('review-transition');
        const stored = (await pullAll(app, 'coord')).find((r) => r.id === created.recordId);
        expect(stored).toMatchObject({ reviewStatus: facilitatorFirst ? 'disetujui' : 'draft' });
      }
    });

    it('refuses the second of two allowed moves made from the same status, saying what happened', async () => {
      const fac = new Device('review-collide-fac', 'facA');
      const coord = new Device('review-collide-coord', 'coord');
      const created = applied(
        (await push(app, 'coord', [coord.create(draftBody(UNIT_A, { reviewStatus: 'diajukan' }))]))
          .results[0],
      );
      const base = created.record.fieldVersions;
      applied(await move(fac, 'facA', created.recordId, { reviewStatus: 'revisi' }, base));
      // The coordinator approved from the same "diajukan": allowed from "revisi" too, but not what they saw.
      const second = rejected(
        await move(coord, 'coord', created.recordId, { reviewStatus: 'disetujui' }, base),
      );
      expect(second.code).toBe('review-transition');
      expect(second.message).toContain('Proposal ini sudah berubah sejak Anda membukanya: diminta revisi.');
      const stored = (await pullAll(app, 'coord')).find((r) => r.id === created.recordId);
      expect(stored).toMatchObject({ reviewStatus: 'revisi' });
      expect(
        (await pullAll(app, 'coord')).some((r) => r.kind === 'conflict' && r.recordId === created.recordId),
      ).toBe(false);
    });

    it('judges a move against what the reviewer saw: no approval of a draft withdrawn and resubmitted meanwhile', async () => {
      const inno = new Device('review-stale-inno', 'innoA');
      const fac = new Device('review-stale-fac', 'facA');
      const created = applied((await push(app, 'innoA', [inno.create(draftBody(UNIT_A))])).results[0]);
      const id = created.recordId;
      const submit = async (base: Record<string, number>, number: number) => {
        const res = await push(app, 'innoA', [
          inno.update(id, { reviewStatus: 'diajukan' }, base),
          submissionChange(inno, snapshot(id, number)),
        ]);
        expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
        return applied(res.results[0]).record;
      };
      // The innovator submits; the facilitator's phone pulls it and shows "Diajukan".
      const first = await submit(created.record.fieldVersions, 1);
      const seen = (await pullAll(app, 'facA')).find((r) => r.id === id)!;
      expect(seen).toMatchObject({ reviewStatus: 'diajukan' });
      // Meanwhile the innovator withdraws, rewrites a section and submits again (the status is "diajukan" again).
      const withdrawn = applied(
        await move(inno, 'innoA', id, { reviewStatus: 'draft' }, first.fieldVersions),
      ).record;
      const edited = applied(
        await move(inno, 'innoA', id, { 'sections.ringkasan': 'Ringkasan baru.' }, withdrawn.fieldVersions),
      ).record;
      await submit(edited.fieldVersions, 2);

      // The facilitator approves from the screen that still shows the first submission: refused, with why.
      const refusal = rejected(
        await move(fac, 'facA', id, { reviewStatus: 'disetujui' }, seen.fieldVersions),
      );
      expect(refusal.code).toBe('review-transition');
      expect(refusal.message).toContain(
        'Proposal ini sudah berubah sejak Anda membukanya: ditarik kembali, lalu diajukan lagi. Status sekarang "Diajukan".',
      );
      expect(refusal.message).toContain(
        'This proposal changed after you opened it: withdrawn, then submitted again. It is now "Submitted".',
      );
      expect((await pullAll(app, 'coord')).find((r) => r.id === id)).toMatchObject({
        reviewStatus: 'diajukan',
      });

      // Once the phone has the fresh state, the same approval goes through.
      const fresh = (await pullAll(app, 'facA')).find((r) => r.id === id)!;
      expect(fresh).toMatchObject({ reviewStatus: 'diajukan', sections: { ringkasan: 'Ringkasan baru.' } });
      const approved = applied(
        await move(fac, 'facA', id, { reviewStatus: 'disetujui' }, fresh.fieldVersions),
      ).record;
      expect(approved).toMatchObject({ reviewStatus: 'disetujui' });
    });

    it("lets a person's own consecutive offline moves through, and a section edit meanwhile does not stop a move", async () => {
      const inno = new Device('review-own-inno', 'innoA');
      const fac = new Device('review-own-fac', 'facA');
      const created = applied(
        (await push(app, 'innoA', [inno.create(draftBody(UNIT_A, { reviewStatus: 'diajukan' }))])).results[0],
      );
      const id = created.recordId;
      const seen = created.record.fieldVersions;
      // A typo fixed while submitted is not a new review state (the comparison shows it).
      applied(await move(inno, 'innoA', id, { 'sections.latar-belakang-tujuan': 'Latar belakang.' }, seen));
      // Offline, the facilitator approved and then reopened it with a revision: both made on top of "diajukan".
      const res = await push(app, 'facA', [
        fac.update(id, { reviewStatus: 'disetujui' }, seen),
        fac.update(id, { reviewStatus: 'revisi' }, seen),
      ]);
      expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect(applied(res.results[1]).record).toMatchObject({ reviewStatus: 'revisi' });
    });

    it('writes the submitter’s account name on a submission and never a time after the server’s', async () => {
      const inno = new Device('review-snap-stamp', 'innoA');
      const created = applied(
        (await push(app, 'innoA', [inno.create(draftBody(UNIT_A, { reviewStatus: 'diajukan' }))])).results[0],
      );
      const forged = {
        ...snapshot(created.recordId, 1),
        submittedByName: 'Bupati',
        submittedAt: Date.UTC(2100, 0, 1),
      };
      const stored = applied((await push(app, 'innoA', [submissionChange(inno, forged)])).results[0])
        .record as AnyRecord & BodyOf<'submission'>;
      expect(stored.submittedByName).toBe('innoA');
      expect(stored.submittedAt).toBeLessThanOrEqual(Date.now());
      // An offline submission keeps its earlier time.
      const earlier = { ...snapshot(created.recordId, 2), submittedAt: 1_700_000_000_000 };
      const kept = applied((await push(app, 'innoA', [submissionChange(inno, earlier)])).results[0])
        .record as AnyRecord & BodyOf<'submission'>;
      expect(kept.submittedAt).toBe(1_700_000_000_000);
    });

    it('gives a submission the access of its draft and never lets it change', async () => {
      const inno = new Device('review-snap-inno', 'innoA');
      const created = applied(
        (await push(app, 'innoA', [inno.create(draftBody(UNIT_A, { reviewStatus: 'diajukan' }))])).results[0],
      );
      const id = created.recordId;
      const snap = submissionChange(inno, snapshot(id, 1));
      applied((await push(app, 'innoA', [snap])).results[0]);
      // Sending the same snapshot again (a backup restore, a retry under a new number) changes nothing.
      applied((await push(app, 'innoA', [{ ...snap, seq: ++inno.seq }])).results[0]);
      // Another unit's innovator cannot attach one to this draft, nor can a facilitator (who never submits).
      const innoB = new Device('review-snap-innoB', 'innoB');
      const foreign = submissionChange(innoB, { ...snapshot(id, 2, 'innoB'), unitId: UNIT_B });
      expect(rejected((await push(app, 'innoB', [foreign])).results[0]).code).toBe('forbidden');
      const fac = new Device('review-snap-fac', 'facA');
      expect(
        rejected((await push(app, 'facA', [submissionChange(fac, snapshot(id, 2, 'facA'))])).results[0]).code,
      ).toBe('review-transition');
      // A snapshot must carry its draft's unit and its real author.
      expect(
        rejected(
          (await push(app, 'innoA', [submissionChange(inno, { ...snapshot(id, 2), unitId: null })]))
            .results[0],
        ).code,
      ).toBe('invalid');
      expect(
        rejected(
          (await push(app, 'innoA', [submissionChange(inno, { ...snapshot(id, 2), submittedBy: 'someone' })]))
            .results[0],
        ).code,
      ).toBe('invalid');
      // Never edited nor deleted.
      const edit = inno.update(snap.recordId, { 'sections.ringkasan': 'Diubah.' } as never, {}, 'submission');
      const editRes = rejected(
        (await push(app, 'innoA', [{ ...edit, values: { sections: {} } }])).results[0],
      );
      expect(editRes.code).toBe('forbidden');
      const del: Change = { ...inno.op(snap.recordId, 'delete'), kind: 'submission' };
      expect(rejected((await push(app, 'innoA', [del])).results[0]).code).toBe('forbidden');
      // Seen by the draft's unit and coordinators; not by another unit.
      expect((await pullAll(app, 'facA')).some((r) => r.id === snap.recordId)).toBe(true);
      expect((await pullAll(app, 'coord')).some((r) => r.id === snap.recordId)).toBe(true);
      expect((await pullAll(app, 'innoB')).some((r) => r.id === snap.recordId)).toBe(false);
      expect((await pullAll(app, 'other')).some((r) => r.id === snap.recordId)).toBe(false);
    });

    it("answers a draft's history to those who may read it, and 404 to another unit or tenant", async () => {
      const inno = new Device('review-history-inno', 'innoA');
      const fac = new Device('review-history-fac', 'facA');
      const created = applied((await push(app, 'innoA', [inno.create(draftBody(UNIT_A))])).results[0]);
      const id = created.recordId;
      const submitted = applied(
        await move(inno, 'innoA', id, { reviewStatus: 'diajukan' }, created.record.fieldVersions),
      ).record;
      applied(
        await push(app, 'facA', [
          // A facilitator moves the review; the draft's content is its innovators' (access.ts).
          fac.update(id, { reviewStatus: 'revisi' }, submitted.fieldVersions),
        ]).then((r) => r.results[0]),
      );
      const get = (who: string, recordId = id) =>
        app.request(`/api/sync/history/${recordId}`, { headers: { authorization: `Bearer ${who}` } });

      for (const who of ['innoA', 'facA', 'coord', 'viewer']) expect((await get(who)).status).toBe(200);
      const history = historyResponseSchema.parse(await (await get('facA')).json());
      expect(history.recordId).toBe(id);
      const [revision, submission, creation] = history.entries;
      expect(revision).toMatchObject({
        userId: users.facA!.userId,
        userName: 'facA',
        userRole: 'facilitator',
        reviewStatus: 'revisi',
        paths: ['reviewStatus'],
      });
      expect(submission).toMatchObject({
        userName: 'innoA',
        userRole: 'innovator',
        reviewStatus: 'diajukan',
      });
      expect(creation?.paths).toContain('title');
      expect(creation?.reviewStatus).toBe('draft');
      for (const e of history.entries) expect(e.at).toBeGreaterThan(Date.now() - 60_000);
      expect(history.entries.map((e) => e.version)).toEqual(
        [...history.entries.map((e) => e.version)].sort((a, b) => b - a),
      );

      // Another unit's innovator and another regency's coordinator: the same 404 as for no record at all.
      for (const who of ['innoB', 'other']) {
        const res = await get(who);
        expect(res.status).toBe(404);
        expect(await res.json()).toMatchObject({ error: { code: 'not-found' } });
      }
      expect((await get('innoA', uuidv7())).status).toBe(404);
      // A malformed id is refused by the schema; no token, by requireAuth.
      expect((await get('innoA', 'not-a-uuid')).status).toBe(400);
      expect((await app.request(`/api/sync/history/${id}`)).status).toBe(401);
    });

    describe('a sent draft is read-only until a coordinator reopens it', () => {
      /** A draft of unit A taken to "siap-kirim"; returns its id and the record as everyone last pulled it. */
      async function readyToSend(tag: string) {
        const inno = new Device(`sent-${tag}-inno`, 'innoA');
        const fac = new Device(`sent-${tag}-fac`, 'facA');
        const coord = new Device(`sent-${tag}-coord`, 'coord');
        const created = applied((await push(app, 'innoA', [inno.create(draftBody(UNIT_A))])).results[0]);
        const id = created.recordId;
        let record = applied(
          await move(inno, 'innoA', id, { reviewStatus: 'diajukan' }, created.record.fieldVersions),
        ).record;
        record = applied(
          await move(fac, 'facA', id, { reviewStatus: 'disetujui' }, record.fieldVersions),
        ).record;
        record = applied(
          await move(coord, 'coord', id, { reviewStatus: 'siap-kirim' }, record.fieldVersions),
        ).record;
        return { inno, fac, coord, id, ready: record };
      }
      const SENT = { competition: 'KIPP 2026', date: '2026-11-20' };
      const stored = async (id: string) => (await pullAll(app, 'coord')).find((r) => r.id === id);

      it("refuses an innovator's offline edit pushed after the draft was marked sent, saying why in both languages", async () => {
        const { inno, coord, id, ready } = await readyToSend('offline');
        // The innovator edits offline on the "siap-kirim" version; meanwhile the coordinator marks it sent.
        const sent = applied(
          await move(coord, 'coord', id, { reviewStatus: 'terkirim', sent: SENT }, ready.fieldVersions),
        ).record;
        const other = applied((await push(app, 'innoA', [inno.create(draftBody(UNIT_A))])).results[0]);
        const res = await push(app, 'innoA', [
          inno.update(
            id,
            { 'sections.ringkasan': 'Ditulis di jalan.', title: 'Judul baru' },
            ready.fieldVersions,
          ),
          inno.update(other.recordId, { title: 'Draf lain tetap tersimpan' }, other.record.fieldVersions),
        ]);
        const refusal = rejected(res.results[0]);
        expect(refusal.code).toBe('forbidden');
        expect(refusal.message).toContain('sections.ringkasan');
        expect(refusal.message).toContain('Proposal ini sudah terkirim ke kompetisi');
        expect(refusal.message).toContain('This proposal has been sent to a competition');
        // The rest of the batch applies; the sent draft is as the coordinator sent it.
        expect(applied(res.results[1]).record).toMatchObject({ title: 'Draf lain tetap tersimpan' });
        expect(await stored(id)).toMatchObject({
          reviewStatus: 'terkirim',
          title: sent.kind === 'draft' ? sent.title : '',
          sections: { ringkasan: 'Ringkasan awal.' },
        });
        // Deleting it is refused too, and so is the innovator moving it out of "terkirim" with an edit.
        expect(rejected((await push(app, 'innoA', [inno.op(id, 'delete')])).results[0]).code).toBe(
          'forbidden',
        );
        const escape = rejected(
          await move(inno, 'innoA', id, { reviewStatus: 'siap-kirim', title: 'Lolos' }, sent.fieldVersions),
        );
        expect(escape.code).toBe('review-transition');
        expect(escape.message).toContain('dari "Terkirim" ke "Siap kirim" oleh inovator');
        expect(await stored(id)).toMatchObject({ reviewStatus: 'terkirim', deleted: false });
      });

      it('refuses a coordinator’s content edit too, but lets them correct the competition', async () => {
        const { coord, id, ready } = await readyToSend('coord');
        const sent = applied(
          await move(coord, 'coord', id, { reviewStatus: 'terkirim', sent: SENT }, ready.fieldVersions),
        ).record;
        const edit = rejected(
          await move(coord, 'coord', id, { 'sections.ringkasan': 'Koreksi.' }, sent.fieldVersions),
        );
        expect(edit.code).toBe('forbidden');
        expect(edit.message).toContain('sudah terkirim');
        const corrected = applied(
          await move(
            coord,
            'coord',
            id,
            { sent: { ...SENT, competition: 'KIPP 2026 (Provinsi)' } },
            sent.fieldVersions,
          ),
        ).record;
        expect(corrected).toMatchObject({
          reviewStatus: 'terkirim',
          sent: { competition: 'KIPP 2026 (Provinsi)' },
        });
      });

      it('still takes comments and replies on a sent draft', async () => {
        const { inno, fac, coord, id, ready } = await readyToSend('comments');
        applied(
          await move(coord, 'coord', id, { reviewStatus: 'terkirim', sent: SENT }, ready.fieldVersions),
        );
        const comment = (device: Device, who: string, patch: Partial<BodyOf<'comment'>>): Change => ({
          deviceId: device.deviceId,
          seq: ++device.seq,
          recordId: uuidv7(),
          kind: 'comment',
          op: 'create',
          values: flattenBody(
            'comment',
            aCommentBody({
              recordId: id,
              unitId: UNIT_A,
              authorId: users[who]!.userId,
              authorName: who,
              ...patch,
            }),
          ),
          base: {},
          editedAt: 1_700_000_000_000,
        });
        const thread = applied(
          (
            await push(app, 'facA', [
              comment(fac, 'facA', { text: 'Juri mungkin bertanya soal biaya.', authorRole: 'facilitator' }),
            ])
          ).results[0],
        );
        const reply = applied(
          (
            await push(app, 'innoA', [
              comment(inno, 'innoA', {
                text: 'Siap, kami siapkan.',
                parentId: thread.recordId,
                authorRole: 'innovator',
              }),
            ])
          ).results[0],
        );
        expect(reply.record).toMatchObject({ kind: 'comment', recordId: id, parentId: thread.recordId });
        expect(await stored(id)).toMatchObject({ reviewStatus: 'terkirim' });
      });

      it('opens the content again with the coordinator’s "Buka kembali", in the same change or after it', async () => {
        const { inno, coord, id, ready } = await readyToSend('reopen');
        const sent = applied(
          await move(coord, 'coord', id, { reviewStatus: 'terkirim', sent: SENT }, ready.fieldVersions),
        ).record;
        // Reopening and fixing a typo in one change (the coordinator's phone, offline): both apply.
        const reopened = applied(
          await move(
            coord,
            'coord',
            id,
            { reviewStatus: 'siap-kirim', 'sections.ringkasan': 'Ringkasan diperbaiki.' },
            sent.fieldVersions,
          ),
        ).record;
        expect(reopened).toMatchObject({
          reviewStatus: 'siap-kirim',
          sections: { ringkasan: 'Ringkasan diperbaiki.' },
        });
        // Now the innovator edits again.
        const edited = applied(
          await move(inno, 'innoA', id, { title: 'Judul setelah dibuka' }, reopened.fieldVersions),
        ).record;
        expect(edited).toMatchObject({ reviewStatus: 'siap-kirim', title: 'Judul setelah dibuka' });
      });
    });

    describe("with the tenant's optional steps switched on", () => {
      const coord = new Device('review-steps-coord', 'coord');
      /** Switches the tenant's head approval and internal review (its programme record, a local admin's push). */
      async function switchSteps(on: boolean): Promise<void> {
        const programme = (await pullAll(app, 'coord')).find((r) => r.kind === 'programme');
        if (!programme) throw new Error('no programme record');
        applied(
          (
            await push(app, 'coord', [
              coord.update(
                programme.id,
                { reviewFlow: { headApproval: on, internalReview: on } },
                programme.fieldVersions,
                'programme',
              ),
            ])
          ).results[0],
        );
      }
      beforeAll(async () => {
        await seedAllProgrammes(db);
        await switchSteps(true);
      });
      // The other tests of this suite use the flow as seeded (off).
      afterAll(async () => {
        await switchSteps(false);
      });

      /** A submitted draft of unit A, as the server holds it. */
      async function submitted(): Promise<{ id: string; versions: Record<string, number> }> {
        const created = applied(
          (await push(app, 'coord', [coord.create(draftBody(UNIT_A, { reviewStatus: 'diajukan' }))]))
            .results[0],
        );
        return { id: created.recordId, versions: created.record.fieldVersions };
      }
      const statusOf = async (id: string) =>
        (await pullAll(app, 'coord')).find((r) => r.id === id && r.kind === 'draft');

      it('refuses a change that jumps from "diajukan" past both steps, naming them in both languages', async () => {
        const draft = await submitted();
        const other = await submitted();
        const res = await push(app, 'coord', [
          coord.update(draft.id, { reviewStatus: 'siap-kirim' }, draft.versions),
          coord.update(other.id, { title: 'Tetap tersimpan' }, other.versions),
        ]);
        const refusal = rejected(res.results[0]);
        expect(refusal.code).toBe('review-transition');
        expect(refusal.message).toContain(
          'Status tidak boleh langsung diubah dari "Diajukan" ke "Siap kirim": proposal harus melewati ' +
            '"Disetujui kepala OPD" dan "Tinjauan internal" lebih dulu',
        );
        expect(refusal.message).toContain(
          'The status may not jump from "Submitted" to "Ready to send": the proposal must pass ' +
            '"Approved by the head of the OPD" and "Internal review" first',
        );
        expect(applied(res.results[1]).record).toMatchObject({ title: 'Tetap tersimpan' });
        expect(await statusOf(draft.id)).toMatchObject({ reviewStatus: 'diajukan' });
        // A new draft is a move from "draft": it cannot be created past the steps either.
        const born = await push(app, 'coord', [
          coord.create(draftBody(UNIT_A, { reviewStatus: 'siap-kirim' })),
        ]);
        expect(rejected(born.results[0]).message).toContain('"Disetujui kepala OPD" dan "Tinjauan internal"');
      });

      it('refuses skipping the internal review after the head approved, and takes each step as its own change', async () => {
        const draft = await submitted();
        // Every step its own change, all in one push (a coordinator's phone that was offline): applied in order.
        const steps = await push(app, 'coord', [
          coord.update(draft.id, { reviewStatus: 'disetujui' }, draft.versions),
          coord.update(draft.id, { reviewStatus: 'disetujui-kepala' }, draft.versions),
        ]);
        expect(steps.results.map((r) => r.status)).toEqual(['applied', 'applied']);
        const atHead = applied(steps.results[1]).record;
        const skip = rejected(
          await move(coord, 'coord', draft.id, { reviewStatus: 'siap-kirim' }, atHead.fieldVersions),
        );
        expect(skip.code).toBe('review-transition');
        expect(skip.message).toContain('harus melewati "Tinjauan internal" lebih dulu');
        expect(skip.message).toContain('must pass "Internal review" first');
        const rest = await push(app, 'coord', [
          coord.update(draft.id, { reviewStatus: 'review-internal' }, atHead.fieldVersions),
          coord.update(draft.id, { reviewStatus: 'siap-kirim' }, atHead.fieldVersions),
        ]);
        expect(rest.results.map((r) => r.status)).toEqual(['applied', 'applied']);
        expect(await statusOf(draft.id)).toMatchObject({ reviewStatus: 'siap-kirim' });
        // The coordinator steps a mistaken mark back into the internal review.
        const back = applied(
          await move(
            coord,
            'coord',
            draft.id,
            { reviewStatus: 'review-internal' },
            applied(rest.results[1]).record.fieldVersions,
          ),
        );
        expect(back.record).toMatchObject({ reviewStatus: 'review-internal' });
      });
    });

    it('lists the history route in the OpenAPI document', async () => {
      const doc = (await (await app.request('/api/openapi.json')).json()) as {
        paths: Record<string, unknown>;
      };
      expect(doc.paths).toHaveProperty('/api/sync/history/{recordId}');
    });
  });
}
