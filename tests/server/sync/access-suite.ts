/**
 * Who writes what, on push (run on PGlite and on a real PostgreSQL): a refused field path comes back as a clear
 * `forbidden` refusal in Indonesian and English, naming the path, while the allowed paths of the same change and
 * the other changes of the same push still apply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../../src/server/db/types';
import type { AuthContext } from '../../../src/server/auth/types';
import type { Change, ChangeResult } from '../../../src/shared/protocol';
import { newSessionBody } from '../../../src/shared/domain';
import { flattenBody } from '../../../src/shared/fieldPaths';
import type { AnyRecord, BodyOf, RecordKind, Session } from '../../../src/shared/records';
import { CAST, UNIT_A, UNIT_B, seedUsers, syncApp, type SyncTestApp } from './helpers';
import { Device, draftBody, pullAll, push } from './fixtures';
import { aPersonBody } from '../../factories';

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

/** A create of any kind from a test device. */
const createOf = <K extends RecordKind>(d: Device, kind: K, body: BodyOf<K>, id = uuidv7()): Change => ({
  ...d.create(draftBody(null), id),
  kind,
  values: flattenBody(kind, body as Record<string, unknown>),
});

export function accessSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`who writes what, on push (${name})`, () => {
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

    const OWN = '0190a000-0000-7000-8000-0000000000f1';
    const NOT_OWN = '0190a000-0000-7000-8000-0000000000f2';
    const action = (
      ownerId: string | null,
      status: 'terbuka' | 'selesai' = 'terbuka',
      what = 'Data antrean',
    ) => ({
      what,
      who: 'Budi',
      due: '',
      status,
      order: 1,
      ownerId,
    });

    /** A session of unit A led by facA, with one follow-up owned by innoA and one owned by nobody. */
    async function facilitatorsSession(): Promise<Session> {
      const fac = new Device(`fac-${uuidv7()}`, 'facA');
      const body: BodyOf<'session'> = {
        ...newSessionBody(new Date('2026-12-01T09:00:00')),
        unitIds: [UNIT_A],
        facilitatorId: users.facA!.userId,
        facilitatorName: 'facA',
        notes: 'Catatan pendamping.',
        actions: { [OWN]: action(users.innoA!.userId), [NOT_OWN]: action(null) },
      };
      return applied((await push(app, 'facA', [createOf(fac, 'session', body)])).results[0])
        .record as Session;
    }

    const onServer = async (id: string): Promise<AnyRecord> =>
      (await pullAll(app, 'coord')).find((r) => r.id === id)!;

    it("refuses an innovator's edit of the notes but applies their own follow-up's tick and the rest of the push", async () => {
      const session = await facilitatorsSession();
      const inno = new Device('access-inno-1', 'innoA');
      const draft = applied((await push(app, 'innoA', [inno.create(draftBody(UNIT_A))])).results[0]).record;
      const res = await push(app, 'innoA', [
        inno.update(
          session.id,
          { notes: 'Diubah inovator.', [`actions.${OWN}`]: action(users.innoA!.userId, 'selesai') },
          session.fieldVersions,
          'session',
        ),
        inno.update(draft.id, { title: 'Judul inovator' }, draft.fieldVersions),
      ]);
      const refusal = rejected(res.results[0]);
      expect(refusal.code).toBe('forbidden');
      expect(refusal.message).toContain('notes');
      expect(refusal.message).toContain(
        'Inovator hanya dapat menandai selesai tindak lanjut miliknya sendiri.',
      );
      expect(refusal.message).toContain('An innovator can only mark their own follow-ups done.');
      expect(refusal.message).not.toContain(`actions.${OWN}`);
      expect(applied(res.results[1]).record).toMatchObject({ title: 'Judul inovator' });

      const stored = (await onServer(session.id)) as Session;
      expect(stored.notes).toBe('Catatan pendamping.');
      expect(stored.actions[OWN]?.status).toBe('selesai');
      expect(stored.actions[NOT_OWN]?.status).toBe('terbuka');
    });

    it("refuses an innovator's tick on a follow-up that is not theirs, and any other change of their own", async () => {
      const session = await facilitatorsSession();
      const inno = new Device('access-inno-2', 'innoA');
      const base = session.fieldVersions;
      const results = (
        await push(app, 'innoA', [
          inno.update(session.id, { [`actions.${NOT_OWN}`]: action(null, 'selesai') }, base, 'session'),
          inno.update(
            session.id,
            { [`actions.${OWN}`]: action(users.innoA!.userId, 'terbuka', 'Diubah') },
            base,
            'session',
          ),
          { ...inno.op(session.id, 'delete'), kind: 'session' },
        ])
      ).results;
      for (const r of results) expect(rejected(r).code).toBe('forbidden');
      expect(rejected(results[2]).message).toContain('Hanya pembuatnya (pendamping sesi) atau admin lokal');
      const stored = (await onServer(session.id)) as Session;
      expect(stored.deleted).toBe(false);
      expect(stored.actions[NOT_OWN]?.status).toBe('terbuka');
      expect(stored.actions[OWN]?.what).toBe('Data antrean');
    });

    it("merges an innovator's tick made before the facilitator reworded the follow-up", async () => {
      const session = await facilitatorsSession();
      const fac = new Device('access-fac-3', 'facA');
      const inno = new Device('access-inno-3', 'innoA');
      applied(
        (
          await push(app, 'facA', [
            fac.update(
              session.id,
              { [`actions.${OWN}`]: action(users.innoA!.userId, 'terbuka', 'Data antrean pagi') },
              session.fieldVersions,
              'session',
            ),
          ])
        ).results[0],
      );
      const r = applied(
        (
          await push(app, 'innoA', [
            inno.update(
              session.id,
              { [`actions.${OWN}`]: action(users.innoA!.userId, 'selesai') },
              session.fieldVersions,
              'session',
            ),
          ])
        ).results[0],
      );
      expect((r.record as Session).actions[OWN]).toMatchObject({
        what: 'Data antrean pagi',
        status: 'selesai',
      });
    });

    it("lets the session's facilitator and local admins write it; viewers, other units and other tenants are refused", async () => {
      const session = await facilitatorsSession();
      const other = (
        await push(app, 'viewer', [
          new Device('access-viewer', 'viewer').update(
            session.id,
            { notes: 'x' },
            session.fieldVersions,
            'session',
          ),
        ])
      ).results[0];
      expect(rejected(other).code).toBe('forbidden');
      const stranger = (
        await push(app, 'innoB', [
          new Device('access-innoB', 'innoB').update(
            session.id,
            { notes: 'x' },
            session.fieldVersions,
            'session',
          ),
        ])
      ).results[0];
      // Another unit's and another tenant's people do not see it: "not there" (issue #17).
      expect(rejected(stranger).code).toBe('not-found');
      const foreign = (
        await push(app, 'other', [
          new Device('access-other', 'other').update(
            session.id,
            { notes: 'x' },
            session.fieldVersions,
            'session',
          ),
        ])
      ).results[0];
      expect(rejected(foreign).code).toBe('not-found');

      const fac = new Device('access-fac-4', 'facA');
      const mine = applied(
        (
          await push(app, 'facA', [
            fac.update(session.id, { notes: 'Catatan baru.' }, session.fieldVersions, 'session'),
          ])
        ).results[0],
      );
      const coord = new Device('access-coord-4', 'coord');
      applied(
        (
          await push(app, 'coord', [
            coord.update(session.id, { topics: 'Topik admin.' }, mine.record.fieldVersions, 'session'),
          ])
        ).results[0],
      );
      expect(await onServer(session.id)).toMatchObject({ notes: 'Catatan baru.', topics: 'Topik admin.' });

      // An innovator does not start sessions.
      const made = (
        await push(app, 'innoA', [
          createOf(new Device('access-inno-4', 'innoA'), 'session', {
            ...newSessionBody(),
            unitIds: [UNIT_A],
          }),
        ])
      ).results[0];
      expect(rejected(made).code).toBe('forbidden');
    });

    it('lets a facilitator review a draft but not write its content; only its creator or a local admin deletes it', async () => {
      const inno = new Device('access-inno-5', 'innoA');
      const draft = applied(
        (await push(app, 'innoA', [inno.create(draftBody(UNIT_A, { reviewStatus: 'draft' }))])).results[0],
      ).record;
      const submitted = applied(
        (await push(app, 'innoA', [inno.update(draft.id, { reviewStatus: 'diajukan' }, draft.fieldVersions)]))
          .results[0],
      ).record;
      const fac = new Device('access-fac-5', 'facA');
      const res = await push(app, 'facA', [
        fac.update(draft.id, { title: 'Judul pendamping', reviewStatus: 'revisi' }, submitted.fieldVersions),
      ]);
      const refusal = rejected(res.results[0]);
      expect(refusal.code).toBe('forbidden');
      expect(refusal.message).toContain('title');
      expect(refusal.message).toContain('Pendamping memberi komentar dan tinjauan');
      expect(await onServer(draft.id)).toMatchObject({
        reviewStatus: 'revisi',
        title: draftBody(UNIT_A).title,
      });

      const second = new Device('access-inno2-5', 'facA');
      expect(rejected((await push(app, 'facA', [second.op(draft.id, 'delete')])).results[0]).code).toBe(
        'forbidden',
      );
      expect((await onServer(draft.id)).deleted).toBe(false);
      applied((await push(app, 'innoA', [inno.op(draft.id, 'delete')])).results[0]);
      expect((await onServer(draft.id)).deleted).toBe(true);
    });

    it('lets a facilitator keep people without an account in their own units, and nothing else of people', async () => {
      const fac = new Device('access-fac-6', 'facA');
      const person = aPersonBody({ name: 'Ibu Kader', position: 'Kader posyandu' });
      const made = applied(
        (await push(app, 'facA', [createOf(fac, 'person', { ...person, unitIds: [UNIT_A] })])).results[0],
      );
      applied(
        (
          await push(app, 'facA', [
            fac.update(made.recordId, { name: 'Ibu Kader Posyandu' }, made.record.fieldVersions, 'person'),
          ])
        ).results[0],
      );
      const moved = (
        await push(app, 'facA', [
          fac.update(made.recordId, { unitIds: [UNIT_A, UNIT_B] }, made.record.fieldVersions, 'person'),
        ])
      ).results[0];
      expect(rejected(moved).message).toContain(
        'Pendamping hanya dapat mengubah orang di unit dampingannya sendiri.',
      );
      const elsewhere = (await push(app, 'facA', [createOf(fac, 'person', { ...person, unitIds: [UNIT_B] })]))
        .results[0];
      expect(rejected(elsewhere).code).toBe('forbidden');
      const byInnovator = (
        await push(app, 'innoA', [
          createOf(new Device('access-inno-6', 'innoA'), 'person', { ...person, unitIds: [UNIT_A] }),
        ])
      ).results[0];
      expect(rejected(byInnovator).code).toBe('forbidden');
      expect(await onServer(made.recordId)).toMatchObject({ name: 'Ibu Kader Posyandu', unitIds: [UNIT_A] });
    });
  });
}
