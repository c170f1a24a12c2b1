import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import {
  canReply,
  canResolve,
  canStartThread,
  commentChangeAllowed,
  commentCreateAllowed,
  commentResolution,
  commentThreads,
  openThreadCounts,
} from '../../../src/shared/domain/comments';
import { snippet } from '../../../src/shared/domain/search-hits';
import { diffBodies } from '../../../src/shared/fieldPaths';
import { mergeValue } from '../../../src/shared/merge';
import { commentSchema, type Comment } from '../../../src/shared/records';
import { aComment } from '../../factories';

const DRAFT = uuidv7();
let clock = 1_700_000_000_000;

function comment(patch: Partial<Comment> = {}): Comment {
  const at = ++clock;
  return commentSchema.parse(
    aComment({
      tenantId: 't',
      createdAt: at,
      updatedAt: at,
      createdBy: 'fac',
      updatedBy: 'fac',
      recordId: DRAFT,
      text: 'Perjelas sasaran.',
      authorId: 'fac',
      ...patch,
    }),
  );
}

const mark = (resolved: boolean, at: number, role: Comment['authorRole'] = 'innovator', name = 'Sari') => ({
  resolved,
  at,
  name,
  role,
});

describe('comment rules', () => {
  it('lets facilitators and coordinators start threads, everyone but viewers reply and resolve', () => {
    expect(
      ['facilitator', 'coordinator', 'innovator', 'viewer'].map((r) => canStartThread(r as never)),
    ).toEqual([true, true, false, false]);
    expect(canReply('innovator') && canResolve('innovator')).toBe(true);
    expect(canReply('viewer') || canResolve('viewer')).toBe(false);
    // The guest's own phone: no rules to meet.
    expect(canStartThread(null) && canReply(null) && canResolve(null)).toBe(true);
  });

  it('allows a create only in one’s own name, as the role allows', () => {
    const inno = { userId: 'inno', role: 'innovator' as const };
    const thread = comment();
    expect(commentCreateAllowed({ userId: 'fac', role: 'facilitator' }, thread)).toEqual({ ok: true });
    expect(commentCreateAllowed(inno, { ...thread, authorId: 'inno' })).toMatchObject({ ok: false });
    expect(commentCreateAllowed(inno, { ...thread, authorId: 'inno', parentId: thread.id })).toEqual({
      ok: true,
    });
    expect(
      commentCreateAllowed({ userId: 'fac', role: 'facilitator' }, { ...thread, authorId: 'x' }),
    ).toEqual({ ok: false, reason: 'authorId' });
    expect(
      commentCreateAllowed(
        { userId: 'fac', role: 'facilitator' },
        { ...thread, resolutions: { other: mark(true, 1) } },
      ),
    ).toMatchObject({ ok: false });
  });

  it('lets only the author change the text or delete, and each person only their own mark', () => {
    const thread = comment();
    const inno = { userId: 'inno', role: 'innovator' as const };
    const fac = { userId: 'fac', role: 'facilitator' as const };
    expect(commentChangeAllowed(inno, thread, { text: 'x' }, null)).toEqual({ ok: false, reason: 'text' });
    expect(commentChangeAllowed(fac, thread, { text: 'x' }, null)).toEqual({ ok: true });
    expect(commentChangeAllowed(inno, thread, {}, true)).toEqual({ ok: false, reason: 'deleted' });
    expect(commentChangeAllowed(fac, thread, {}, true)).toEqual({ ok: true });
    expect(commentChangeAllowed(inno, thread, { 'resolutions.inno': mark(true, 5) }, null)).toEqual({
      ok: true,
    });
    expect(commentChangeAllowed(inno, thread, { 'resolutions.fac': mark(true, 5) }, null)).toMatchObject({
      ok: false,
    });
    // A mark carries the account's role, and a reply has no state of its own.
    expect(
      commentChangeAllowed(inno, thread, { 'resolutions.inno': mark(true, 5, 'coordinator') }, null),
    ).toMatchObject({ ok: false });
    expect(
      commentChangeAllowed(
        inno,
        { ...thread, parentId: uuidv7() },
        { 'resolutions.inno': mark(true, 5) },
        null,
      ),
    ).toMatchObject({ ok: false });
    for (const field of [
      'recordId',
      'sectionKey',
      'parentId',
      'authorId',
      'authorName',
      'authorRole',
      'unitId',
    ])
      expect(commentChangeAllowed(fac, thread, { [field]: 'x' }, null)).toEqual({ ok: false, reason: field });
    expect(
      commentChangeAllowed(
        { userId: 'v', role: 'viewer' },
        thread,
        { 'resolutions.v': mark(true, 1, 'viewer') },
        null,
      ),
    ).toMatchObject({ ok: false });
  });
});

