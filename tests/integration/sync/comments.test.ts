/**
 * Comments through the real phones' stores and sync engine against the real server routes (PGlite): a reply
 * and resolves made at the same time on different phones all arrive everywhere, with no conflict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../../../src/server/auth/types';
import type { BodyOf, Comment } from '../../../src/shared/records';
import { commentResolution, commentThreads } from '../../../src/shared/domain/comments';
import { UNIT_A } from '../../server/sync/helpers';
import { draftBody } from '../../server/sync/fixtures';
import { simulatedCast, type SimDevice, type SimulatedCast } from './harness';

describe('comments across phones (real store, engine and server routes)', () => {
  let cast: SimulatedCast;
  let users: Record<string, AuthContext>;
  const device = (name: string, key: string) => cast.device(name, key);
  const commentBody = (
    key: string,
    role: Comment['authorRole'],
    draftId: string,
    patch: Partial<BodyOf<'comment'>> = {},
  ): BodyOf<'comment'> => ({
    recordId: draftId,
    recordKind: 'draft',
    unitId: UNIT_A,
    sectionKey: 'ringkasan',
    text: 'Sasaran layanan belum jelas.',
    parentId: null,
    authorId: users[key]!.userId,
    authorName: key,
    authorRole: role,
    resolutions: {},
    ...patch,
  });

  beforeAll(async () => {
    cast = await simulatedCast();
    users = cast.users;
  }, 60_000);
  afterAll(() => cast.close());

  it('merges a reply and two resolves made offline at once on three phones', async () => {
    const inno = await device('c-inno', 'innoA');
    const fac = await device('c-fac', 'facA');
    const coord = await device('c-coord', 'coord');
    const draft = await inno.store.create('draft', draftBody(UNIT_A));
    await inno.engine.sync();
    await fac.engine.sync();
    // The facilitator comments (stored on the phone first, then synced).
    const thread = await fac.store.create('comment', commentBody('facA', 'facilitator', draft.id));
    await fac.engine.sync();
    for (const d of [inno, coord]) await d.engine.sync();
    expect(await inno.store.list('comment', { recordId: draft.id })).toHaveLength(1);

    // Offline on all three: the facilitator replies, the innovator and the coordinator both mark it resolved.
    const reply = await fac.store.create(
      'comment',
      commentBody('facA', 'facilitator', draft.id, { parentId: thread.id, text: 'Contoh: lansia di desa.' }),
    );
    const mark = async (d: SimDevice, key: string, role: Comment['authorRole'], at: number) => {
      const current = (await d.store.get('comment', thread.id))!;
      await d.store.update('comment', thread.id, {
        resolutions: {
          ...current.resolutions,
          [users[key]!.userId]: { resolved: true, at, name: key, role },
        },
      });
    };
    await mark(inno, 'innoA', 'innovator', 1_000);
    await mark(coord, 'coord', 'coordinator', 2_000);

    const runs = [await inno.engine.sync(), await coord.engine.sync(), await fac.engine.sync()];
    for (const d of [inno, coord, fac]) await d.engine.sync();
    expect(runs.map((r) => r.conflicts)).toEqual([0, 0, 0]);

    for (const d of [inno, coord, fac]) {
      const comments = await d.store.list('comment', { recordId: draft.id });
      const [t] = commentThreads(comments).get('ringkasan')!;
      expect(t!.replies.map((r) => r.id)).toEqual([reply.id]);
      expect(Object.keys(t!.comment.resolutions).sort()).toEqual(
        [users.innoA!.userId, users.coord!.userId].sort(),
      );
      expect(commentResolution(t!.comment)).toMatchObject({ resolved: true, by: { name: 'coord' } });
      expect(await d.store.countPending()).toBe(0);
      expect(await d.store.list('conflict', { recordId: thread.id })).toEqual([]);
    }
  });

  it('sets aside a refused comment (an innovator may not start a thread) and keeps it on the phone', async () => {
    const inno = await device('c-inno2', 'innoA');
    const draft = await inno.store.create('draft', draftBody(UNIT_A));
    const c = await inno.store.create('comment', commentBody('innoA', 'innovator', draft.id));
    await inno.engine.sync();
    const [entry] = await inno.store.outbox();
    expect(entry).toMatchObject({ recordId: c.id, rejected: { code: 'forbidden' } });
    expect(await inno.store.get('comment', c.id)).toMatchObject({ text: c.text });
  });
});
