import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { cleanup, freshStore } from './helpers';
import { CURRENT_VERSION, SCHEMA_V1, SCHEMA_V2 } from '../../../src/lib/db/schema';
import { databaseName } from '../../../src/lib/db/context';
import { StoreError } from '../../../src/lib/db/errors';
import { META_CURSOR } from '../../../src/lib/sync/meta';
import { discardRefusedMove, moveDraft, type ReviewActor } from '../../../src/lib/review/actions';
import { aDraft, aDraftBody } from '../../factories';

afterEach(cleanup);

const innovator: ReviewActor = { userId: 'u-inno', name: 'Sari', role: 'innovator' };

describe('schema upgrade v2 -> v5 (review loop)', () => {
  it('a database written by v2 opens with its records and outbox, and an empty submissions table', async () => {
    const userId = `upgrade5-${uuidv7()}`;
    const draftId = uuidv7();
    const draft = {
      ...aDraft({
        id: draftId,
        tenantId: 'kab-a',
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_000,
        createdBy: 'u-old',
        updatedBy: 'u-old',
        rev: 3,
        fieldVersions: { title: 3 },
        title: 'Layanan Adminduk Keliling',
        reviewStatus: 'revisi',
      }),
      words: ['layanan', 'adminduk', 'keliling'],
    };
    const v2 = new Dexie(databaseName(userId));
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    await v2.table('drafts').add(draft);
    await v2.table('meta').put({ key: 'deviceId', value: 'device-old' });
    await v2.table('outbox').add({
      deviceId: 'device-old',
      recordId: draftId,
      kind: 'draft',
      op: 'update',
      values: { title: 'Layanan Adminduk Keliling' },
      base: { title: 3 },
      editedAt: 1,
      state: 'pending',
    });
    v2.close();

    const store = await freshStore({ userId, tenantId: 'kab-a' });
    expect(store.db.verno).toBe(CURRENT_VERSION);
    const { words: _words, ...stored } = draft;
    // A draft from before the review loop has no `sent`: it still validates.
    expect(await store.get('draft', draftId)).toEqual(stored);
    expect(await store.outbox()).toHaveLength(1);
    expect(await store.list('submission')).toEqual([]);

    // The review loop works on the upgraded database: the waiting edit stays apart from the move.
    // Back from a revision: the resubmission says what changed.
    await moveDraft(store, draftId, 'diajukan', innovator, { now: 5, changeNote: 'Judul diperjelas.' });
    const [snapshot] = await store.list('submission', { draftId });
    expect(snapshot).toMatchObject({
      draftId,
      number: 1,
      submittedAt: 5,
      submittedBy: 'u-inno',
      note: 'Judul diperjelas.',
    });
    const entries = await store.outbox();
    expect(entries.map((e) => e.values)).toEqual([
      { title: 'Layanan Adminduk Keliling' },
      { reviewStatus: 'diajukan' },
      expect.objectContaining({ draftId, number: 1 }),
    ]);
    expect(entries.slice(0, 2).map((e) => e.state)).toEqual(['sending', 'sending']);
  });
});

