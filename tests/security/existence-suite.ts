/**
 * Issue #17, "existence leaks" (records and comments), on PGlite and on a real PostgreSQL: a change or a comment
 * naming a record of another unit or tenant answered `forbidden` while a random id answered `not-found`, so anyone
 * with an account learned whether a guessed id exists. Now "not yours" and "not there" give the same answer (code,
 * message, shape); `forbidden` stays only where the person sees the record but may not do this.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../src/server/db/types';
import type { AuthContext } from '../../src/server/auth/types';
import type { AnyRecord, BodyOf } from '../../src/shared/records';
import { flattenBody } from '../../src/shared/fieldPaths';
import type { Change, ChangeResult } from '../../src/shared/protocol';
import {
  CAST,
  UNIT_A,
  UNIT_B,
  seedUsers,
  syncApp,
  type SyncTestApp,
  type UserSpec,
} from '../server/sync/helpers';
import { Device, draftBody, fetchRecords, pullAll, push } from '../server/sync/fixtures';

const CASTING: Record<string, UserSpec> = {
  ...CAST,
  facB: { tenant: 'Kabupaten Contoh', role: 'facilitator', unitIds: [UNIT_B] },
};

/** What a rejection tells its reader, without the parts the pusher chose (seq, record id). */
function outward(result: ChangeResult | undefined): unknown {
  if (result?.status !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  const { seq: _seq, recordId: _recordId, ...rest } = result;
  return rest;
}

const applied = (r: ChangeResult | undefined): AnyRecord => {
  if (r?.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(r)}`);
  return r.record;
};

export function existenceSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`"not yours" answers like "not there" (issue #17) on ${name}`, () => {
    let done: () => Promise<void>;
    let app: SyncTestApp;
    let users: Record<string, AuthContext>;
    let draftA: AnyRecord;
    let personal: AnyRecord;
    let thread: AnyRecord;
    let unit: AnyRecord;

    const device = (key: string) => new Device(`existence-${key}-${uuidv7()}`, key);
    const comment = (key: string, draftId: string, patch: Partial<BodyOf<'comment'>> = {}): Change => ({
      ...device(key).create(draftBody(UNIT_A)),
      kind: 'comment',
      values: flattenBody('comment', {
        recordId: draftId,
        recordKind: 'draft',
        unitId: UNIT_A,
        sectionKey: 'ringkasan',
        text: 'Apakah draf ini ada?',
        parentId: null,
        authorId: users[key]!.userId,
        authorName: key,
        authorRole: users[key]!.role === 'coordinator' ? 'coordinator' : 'facilitator',
        resolutions: {},
        ...patch,
      }),
    });
    const one = async (key: string, change: Change) => (await push(app, key, [change])).results[0];

    beforeAll(async () => {
      let db: Database;
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CASTING);
      users = seeded.auth;
      app = syncApp(db, seeded.tokens);
      const a = device('innoA');
      draftA = applied(await one('innoA', a.create(draftBody(UNIT_A, { title: 'Rahasia unit A' }))));
      personal = applied(await one('innoA', a.create(draftBody(null, { title: 'Rahasia pribadi' }))));
      thread = applied(await one('facA', comment('facA', draftA.id)));
      unit = applied(
        await one('coord', {
          ...device('coord').create(draftBody(null)),
          kind: 'unit',
          values: { name: 'Puskesmas Rahasia', type: 'puskesmas', demo: false },
        }),
      );
    });
    afterAll(async () => {
      await done();
    });

    /** Changes a phone could send about `id`, each probing something of the record. */
    const probes = (key: string, id: string, versions: Record<string, number>): [string, Change][] => {
      const d = device(key);
      return [
        ['an edit', d.update(id, { title: 'dibajak' }, versions)],
        ['a delete', d.op(id, 'delete')],
        ['a restore', d.op(id, 'restore')],
        ['an edit as another kind', d.update(id, { notes: 'x' }, {}, 'session')],
        ['an edit of a comment', d.update(id, { text: 'diubah' }, {}, 'comment')],
        ['a unit set as merged', d.update(id, { mergedInto: UNIT_B }, {}, 'unit')],
        ['a unit un-archived', d.update(id, { archived: false }, {}, 'unit')],
      ];
    };

    it.each([
      ['innoB', 'draftA', 'an innovator of another unit'],
      ['facB', 'draftA', 'a facilitator of another unit'],
      ['other', 'draftA', 'a coordinator of another tenant'],
      ['facA', 'personal', 'a facilitator, on a draft without a unit that is not hers'],
      ['innoB', 'thread', 'an innovator of another unit, on a comment'],
      ['other', 'thread', 'a coordinator of another tenant, on a comment'],
      ['other', 'unit', 'a coordinator of another tenant, on a unit'],
    ])('answers %s pushing to %s (%s) exactly as for an id that is not there', async (key, target) => {
      const record = { draftA, personal, thread, unit }[target]!;
      const missing = uuidv7();
      const theirs = probes(key, record.id, record.fieldVersions);
      const nobodys = probes(key, missing, record.fieldVersions);
      for (const [i, [what, change]] of theirs.entries()) {
        const foreign = await one(key, change);
        const absent = await one(key, nobodys[i]![1]);
        expect(outward(foreign), what).toEqual(outward(absent));
        expect(foreign, what).toMatchObject({ status: 'rejected', code: 'not-found' });
        expect(JSON.stringify(foreign), what).not.toContain('Rahasia');
      }
      // Nothing of it changed.
      const seen = (await pullAll(app, 'coord')).find((r) => r.id === record.id);
      expect(seen).toMatchObject({ rev: record.rev, deleted: false });
    });

    it('refuses a create over the id of a record one may not see as not-found, and changes nothing', async () => {
      // In the same tenant. (Another tenant's ids are its own: see the last test.)
      for (const key of ['innoB']) {
        const taken = await one(key, device(key).create(draftBody(null, { title: 'Pengganti' }), draftA.id));
        expect(taken).toMatchObject({ status: 'rejected', code: 'not-found' });
        const update = await one(key, device(key).update(uuidv7(), { title: 'x' }, {}));
        expect(outward(taken)).toEqual(outward(update));
      }
      const seen = (await pullAll(app, 'coord')).find((r) => r.id === draftA.id);
      expect(seen).toMatchObject({ title: 'Rahasia unit A', rev: draftA.rev });
    });

    it('answers a comment on a draft one may not see exactly as one on a draft that is not there', async () => {
      const cases: [string, Partial<BodyOf<'comment'>>][] = [
        ['facB', {}],
        ['other', {}],
        ['facB', { parentId: thread.id }],
        ['other', { parentId: thread.id }],
      ];
      for (const [key, patch] of cases) {
        const onTheirs = await one(key, comment(key, draftA.id, patch));
        const onNothing = await one(key, comment(key, uuidv7(), patch));
        expect(outward(onTheirs), key).toEqual(outward(onNothing));
        expect(onTheirs, key).toMatchObject({ status: 'rejected', code: 'not-found' });
      }
      // A facilitator of unit B on a draft without a unit that is not hers, too.
      const onPersonal = await one('facB', comment('facB', personal.id));
      expect(outward(onPersonal)).toEqual(outward(await one('facB', comment('facB', uuidv7()))));
    });

    it('keeps forbidden where the person sees the record but may not do this', async () => {
      const byViewer = await one(
        'viewer',
        device('viewer').update(draftA.id, { title: 'x' }, draftA.fieldVersions),
      );
      expect(byViewer).toMatchObject({ status: 'rejected', code: 'forbidden' });
      // innoA sees facA's comment but may not rewrite it.
      const byInnovator = await one(
        'innoA',
        device('innoA').update(thread.id, { text: 'diubah' }, thread.fieldVersions, 'comment'),
      );
      expect(byInnovator).toMatchObject({ status: 'rejected', code: 'forbidden' });
    });

    it('the message of not-found is true for both: not there, or not yours', async () => {
      const r = await one('innoB', device('innoB').update(draftA.id, { title: 'x' }, draftA.fieldVersions));
      expect(r).toMatchObject({ status: 'rejected' });
      expect((r as { message: string }).message).toMatch(/tidak ada di server, atau tidak dapat Anda akses/);
      expect((r as { message: string }).message).toMatch(/not on the server, or you have no access to it/);
    });

    it('answers the history and whole-record routes alike for a record one may not see and one not there', async () => {
      const history = async (key: string, id: string) => {
        const res = await app.request(`/api/sync/history/${id}`, {
          headers: { authorization: `Bearer ${key}` },
        });
        return { status: res.status, body: (await res.json()) as unknown };
      };
      for (const key of ['innoB', 'other']) {
        expect(await history(key, draftA.id)).toEqual(await history(key, uuidv7()));
        expect((await history(key, draftA.id)).status).toBe(404);
        const missing = uuidv7();
        const answer = await fetchRecords(app, key, [draftA.id, missing]);
        expect(answer).toEqual({ records: [], missing: [draftA.id, missing], later: [] });
      }
    });

    // Last: it leaves a record with draftA's id in the other tenant, which the tests above must not see.
    it("takes a create over another tenant's record id as its own record, like a fresh id; the first is untouched", async () => {
      const taken = await one(
        'other',
        device('other').create(draftBody(null, { title: 'Pengganti' }), draftA.id),
      );
      const fresh = await one('other', device('other').create(draftBody(null, { title: 'Pengganti' })));
      expect(taken).toMatchObject({ status: 'applied' });
      expect(fresh).toMatchObject({ status: 'applied' });
      expect(applied(taken).tenantId).toBe(applied(fresh).tenantId);
      expect(applied(taken).tenantId).not.toBe(draftA.tenantId);
      const seen = (await pullAll(app, 'coord')).find((r) => r.id === draftA.id);
      expect(seen).toMatchObject({ title: 'Rahasia unit A', rev: draftA.rev, tenantId: draftA.tenantId });
    });
  });
}
