import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { cleanup, freshStore } from './helpers';
import { SCHEMA_V1, SCHEMA_V2, CURRENT_VERSION } from '../../../src/lib/db/schema';
import { databaseName } from '../../../src/lib/db/context';
import { aCommentBody, aDraft, aProgrammeBody, aSession, aTemplate, aUnit } from '../../factories';

afterEach(cleanup);

/** The envelope of a record an older app version stored. */
const envelope = (id: string) => ({
  id,
  tenantId: 'kab-a',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  createdBy: 'u-old',
  updatedBy: 'u-old',
  rev: 4,
  fieldVersions: { place: 4 },
});

describe('schema upgrade v1 -> v2', () => {
  it('a database written by v1 opens in v2 with nothing lost', async () => {
    const userId = `upgrade-${uuidv7()}`;
    const name = databaseName(userId);
    const sessionId = uuidv7();
    const draftId = uuidv7();
    const unitId = uuidv7();
    const brokenId = uuidv7();
    const session = aSession({
      ...envelope(sessionId),
      startsAt: '2024-05-02T10:00',
      place: 'Aula Kecamatan Wotu',
      unitIds: [unitId],
      notes: 'Pendampingan penyusunan proposal',
    });
    const draft = aDraft({ ...envelope(draftId), unitId, title: 'Layanan Adminduk Keliling' });
    const unit = aUnit({ ...envelope(unitId), name: 'Dukcapil', type: 'opd' });
    const oldOutbox = {
      recordId: sessionId,
      kind: 'session',
      op: 'update',
      values: { notes: 'Pendampingan penyusunan proposal' },
      base: { notes: 0 },
      editedAt: 1_700_000_000_000,
    };

    // Written by the v1 app.
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('sessions').add(session);
    await v1.table('drafts').add(draft);
    await v1.table('units').add(unit);
    await v1.table('outbox').add(oldOutbox);
    await v1.table('quarantine').add({ id: brokenId, table: 'sessions', raw: { x: 1 }, error: 'old', at: 1 });
    v1.close();

    // Opened by the current code.
    const store = await freshStore({ userId, tenantId: 'kab-a' });
    expect(store.db.verno).toBe(CURRENT_VERSION);
    expect(await store.get('session', sessionId)).toEqual(session);
    expect(await store.get('draft', draftId)).toEqual(draft);
    expect(await store.get('unit', unitId)).toEqual(unit);
    expect(await store.quarantine()).toEqual([
      { id: brokenId, table: 'sessions', raw: { x: 1 }, error: 'old', at: 1 },
    ]);

    // The outbox entry survived and was completed with the device id and a state.
    const [entry, ...more] = await store.outbox();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ ...oldOutbox, seq: 1, state: 'pending', deviceId: store.deviceId });

    // The new search index covers the old records.
    expect((await store.list('session', { text: 'wotu proposal' })).map((s) => s.id)).toEqual([sessionId]);
    expect((await store.list('draft', { text: 'adminduk' })).map((d) => d.id)).toEqual([draftId]);
    expect((await store.list('unit', { text: 'dukcapil' })).map((u) => u.id)).toEqual([unitId]);

    // New edits amend the migrated pending entry instead of losing it.
    await store.update('session', sessionId, { place: 'Aula baru' });
    const entries = await store.outbox();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.values).toEqual({ notes: 'Pendampingan penyusunan proposal', place: 'Aula baru' });
    expect(entries[0]!.base).toEqual({ notes: 0, place: 4 });
  });

  it('a fresh database starts at the current version with a device id', async () => {
    const store = await freshStore();
    expect(store.db.verno).toBe(CURRENT_VERSION);
    expect(await store.getMeta('deviceId')).toBe(store.deviceId);
  });
});

describe('schema upgrade v2 -> v3 (comments)', () => {
  it('a database written by v2 opens in v3 with nothing lost, and takes comments', async () => {
    const userId = `upgrade3-${uuidv7()}`;
    const name = databaseName(userId);
    const draftId = uuidv7();
    const unitId = uuidv7();
    const draft = aDraft({ ...envelope(draftId), unitId, title: 'Layanan Adminduk Keliling' });
    const outboxEntry = {
      deviceId: 'device-v2',
      recordId: draftId,
      kind: 'draft',
      op: 'update',
      values: { title: 'Layanan Adminduk Keliling' },
      base: { title: 4 },
      editedAt: 1_700_000_000_000,
      state: 'pending',
    };

    // Written by the v2 app (with its search words and its device id).
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    await v2.table('drafts').add({ ...draft, words: ['layanan', 'adminduk', 'keliling'] });
    await v2.table('outbox').add(outboxEntry);
    await v2.table('meta').put({ key: 'deviceId', value: 'device-v2' });
    v2.close();

    const store = await freshStore({ userId, tenantId: 'kab-a' });
    expect(store.db.verno).toBe(CURRENT_VERSION);
    expect(store.deviceId).toBe('device-v2');
    expect(await store.get('draft', draftId)).toEqual(draft);
    expect((await store.list('draft', { text: 'adminduk' })).map((d) => d.id)).toEqual([draftId]);
    expect(await store.outbox()).toEqual([{ ...outboxEntry, seq: 1 }]);

    // The new table works at once: a comment on the old draft, listed by its draft and found by its words.
    const comment = await store.create(
      'comment',
      aCommentBody({ recordId: draftId, unitId, text: 'Sasaran layanan belum jelas', authorId: userId }),
    );
    expect((await store.list('comment', { recordId: draftId })).map((c) => c.id)).toEqual([comment.id]);
    expect((await store.list('comment', { text: 'sasaran' })).map((c) => c.id)).toEqual([comment.id]);
    expect((await store.outbox()).map((e) => e.recordId)).toEqual([draftId, comment.id]);
  });
});

describe('schema upgrade v6 -> v7 (programme settings)', () => {
  it('a database written by v6 opens in v7 with its templates, and takes programme records', async () => {
    const userId = `upgrade7-${uuidv7()}`;
    const template = aTemplate({ ...envelope(uuidv7()), tenantId: 'kab-a' });
    // Written by the v6 app (its tables up to the templates one; no programmes table).
    const written = new Dexie(databaseName(userId));
    written.version(2).stores(SCHEMA_V2);
    written.version(6).stores({ templates: 'id, key' });
    await written.open();
    await written.table('templates').add(template);
    written.close();

    const store = await freshStore({ userId, tenantId: 'kab-a' });
    expect(store.db.verno).toBe(CURRENT_VERSION);
    expect(await store.get('template', template.id)).toEqual(template);
    expect(await store.list('programme')).toEqual([]);
    const programme = await store.create('programme', aProgrammeBody());
    expect((await store.list('programme')).map((p) => p.id)).toEqual([programme.id]);
  });
});