describe('submissions and refused moves in the local store', () => {
  it("lists a draft's submissions oldest first and numbers resubmissions", async () => {
    const store = await freshStore({ userId: 'u-inno', tenantId: 't1' });
    const draft = await store.create('draft', aDraftBody());
    const other = await store.create('draft', aDraftBody());
    await moveDraft(store, draft.id, 'diajukan', innovator);
    await moveDraft(store, other.id, 'diajukan', innovator);
    // The facilitator's answer arrives (here written locally), then the innovator resubmits.
    await store.update('draft', draft.id, { reviewStatus: 'revisi' });
    // A resubmission without saying what changed is refused before anything is written.
    const outboxBefore = (await store.outbox()).length;
    await expect(moveDraft(store, draft.id, 'diajukan', innovator, { changeNote: '  ' })).rejects.toThrow(
      /Tulis apa yang Anda ubah/,
    );
    expect(await store.outbox()).toHaveLength(outboxBefore);
    await moveDraft(store, draft.id, 'diajukan', innovator, { changeNote: 'Bagian dampak ditambah data.' });
    const list = await store.list('submission', { draftId: draft.id });
    expect(list.map((s) => s.number)).toEqual([1, 2]);
    expect(list.map((s) => s.note)).toEqual([undefined, 'Bagian dampak ditambah data.']);
    expect((await store.list('submission', { draftId: other.id })).map((s) => s.number)).toEqual([1]);
  });

  it('refuses a move the role may not make, before writing anything', async () => {
    const store = await freshStore({ userId: 'u-inno', tenantId: 't1' });
    const draft = await store.create('draft', aDraftBody());
    await expect(moveDraft(store, draft.id, 'disetujui', innovator)).rejects.toThrow(/tidak diizinkan/);
    expect((await store.get('draft', draft.id))?.reviewStatus).toBe('draft');
    expect(await store.outbox()).toHaveLength(1);
  });

  it('asks for a revision with words: the move and its comment are kept together, or neither', async () => {
    const facilitator: ReviewActor = { userId: 'u-fac', name: 'Budi', role: 'facilitator' };
    const store = await freshStore({ userId: 'u-fac', tenantId: 't1' });
    const draft = await store.create('draft', aDraftBody({ reviewStatus: 'diajukan' }));
    const before = (await store.outbox()).length;

    // No words (or only spaces): refused before anything is written, in both languages.
    await expect(moveDraft(store, draft.id, 'revisi', facilitator)).rejects.toThrow(
      /^Tulis apa yang perlu direvisi.* \/ Write what needs revising/,
    );
    await expect(
      moveDraft(store, draft.id, 'revisi', facilitator, { note: { sectionKey: 'ringkasan', text: '   ' } }),
    ).rejects.toThrow(/Tulis apa yang perlu direvisi/);
    // A comment the store refuses (longer than a comment may be) takes the move down with it: one transaction.
    await expect(
      moveDraft(store, draft.id, 'revisi', facilitator, {
        note: { sectionKey: 'ringkasan', text: 'x'.repeat(5_001) },
      }),
    ).rejects.toBeInstanceOf(StoreError);
    expect((await store.get('draft', draft.id))?.reviewStatus).toBe('diajukan');
    expect(await store.list('comment', { recordId: draft.id })).toEqual([]);
    expect(await store.outbox()).toHaveLength(before);

    await moveDraft(store, draft.id, 'revisi', facilitator, {
      note: { sectionKey: 'kebaruan', text: '  Apa yang baru dibanding layanan biasa?  ' },
    });
    expect((await store.get('draft', draft.id))?.reviewStatus).toBe('revisi');
    const [comment] = await store.list('comment', { recordId: draft.id });
    expect(comment).toMatchObject({
      sectionKey: 'kebaruan',
      text: 'Apa yang baru dibanding layanan biasa?',
      authorId: 'u-fac',
      authorRole: 'facilitator',
      parentId: null,
      revisionRequest: true,
    });
    const kinds = (await store.outbox()).slice(before).map((e) => e.kind);
    expect(kinds).toEqual(['draft', 'comment']);
  });

  it('drops only a refused entry and steps the pull cursor back so the server status returns', async () => {
    const store = await freshStore({ userId: 'u-inno', tenantId: 't1' });
    const draft = await store.create('draft', aDraftBody());
    await moveDraft(store, draft.id, 'diajukan', innovator);
    const [create, move] = await store.outbox();
    await expect(store.discardRejected(move!.seq)).rejects.toBeInstanceOf(StoreError);
    await store.reject(move!.seq, 'review-transition', 'ditolak / refused');
    await store.setMeta(META_CURSOR, 40);
    await discardRefusedMove(store, move!.seq, 12);
    expect((await store.outbox()).map((e) => e.seq)).not.toContain(move!.seq);
    expect((await store.outbox()).map((e) => e.seq)).toContain(create!.seq);
    expect(await store.getMeta(META_CURSOR)).toBe(11);
  });

  it('stores no undefined fields: a draft edited before it is sent has no `sent` key on disk', async () => {
    const store = await freshStore({ userId: 'u-inno', tenantId: 't1' });
    const draft = await store.create('draft', aDraftBody());
    // As the editor does: the whole body, optional fields included as undefined.
    await store.update('draft', draft.id, { ...draft, sent: undefined, title: 'Baru' });
    const row = await store.db.drafts.get(draft.id);
    expect(row).toBeDefined();
    expect(Object.hasOwn(row!, 'sent')).toBe(false);
    expect(Object.values(row!).some((v) => v === undefined)).toBe(false);
  });

  it('refuses to move a draft that is still a summary (its sections are not on the phone yet)', async () => {
    const store = await freshStore({ userId: 'u-inno', tenantId: 't1' });
    const id = uuidv7();
    await store.applyRemote([
      aDraft({
        id,
        updatedAt: 2,
        createdBy: 'u-inno',
        updatedBy: 'u-inno',
        rev: 7,
        fieldVersions: { title: 7, reviewStatus: 7 },
        partial: true,
      }),
    ]);
    await expect(moveDraft(store, id, 'diajukan', innovator)).rejects.toThrow(/sedang diunduh/);
    expect(await store.list('submission', { draftId: id })).toEqual([]);
    expect((await store.get('draft', id))?.reviewStatus).toBe('draft');
  });
});