describe('comment threads and state', () => {
  it('takes the latest mark, whoever made it; ties go the same way on every phone', () => {
    expect(commentResolution(comment())).toEqual({ resolved: false, by: null, at: null });
    const c = comment({
      resolutions: { inno: mark(true, 10), fac: mark(false, 20, 'facilitator', 'Budi') },
    });
    expect(commentResolution(c)).toEqual({
      resolved: false,
      by: { userId: 'fac', name: 'Budi', role: 'facilitator' },
      at: 20,
    });
    const tie = { a: mark(true, 7), b: mark(false, 7) };
    const reversed = { b: tie.b, a: tie.a };
    expect(commentResolution({ resolutions: tie })).toEqual(commentResolution({ resolutions: reversed }));
  });

  it('groups threads per section with replies in order, and counts open threads per draft', () => {
    const first = comment();
    const second = comment({ sectionKey: 'latar-belakang-tujuan', resolutions: { inno: mark(true, 3) } });
    const reply2 = comment({ parentId: first.id, text: 'Balasan kedua' });
    const reply1 = comment({ parentId: first.id, text: 'Balasan pertama', createdAt: first.createdAt + 1 });
    const gone = comment({ deleted: true });
    const orphan = comment({ parentId: gone.id });
    const threads = commentThreads([reply2, second, orphan, first, reply1, gone]);
    expect([...threads.keys()].sort()).toEqual(['latar-belakang-tujuan', 'ringkasan']);
    const [thread] = threads.get('ringkasan')!;
    expect(threads.get('ringkasan')).toHaveLength(1);
    expect(thread!.replies.map((r) => r.text)).toEqual(['Balasan pertama', 'Balasan kedua']);
    expect(threads.get('latar-belakang-tujuan')![0]!.resolution.resolved).toBe(true);
    expect(openThreadCounts([first, second, reply1, gone])).toEqual(new Map([[DRAFT, 1]]));
  });

  it('keeps a reply and a resolve made at once: different records, different paths', () => {
    const thread = comment();
    // Phone A resolves the thread; phone B replies (a new record): the thread's changed paths do not meet.
    const resolvedOnA = { ...thread, resolutions: { inno: mark(true, 5) } };
    const resolvedOnC = { ...thread, resolutions: { coord: mark(true, 6, 'coordinator', 'Ani') } };
    const pathsA = Object.keys(diffBodies('comment', thread, resolvedOnA));
    const pathsC = Object.keys(diffBodies('comment', thread, resolvedOnC));
    expect(pathsA).toEqual(['resolutions.inno']);
    expect(pathsC).toEqual(['resolutions.coord']);
    expect(pathsA.filter((p) => pathsC.includes(p))).toEqual([]);
    // One person on two phones marking the same way merges cleanly; opposite marks are kept as a conflict.
    expect(mergeValue(undefined, mark(true, 5), mark(true, 5))).toMatchObject({ clean: true });
    expect(mergeValue(undefined, mark(true, 5), mark(false, 9))).toMatchObject({ clean: false });
  });
});

describe('search excerpts', () => {
  it('shows the words around the first match, accents and case aside', () => {
    const long = `${'awal '.repeat(40)}Pelayanan KTP keliling di desa terpencil ${'akhir '.repeat(40)}`;
    const s = snippet(['', long], 'ktp');
    expect(s).toContain('Pelayanan KTP keliling');
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(snippet(['Kafé rakyat'], 'kafe')).toBe('Kafé rakyat');
    expect(snippet(['tanpa kecocokan'], 'zzz')).toBe('tanpa kecocokan');
  });
});
