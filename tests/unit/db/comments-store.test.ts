import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { cleanup, freshStore } from './helpers';
import type { BodyOf } from '../../../src/shared/records';
import { aCommentBody, aDraft, aDraftBody } from '../../factories';

afterEach(cleanup);

const comment = (recordId: string, patch: Partial<BodyOf<'comment'>> = {}): BodyOf<'comment'> =>
  aCommentBody({ recordId, text: 'Sasaran layanan belum jelas', authorId: 'guest', ...patch });

describe('comments in the local store', () => {
  it('lists a draft’s comments by index, several drafts’ at once, finds them by words, and reads by ids', async () => {
    const store = await freshStore();
    const a = await store.create('draft', aDraftBody({ title: 'A' }));
    const b = await store.create('draft', aDraftBody({ title: 'B' }));
    const onA = await store.create('comment', comment(a.id));
    const onB = await store.create('comment', comment(b.id, { text: 'Anggaran puskesmas' }));
    expect((await store.list('comment', { recordId: a.id })).map((c) => c.id)).toEqual([onA.id]);
    expect((await store.list('comment', { recordIds: [a.id, b.id] })).map((c) => c.id).sort()).toEqual(
      [onA.id, onB.id].sort(),
    );
    expect((await store.list('comment', { text: 'anggar' })).map((c) => c.id)).toEqual([onB.id]);
    expect((await store.list('comment', { text: 'budi' })).map((c) => c.id)).toHaveLength(2);
    await store.remove('draft', b.id);
    expect((await store.list('draft', { ids: [b.id, a.id, uuidv7()] })).map((d) => d.id)).toEqual([a.id]);
  });

  it('pages a broad draft search newest first from the index, leaving deleted drafts out', async () => {
    const store = await freshStore({ tenantId: 't' });
    const drafts = Array.from({ length: 30 }, (_, i) =>
      aDraft({
        tenantId: 't',
        createdAt: 1_000 + i,
        updatedAt: 1_000 + i,
        createdBy: 'u',
        updatedBy: 'u',
        deleted: i === 29,
        rev: 1,
        title: `Posyandu ${i}`,
      }),
    );
    await store.applyRemote(drafts);
    const page = await store.list('draft', { text: 'posyandu', limit: 5 });
    expect(page.map((d) => d.title)).toEqual([
      'Posyandu 28',
      'Posyandu 27',
      'Posyandu 26',
      'Posyandu 25',
      'Posyandu 24',
    ]);
    expect(await store.list('draft', { text: 'posyandu' })).toHaveLength(29);
  });

  it('refuses an empty comment and sets aside a stored one that does not validate', async () => {
    const store = await freshStore();
    const draftId = uuidv7();
    await expect(store.create('comment', comment(draftId, { text: '' }))).rejects.toThrow(/Komentar kosong/);
    const good = await store.create('comment', comment(draftId));
    await store.db.comments.put({ ...good, id: uuidv7(), sectionKey: 42 });
    expect((await store.list('comment', { recordId: draftId })).map((c) => c.id)).toEqual([good.id]);
    const quarantined = await store.quarantine();
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({ table: 'comments' });
  });
});
