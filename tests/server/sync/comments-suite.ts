/**
 * Comments on the server, run on PGlite and on a real PostgreSQL (called from sync-pglite / sync-postgres): who
 * sees them (whoever sees the draft), who may start, reply, resolve, edit and delete, and that a reply and
 * concurrent resolves from several phones all survive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../../src/server/db/types';
import type { AuthContext } from '../../../src/server/auth/types';
import type { AnyRecord, BodyOf, Comment } from '../../../src/shared/records';
import { flattenBody } from '../../../src/shared/fieldPaths';
import { commentResolution } from '../../../src/shared/domain/comments';
import type { Change } from '../../../src/shared/protocol';
import { CAST, UNIT_A, seedUsers, syncApp, type SyncTestApp } from './helpers';
import { Device, draftBody, pullAll, push } from './fixtures';
import { aCommentBody } from '../../factories';

type Result = Awaited<ReturnType<typeof push>>['results'][number];
const applied = (r: Result | undefined): Extract<Result, { status: 'applied' }> => {
  if (r?.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(r)}`);
  return r;
};

class Phone extends Device {
  constructor(
    deviceId: string,
    readonly key: string,
    readonly userId: string,
  ) {
    super(deviceId, key);
  }

  comment(draftId: string, patch: Partial<BodyOf<'comment'>> = {}, id: string = uuidv7()): Change {
    const body = aCommentBody({
      recordId: draftId,
      unitId: UNIT_A,
      text: 'Tolong perjelas sasaran layanan.',
      authorId: this.userId,
      authorName: this.key,
      ...patch,
    });
    return {
      deviceId: this.deviceId,
      seq: ++this.seq,
      recordId: id,
      kind: 'comment',
      op: 'create',
      values: flattenBody('comment', body),
      base: {},
      editedAt: 1_700_000_000_000,
    };
  }

  resolve(c: AnyRecord, resolved: boolean, role: string, at = Date.now()): Change {
    return this.update(
      c.id,
      { [`resolutions.${this.userId}`]: { resolved, at, name: this.key, role } },
      c.fieldVersions,
      'comment',
    );
  }
}

export function commentsSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`comments on ${name}`, () => {
    let done: () => Promise<void>;
    let app: SyncTestApp;
    let users: Record<string, AuthContext>;
    let draftA: AnyRecord;
    let personal: AnyRecord;
    const phone = (key: string) => new Phone(`phone-c-${key}-${uuidv7()}`, key, users[key]!.userId);
    const ids = async (key: string) => new Set((await pullAll(app, key)).map((r) => r.id));

    beforeAll(async () => {
      let db: Database;
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CAST);
      users = seeded.auth;
      app = syncApp(db, seeded.tokens);
      const a = new Device('phone-c-seed', 'innoA');
      draftA = applied(
        (await push(app, 'innoA', [a.create(draftBody(UNIT_A, { title: 'Draf unit A' }))])).results[0],
      ).record;
      personal = applied(
        (await push(app, 'innoA', [a.create(draftBody(null, { title: 'Draf pribadi' }))])).results[0],
      ).record;
    });
    afterAll(async () => {
      await done();
    });

    it('lets a facilitator comment; the author and scope are the server’s, whatever the phone sent', async () => {
      const f = phone('facA');
      const r = applied(
        (
          await push(app, 'facA', [
            f.comment(draftA.id, { authorName: 'Menteri', authorRole: 'coordinator', unitId: null }),
          ])
        ).results[0],
      );
      expect(r.record).toMatchObject({
        kind: 'comment',
        authorId: users.facA!.userId,
        authorName: 'facA',
        authorRole: 'facilitator',
        unitId: UNIT_A,
      });
    });

    it('shows comments to whoever sees the draft and to nobody else', async () => {
      const f = phone('facA');
      const c = applied((await push(app, 'facA', [f.comment(draftA.id)])).results[0]).record;
      for (const key of ['innoA', 'facA', 'viewer', 'coord']) expect((await ids(key)).has(c.id)).toBe(true);
      for (const key of ['innoB', 'other']) expect((await ids(key)).has(c.id)).toBe(false);
      const other = await pullAll(app, 'other');
      expect(JSON.stringify(other)).not.toContain('perjelas');
    });

    it('scopes a comment on a draft without a unit like the draft: its creator and coordinators', async () => {
      const c = phone('coord');
      const r = applied(
        (await push(app, 'coord', [c.comment(personal.id, { unitId: null, authorRole: 'coordinator' })]))
          .results[0],
      );
      expect((await ids('innoA')).has(r.recordId)).toBe(true);
      expect((await ids('facA')).has(r.recordId)).toBe(false);
      // The draft's creator replies and resolves it.
      const i = phone('innoA');
      const reply = applied(
        (await push(app, 'innoA', [i.comment(personal.id, { unitId: null, parentId: r.recordId })]))
          .results[0],
      );
      expect(reply.record).toMatchObject({ authorRole: 'innovator', parentId: r.recordId });
      applied((await push(app, 'innoA', [i.resolve(r.record, true, 'innovator')])).results[0]);
    });

    // Roles that may not start threads are refused for that; a coordinator of another tenant may start threads
    // but does not see the draft, so hears "not there" (issue #17).
    it.each([
      ['innoA', 'an innovator starting a thread', 'forbidden'],
      ['innoB', 'an innovator of another unit', 'forbidden'],
      ['viewer', 'a viewer', 'forbidden'],
      ['other', 'another tenant', 'not-found'],
    ])('refuses a new thread by %s (%s)', async (key, _who, code) => {
      const r = (await push(app, key, [phone(key).comment(draftA.id)])).results[0];
      expect(r).toMatchObject({ status: 'rejected', code });
    });

    it('refuses a comment written in someone else’s name, on a missing draft, or replying across drafts', async () => {
      const f = phone('facA');
      const thread = applied((await push(app, 'facA', [f.comment(draftA.id)])).results[0]).record;
      const other = applied(
        (await push(app, 'innoA', [new Device('phone-c-other-draft', 'innoA').create(draftBody(UNIT_A))]))
          .results[0],
      ).record;
      const res = (
        await push(app, 'facA', [
          f.comment(draftA.id, { authorId: users.innoA!.userId }),
          f.comment(uuidv7()),
          f.comment(other.id, { parentId: thread.id }),
          f.comment(draftA.id, { parentId: thread.id, sectionKey: 'latar' }),
        ])
      ).results;
      expect(res.map((r) => r.status === 'rejected' && r.code)).toEqual([
        'forbidden',
        'not-found',
        'invalid',
        'invalid',
      ]);
      // A reply answers a thread, not another reply.
      const reply = applied(
        (await push(app, 'facA', [f.comment(draftA.id, { parentId: thread.id })])).results[0],
      ).record;
      const nested = (await push(app, 'facA', [f.comment(draftA.id, { parentId: reply.id })])).results[0];
      expect(nested).toMatchObject({ status: 'rejected', code: 'invalid' });
    });

    it('lets the innovator reply and resolve; a reply and concurrent resolves from other phones all survive', async () => {
      const f = phone('facA');
      const i = phone('innoA');
      const c = phone('coord');
      const thread = applied((await push(app, 'facA', [f.comment(draftA.id)])).results[0]).record;
      // All three made offline against the same copy of the thread.
      const reply = applied(
        (await push(app, 'facA', [f.comment(draftA.id, { parentId: thread.id, text: 'Tambahan saya.' })]))
          .results[0],
      );
      const byInno = applied(
        (await push(app, 'innoA', [i.resolve(thread, true, 'innovator', 1_000)])).results[0],
      );
      const byCoord = applied(
        (await push(app, 'coord', [c.resolve(thread, true, 'coordinator', 2_000)])).results[0],
      );
      expect(byInno.conflictIds).toEqual([]);
      expect(byCoord.conflictIds).toEqual([]);
      const onServer = (await pullAll(app, 'facA')).find((r) => r.id === thread.id) as Comment;
      expect(Object.keys(onServer.resolutions).sort()).toEqual(
        [users.innoA!.userId, users.coord!.userId].sort(),
      );
      expect(commentResolution(onServer)).toMatchObject({ resolved: true, by: { name: 'coord' } });
      expect((await ids('innoA')).has(reply.recordId)).toBe(true);
      // The facilitator reopens it later; the latest mark decides.
      const reopened = applied(
        (await push(app, 'facA', [f.resolve(onServer, false, 'facilitator', 3_000)])).results[0],
      ).record as Comment;
      expect(commentResolution(reopened)).toMatchObject({ resolved: false, by: { name: 'facA' } });
    });

    it('stamps resolution marks with the server’s time and the account’s name (a mark dated in 2100 cannot block a reopen)', async () => {
      const f = phone('facA');
      const i = phone('innoA');
      const thread = applied((await push(app, 'facA', [f.comment(draftA.id)])).results[0]).record;
      const future = Date.UTC(2100, 0, 1);
      const before = Date.now();
      const forged = i.resolve(thread, true, 'innovator', future);
      const entryPath = `resolutions.${users.innoA!.userId}`;
      forged.values[entryPath] = { ...(forged.values[entryPath] as object), name: 'Bupati' };
      const marked = applied((await push(app, 'innoA', [forged])).results[0]).record as Comment;
      const entry = marked.resolutions[users.innoA!.userId]!;
      expect(entry.at).toBeGreaterThanOrEqual(before);
      expect(entry.at).toBeLessThanOrEqual(Date.now());
      expect(entry.name).toBe('innoA');
      // The facilitator reopens it a moment later (her phone's clock is right): the thread is open again.
      const reopened = applied(
        (await push(app, 'facA', [f.resolve(marked, false, 'facilitator', Date.now())])).results[0],
      ).record as Comment;
      expect(commentResolution(reopened)).toMatchObject({ resolved: false, by: { name: 'facA' } });
    });

    it('lets nobody but the author edit or delete a comment, and nobody move it or mark for another', async () => {
      const f = phone('facA');
      const thread = applied((await push(app, 'facA', [f.comment(draftA.id)])).results[0]).record;
      const i = phone('innoA');
      const v = thread.fieldVersions;
      const res = (
        await push(app, 'innoA', [
          i.update(thread.id, { text: 'Diubah orang lain' }, v, 'comment'),
          { ...i.op(thread.id, 'delete'), kind: 'comment' },
          i.update(
            thread.id,
            {
              [`resolutions.${users.facA!.userId}`]: {
                resolved: true,
                at: 1,
                name: 'facA',
                role: 'facilitator',
              },
            },
            v,
            'comment',
          ),
          // Marked with a role that is not the account's.
          i.update(
            thread.id,
            {
              [`resolutions.${users.innoA!.userId}`]: {
                resolved: true,
                at: 1,
                name: 'x',
                role: 'coordinator',
              },
            },
            v,
            'comment',
          ),
        ])
      ).results;
      for (const r of res) expect(r).toMatchObject({ status: 'rejected', code: 'forbidden' });
      const moved = (
        await push(app, 'facA', [
          f.update(thread.id, { sectionKey: 'latar' }, v, 'comment'),
          f.update(thread.id, { authorName: 'Orang lain' }, v, 'comment'),
        ])
      ).results;
      for (const r of moved) expect(r).toMatchObject({ status: 'rejected', code: 'forbidden' });
      // The viewer may not even mark it.
      const byViewer = (await push(app, 'viewer', [phone('viewer').resolve(thread, true, 'viewer')]))
        .results[0];
      expect(byViewer).toMatchObject({ status: 'rejected', code: 'forbidden' });
      // The author may edit and delete.
      const edited = applied(
        (await push(app, 'facA', [f.update(thread.id, { text: 'Sudah saya perbaiki.' }, v, 'comment')]))
          .results[0],
      );
      expect(edited.record).toMatchObject({ text: 'Sudah saya perbaiki.' });
      const removed = applied(
        (await push(app, 'facA', [{ ...f.op(thread.id, 'delete'), kind: 'comment' }])).results[0],
      );
      expect(removed.record.deleted).toBe(true);
    });
  });
}
