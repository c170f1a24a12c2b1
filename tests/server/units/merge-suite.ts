/**
 * Merging units on the server (POST /api/units/{id}/merge), run on PGlite and on a real PostgreSQL: every kind of
 * record that names the merged unit moves to the kept one with a new version, another device pulls them, a phone
 * that was offline during the merge still lands in the kept unit, accounts follow, and every refusal is a clear
 * 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../../src/server/db/types';
import type { AuthContext } from '../../../src/server/auth/types';
import { flattenBody } from '../../../src/shared/fieldPaths';
import type { Change } from '../../../src/shared/protocol';
import type { AnyRecord, BodyOf, RecordKind } from '../../../src/shared/records';
import type { MergeUnitsResponse } from '../../../src/shared/units';
import { seedUsers, syncApp, type SyncTestApp, type UserSpec } from '../sync/helpers';
import { draftBody, pull, pullAll, push } from '../sync/fixtures';
import {
  aChecklistBody,
  aCommentBody,
  aPersonBody,
  aSessionBody,
  aSubmissionBody,
  anAttachmentBody,
} from '../../factories';

/** A phone: numbered changes of any kind. */
class Phone {
  seq = 0;
  constructor(readonly deviceId: string) {}
  create<K extends RecordKind>(kind: K, body: BodyOf<K>, id: string = uuidv7()): Change {
    return {
      deviceId: this.deviceId,
      seq: ++this.seq,
      recordId: id,
      kind,
      op: 'create',
      values: flattenBody(kind, body as Record<string, unknown>),
      base: {},
      editedAt: 1_700_000_000_000,
    };
  }
  update(kind: RecordKind, recordId: string, values: Record<string, unknown>, base: Record<string, number>) {
    return {
      deviceId: this.deviceId,
      seq: ++this.seq,
      recordId,
      kind,
      op: 'update' as const,
      values,
      base,
      editedAt: 1_700_000_000_000,
    };
  }
}

const CAST: Record<string, UserSpec> = {
  coord: { tenant: 'Kabupaten Gabung', role: 'coordinator', unitIds: [] },
  coord2: { tenant: 'Kabupaten Gabung', role: 'coordinator', unitIds: [] },
  innoA: { tenant: 'Kabupaten Gabung', role: 'innovator', unitIds: [] },
  facA: { tenant: 'Kabupaten Gabung', role: 'facilitator', unitIds: [] },
  innoB: { tenant: 'Kabupaten Gabung', role: 'innovator', unitIds: [] },
  viewer: { tenant: 'Kabupaten Gabung', role: 'viewer', unitIds: [] },
  other: { tenant: 'Kota Lain', role: 'coordinator', unitIds: [] },
};

export function unitMergeSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`unit merge on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let app: SyncTestApp;
    let users: Record<string, AuthContext>;
    const coordPhone = new Phone('phone-coord-merge');

    beforeAll(async () => {
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CAST);
      users = seeded.auth;
      app = syncApp(db, seeded.tokens);
    });
    afterAll(async () => {
      await done();
    });

    const merge = (token: string, id: string, into: string) =>
      app.request(`/api/units/${id}/merge`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ into }),
      });

    async function newUnit(name: string): Promise<string> {
      const change = coordPhone.create('unit', { name, type: 'puskesmas', demo: false });
      const result = (await push(app, 'coord', [change])).results[0]!;
      expect(result.status).toBe('applied');
      return change.recordId;
    }

    async function setUnits(key: string, unitIds: string[]): Promise<void> {
      await db.query('UPDATE users SET unit_ids = $2 WHERE id = $1', [users[key]!.userId, unitIds]);
    }

    const applied = (r: Awaited<ReturnType<typeof push>>['results'][number]): AnyRecord => {
      if (r.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(r)}`);
      return r.record;
    };

    it('moves every kind of record to the kept unit, with new versions, and archives the merged unit', async () => {
      const a = await newUnit('Puskesmas Sukamaju');
      const b = await newUnit('UPTD Puskesmas Sukamaju');
      const other = await newUnit('Kecamatan Lain');
      await setUnits('innoA', [a, other]);
      await setUnits('facA', [a]);
      await setUnits('innoB', [b]);
      const inno = new Phone('phone-inno-merge');
      const fac = new Phone('phone-fac-merge');

      const draft = applied((await push(app, 'innoA', [inno.create('draft', draftBody(a))])).results[0]!);
      const checklist = applied(
        (
          await push(app, 'innoA', [
            inno.create('checklist', aChecklistBody({ draftId: draft.id, unitId: a })),
          ])
        ).results[0]!,
      );
      const session = applied(
        (await push(app, 'facA', [fac.create('session', aSessionBody({ unitIds: [a], place: 'Aula' }))]))
          .results[0]!,
      );
      const submission = applied(
        (
          await push(app, 'innoA', [
            inno.create(
              'submission',
              aSubmissionBody({
                draftId: draft.id,
                unitId: a,
                sections: { ringkasan: 'Ringkasan awal.' },
                submittedBy: users.innoA!.userId,
                submittedByName: 'innoA',
              }),
            ),
          ])
        ).results[0]!,
      );
      const comment = applied(
        (
          await push(app, 'facA', [
            fac.create(
              'comment',
              aCommentBody({
                recordId: draft.id,
                unitId: a,
                text: 'Tambahkan data kunjungan.',
                authorId: users.facA!.userId,
                authorName: 'facA',
              }),
            ),
          ])
        ).results[0]!,
      );
      const attachment = applied(
        (
          await push(app, 'innoA', [
            inno.create(
              'attachment',
              anAttachmentBody({ parentId: draft.id, parentKind: 'draft', unitId: a }),
            ),
          ])
        ).results[0]!,
      );
      const person = applied(
        (
          await push(app, 'coord', [
            coordPhone.create(
              'person',
              aPersonBody({ name: 'Bu Ani', role: 'innovator', unitIds: [other, a] }),
            ),
          ])
        ).results[0]!,
      );
      // A conflict on the draft's title: it carries the draft's units.
      await push(app, 'innoA', [
        inno.update('draft', draft.id, { title: 'Versi inovator' }, draft.fieldVersions),
      ]);
      const conflicted = // A local admin (a facilitator only reviews a draft's content, access.ts).
        (
          await push(app, 'coord', [
            coordPhone.update('draft', draft.id, { title: 'Versi admin lokal' }, draft.fieldVersions),
          ])
        ).results[0]!;
      expect(conflicted.status === 'applied' && conflicted.conflictIds.length).toBe(1);
      const conflictId = conflicted.status === 'applied' ? conflicted.conflictIds[0]! : '';

      const before = await pull(app, 'innoB');
      const res = await merge('coord', a, b);
      expect(res.status).toBe(200);
      const out = (await res.json()) as MergeUnitsResponse;
      expect(out.moved).toEqual({
        session: 1,
        draft: 1,
        checklist: 1,
        submission: 1,
        comment: 1,
        attachment: 1,
        person: 1,
        conflict: 1,
      });
      expect(out.accounts).toBe(2);
      expect(out.merged).toMatchObject({ id: a, archived: true, mergedInto: b, name: 'Puskesmas Sukamaju' });
      expect(out.kept).toMatchObject({ id: b, name: 'UPTD Puskesmas Sukamaju' });
      expect(out.kept.archived ?? false).toBe(false);

      // innoB (of the kept unit only) now pulls every moved record, each with a version above its old one.
      const page = await pullAll(app, 'innoB');
      const seen = new Map(page.map((r) => [r.id, r]));
      const revBefore = new Map(
        [draft, checklist, session, submission, comment, attachment, person].map((r) => [r.id, r.rev]),
      );
      for (const [id, rev] of revBefore) {
        const now = seen.get(id);
        expect(now, id).toBeDefined();
        expect(now!.rev).toBeGreaterThan(rev);
      }
      expect(seen.get(draft.id)).toMatchObject({ unitId: b, title: 'Versi inovator' });
      expect(seen.get(checklist.id)).toMatchObject({ unitId: b });
      expect(seen.get(session.id)).toMatchObject({ unitIds: [b], place: 'Aula' });
      expect(seen.get(submission.id)).toMatchObject({ unitId: b });
      expect(seen.get(comment.id)).toMatchObject({ unitId: b, text: 'Tambahkan data kunjungan.' });
      expect(seen.get(attachment.id)).toMatchObject({ unitId: b });
      expect(seen.get(person.id)).toMatchObject({ unitIds: [other, b] });
      expect(seen.get(conflictId)).toMatchObject({ kind: 'conflict', resolved: false });
      expect(seen.get(a)).toMatchObject({ archived: true, mergedInto: b });
      // A phone of the kept unit continuing from the cursor it held before the merge gets the moved records.
      expect(before.records.some((r) => r.id === draft.id)).toBe(false);
      const cont = await pull(app, 'innoB', before.cursor);
      expect(cont.records.map((r) => r.id)).toEqual(expect.arrayContaining([draft.id, session.id, a]));

      // History stays: the draft's old unit is still in its change log, and the move is logged by the server.
      const { rows: log } = await db.query<{ value: unknown; device_id: string }>(
        `SELECT value, device_id FROM sync_changes WHERE record_id = $1 AND path = 'unitId' ORDER BY version`,
        [draft.id],
      );
      expect(log.map((l) => [l.value, l.device_id])).toEqual([
        [a, 'phone-inno-merge'],
        [b, 'server'],
      ]);

      // Accounts: the merged unit's id became the kept one, other units kept, order kept.
      const { rows: accounts } = await db.query<{ id: string; unit_ids: string[] }>(
        'SELECT id, unit_ids FROM users WHERE id = ANY($1::text[])',
        [[users.innoA!.userId, users.facA!.userId, users.innoB!.userId]],
      );
      const unitsOf = new Map(accounts.map((r) => [r.id, r.unit_ids]));
      expect(unitsOf.get(users.innoA!.userId)).toEqual([b, other]);
      expect(unitsOf.get(users.facA!.userId)).toEqual([b]);
      expect(unitsOf.get(users.innoB!.userId)).toEqual([b]);

      // A phone offline during the merge pushes a new draft and a session edit naming the merged unit: both land
      // in the kept unit.
      const late = applied(
        (await push(app, 'innoA', [inno.create('draft', draftBody(a, { title: 'Telat' }))])).results[0]!,
      );
      expect(late).toMatchObject({ unitId: b, title: 'Telat' });
      const lateSession = applied(
        (
          await push(app, 'facA', [
            fac.update('session', session.id, { unitIds: [a], place: 'Balai desa' }, session.fieldVersions),
          ])
        ).results[0]!,
      );
      expect(lateSession).toMatchObject({ unitIds: [b], place: 'Balai desa' });
      const { rows: stored } = await db.query<{ unit_ids: string[] }>(
        'SELECT unit_ids FROM sync_records WHERE id = $1',
        [late.id],
      );
      expect(stored[0]!.unit_ids).toEqual([b]);
    });

    it('follows a chain of merges for a late push (A into B, then B into C)', async () => {
      const a = await newUnit('Unit Rantai A');
      const b = await newUnit('Unit Rantai B');
      const c = await newUnit('Unit Rantai C');
      expect((await merge('coord', a, b)).status).toBe(200);
      expect((await merge('coord', b, c)).status).toBe(200);
      const phone = new Phone('phone-chain-merge');
      const draft = applied((await push(app, 'coord', [phone.create('draft', draftBody(a))])).results[0]!);
      expect(draft).toMatchObject({ unitId: c });
    });

    it('refuses: non-coordinators 403, other tenant and unknown units 404, same unit 400, merged twice 409', async () => {
      const a = await newUnit('Unit Tolak A');
      const b = await newUnit('Unit Tolak B');
      for (const key of ['innoA', 'facA', 'viewer']) {
        const res = await merge(key, a, b);
        expect(res.status, key).toBe(403);
        const body = (await res.json()) as { error: { message: string; messageEn: string } };
        expect(body.error.message).toContain('admin lokal');
        expect(body.error.messageEn).toContain('local admins');
      }
      const foreign = await merge('other', a, b);
      expect(foreign.status).toBe(404);
      expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('not-found');
      expect((await merge('coord', a, uuidv7())).status).toBe(404);
      expect((await merge('coord', uuidv7(), b)).status).toBe(404);
      const same = await merge('coord', a, a);
      expect(same.status).toBe(400);
      expect(((await same.json()) as { error: { messageEn: string } }).error.messageEn).toMatch(/different/);
      expect((await merge('coord', 'not-an-id', b)).status).toBe(400);
      const badBody = await app.request(`/api/units/${a}/merge`, {
        method: 'POST',
        headers: { authorization: 'Bearer coord', 'content-type': 'application/json' },
        body: JSON.stringify({ into: b, extra: 1 }),
      });
      expect(badBody.status).toBe(400);
      expect((await merge('coord', a, b)).status).toBe(200);
      const again = await merge('coord', a, b);
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: { code: string } }).error.code).toBe('already-merged');
      const intoMerged = await merge('coord', await newUnit('Unit Tolak C'), a);
      expect(intoMerged.status).toBe(409);
      expect(((await intoMerged.json()) as { error: { code: string } }).error.code).toBe('kept-merged');
    });

    it('refuses a phone that sets mergedInto or restores a merged unit itself', async () => {
      const a = await newUnit('Unit Sendiri A');
      const b = await newUnit('Unit Sendiri B');
      const [unitA] = (await pullAll(app, 'coord')).filter((r) => r.id === a);
      const set = (
        await push(app, 'coord', [coordPhone.update('unit', a, { mergedInto: b }, unitA!.fieldVersions)])
      ).results[0]!;
      expect(set).toMatchObject({ status: 'rejected', code: 'forbidden' });
      expect((await merge('coord', a, b)).status).toBe(200);
      const [merged] = (await pullAll(app, 'coord')).filter((r) => r.id === a);
      const restore = (
        await push(app, 'coord', [coordPhone.update('unit', a, { archived: false }, merged!.fieldVersions)])
      ).results[0]!;
      expect(restore).toMatchObject({ status: 'rejected', code: 'forbidden' });
      // Renaming it is still fine (history of names).
      const rename = (
        await push(app, 'coord', [
          coordPhone.update('unit', a, { name: 'Unit Sendiri A (lama)' }, merged!.fieldVersions),
        ])
      ).results[0]!;
      expect(rename.status).toBe('applied');
    });

    it('runs parallel merges of the same pair one after the other: one succeeds, nothing corrupt', async () => {
      const a = await newUnit('Unit Paralel A');
      const b = await newUnit('Unit Paralel B');
      const phone = new Phone('phone-parallel-merge');
      const drafts = [];
      for (let i = 0; i < 5; i++)
        drafts.push(
          applied(
            (await push(app, 'coord', [phone.create('draft', draftBody(a, { title: `D${i}` }))])).results[0]!,
          ),
        );
      const results = await Promise.all([
        merge('coord', a, b),
        merge('coord2', a, b),
        merge('coord', b, a),
        // A push naming the merged unit, racing the merges.
        push(app, 'coord', [phone.create('draft', draftBody(a, { title: 'Balapan' }))]),
      ]);
      const statuses = (results.slice(0, 3) as Response[]).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409]);
      const raced = applied((results[3] as Awaited<ReturnType<typeof push>>).results[0]!);
      const all = await pullAll(app, 'coord');
      const byId = new Map(all.map((r) => [r.id, r]));
      const unitA = byId.get(a) as Extract<AnyRecord, { kind: 'unit' }>;
      const unitB = byId.get(b) as Extract<AnyRecord, { kind: 'unit' }>;
      // Exactly one of the two was merged into the other, and every draft is in the kept one.
      const [mergedUnit, keptUnit] = unitA.mergedInto ? [unitA, unitB] : [unitB, unitA];
      expect(mergedUnit.mergedInto).toBe(keptUnit.id);
      expect(keptUnit.mergedInto ?? null).toBeNull();
      for (const d of [...drafts, raced]) expect(byId.get(d.id)).toMatchObject({ unitId: keptUnit.id });
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM sync_records WHERE $1 = ANY(unit_ids)`,
        [mergedUnit.id],
      );
      expect(Number(rows[0]!.n)).toBe(0);
    });
  });
}
