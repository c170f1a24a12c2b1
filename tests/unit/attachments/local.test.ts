/**
 * Attachments on the phone (fake-indexeddb): stored once by hash, queued for upload, read back, downloaded with
 * a hash check, counted, and freed only when the server has confirmed them. Plus the Dexie upgrade to v4.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import {
  AttachmentError,
  attachFile,
  attachmentUsage,
  attachmentsOf,
  downloadAttachment,
  dropUploadedOriginals,
  localBlob,
  retryUpload,
} from '../../../src/lib/attachments/local';
import { observe } from '../../../src/lib/db';
import { CURRENT_VERSION, SCHEMA_V2 } from '../../../src/lib/db/schema';
import { databaseName } from '../../../src/lib/db/context';
import { newSessionBody } from '../../../src/shared/domain/factories';
import { cleanup, freshStore } from '../db/helpers';
import { aSession } from '../../factories';

afterEach(cleanup);

const pdf = (size: number, name = 'surat.pdf') =>
  new File([Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)])], name, {
    type: 'application/pdf',
  });
const sha = async (f: Blob) =>
  createHash('sha256')
    .update(Buffer.from(await f.arrayBuffer()))
    .digest('hex');

async function sessionParent(store: Awaited<ReturnType<typeof freshStore>>) {
  const session = await store.create('session', newSessionBody(new Date(2024, 4, 2, 10, 0)));
  return { kind: 'session' as const, id: session.id, unitId: null };
}

describe('attaching on the phone', () => {
  it('stores the bytes once by hash, creates the record with both sizes, and queues one upload', async () => {
    const store = await freshStore();
    const parent = await sessionParent(store);
    const file = pdf(50_000);
    const a = await attachFile(store, file, parent);
    const b = await attachFile(store, new File([file], 'salinan.pdf', { type: 'application/pdf' }), parent, {
      slot: 'item:x',
    });
    expect(a.sha256).toBe(await sha(file));
    expect(b.sha256).toBe(a.sha256);
    expect(a).toMatchObject({
      kind: 'attachment',
      size: 50_000,
      originalSize: 50_000,
      mime: 'application/pdf',
    });
    expect(a).toMatchObject({ parentId: parent.id, parentKind: 'session', slot: '', thumbnail: '', rev: 0 });
    expect(await store.db.blobs.count()).toBe(1);
    expect(await store.db.uploads.toArray()).toEqual([
      expect.objectContaining({ sha256: a.sha256, state: 'queued', sent: 0, total: 50_000 }),
    ]);
    // The records go through the outbox like every edit.
    expect((await store.outbox()).filter((e) => e.kind === 'attachment')).toHaveLength(2);
    const views = await attachmentsOf(store, parent.id);
    expect(views.map((v) => [v.record.slot, v.onPhone, v.upload?.state])).toEqual([
      ['', true, 'queued'],
      ['item:x', true, 'queued'],
    ]);
    const blob = await localBlob(store, a.sha256, a.mime);
    expect(blob && (await sha(blob))).toBe(a.sha256);
  });

  it('refuses unsupported types and files over the limit, with bilingual messages, storing nothing', async () => {
    const store = await freshStore();
    const parent = await sessionParent(store);
    const exe = new File([randomBytes(100)], 'setup.exe', { type: 'application/x-msdownload' });
    await expect(attachFile(store, exe, parent)).rejects.toThrow(/tidak didukung.* \/ unsupported file type/);
    const big = pdf(1_100_000);
    const err = await attachFile(store, big, parent, { maxBytes: 1_048_576 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AttachmentError);
    expect((err as AttachmentError).code).toBe('too-large');
    expect((err as AttachmentError).message).toBe('Berkas lebih dari 1 MB / the file is over 1 MB');
    expect(await store.db.blobs.count()).toBe(0);
    expect(await store.list('attachment')).toEqual([]);
  });

  it('counts the space taken and frees only what the server confirmed, keeping the records and thumbnails', async () => {
    const store = await freshStore();
    const parent = await sessionParent(store);
    const a = await attachFile(store, pdf(30_000, 'a.pdf'), parent);
    const b = await attachFile(store, pdf(20_000, 'b.pdf'), parent);
    expect(await attachmentUsage(store)).toEqual({
      files: 2,
      bytes: 50_000,
      droppableFiles: 0,
      droppableBytes: 0,
      waitingFiles: 2,
    });
    await store.db.uploads.update(a.sha256, { state: 'uploaded', sent: 30_000 });
    expect(await attachmentUsage(store)).toMatchObject({ droppableFiles: 1, droppableBytes: 30_000 });
    expect(await dropUploadedOriginals(store)).toEqual({ files: 1, bytes: 30_000 });
    expect(await attachmentUsage(store)).toMatchObject({ files: 1, bytes: 20_000, waitingFiles: 1 });
    const views = await attachmentsOf(store, parent.id);
    expect(views.find((v) => v.record.id === a.id)?.onPhone).toBe(false);
    expect(views.find((v) => v.record.id === b.id)?.onPhone).toBe(true);
    expect(await store.get('attachment', a.id)).toEqual(a);
  });

  it('downloads on demand, checks the hash, and keeps the file as uploaded', async () => {
    const store = await freshStore();
    const bytes = randomBytes(10_000);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const calls: string[] = [];
    const blob = await downloadAttachment(
      store,
      { sha256: hash, mime: 'application/pdf' },
      {
        getToken: () => 'tok',
        fetch: async (url, init) => {
          calls.push(`${url} ${new Headers(init?.headers).get('authorization')}`);
          return new Response(bytes, { status: 200 });
        },
      },
    );
    expect(calls).toEqual([`/api/files/by-hash/${hash} Bearer tok`]);
    expect(await sha(blob)).toBe(hash);
    expect(await store.db.uploads.get(hash)).toMatchObject({ state: 'uploaded' });
    // A damaged download is refused and not kept.
    const other = createHash('sha256').update('x').digest('hex');
    await expect(
      downloadAttachment(
        store,
        { sha256: other, mime: 'application/pdf' },
        { getToken: () => 'tok', fetch: async () => new Response(bytes) },
      ),
    ).rejects.toThrow(/rusak \/ .*damaged/);
    expect(await store.db.blobs.get(other)).toBeUndefined();
    // 401 once: a fresh token is asked for.
    const forced: unknown[] = [];
    let n = 0;
    await downloadAttachment(
      store,
      { sha256: hash, mime: 'application/pdf' },
      {
        getToken: (o) => (forced.push(o), 'tok'),
        fetch: async () => (n++ === 0 ? new Response(null, { status: 401 }) : new Response(bytes)),
      },
    );
    expect(forced).toEqual([undefined, { forceRefresh: true }]);
  });

  it("a live list of a parent's attachments follows their uploads, as a screen shows them", async () => {
    // Dexie keeps a live query's context across only a few native awaits: a store read that adds async layers
    // silently stops the list from following the uploads (the screens then never show progress).
    const store = await freshStore();
    const parent = await sessionParent(store);
    const a = await attachFile(store, pdf(1000), parent);
    const seen: string[] = [];
    const stop = observe(() => attachmentsOf(store, parent.id), {
      next: (views) => seen.push(views.map((v) => `${v.upload?.state}:${v.upload?.sent}`).join()),
    });
    const shows = (state: string) => vi.waitFor(() => expect(seen.at(-1)).toBe(state));
    try {
      await shows('queued:0');
      await store.blobs.updateUpload(a.sha256, { state: 'uploading', sent: 500 });
      await shows('uploading:500');
      await store.blobs.updateUpload(a.sha256, { state: 'uploaded', sent: 1000 });
      await shows('uploaded:1000');
    } finally {
      stop();
    }
  });

  it('a failed upload goes back to the queue on "Coba lagi"', async () => {
    const store = await freshStore();
    const parent = await sessionParent(store);
    const a = await attachFile(store, pdf(1000), parent);
    await store.db.uploads.update(a.sha256, { state: 'failed', attempts: 3, error: 'x', notBefore: 99 });
    await retryUpload(store, a.sha256);
    expect(await store.db.uploads.get(a.sha256)).toMatchObject({
      state: 'queued',
      attempts: 0,
      error: null,
      notBefore: 0,
    });
  });
});

describe('schema upgrade to v4 and later', () => {
  it('a v2 database with data opens in the current version (v4 or later) with nothing lost and the attachment tables ready', async () => {
    const userId = `upgrade-${uuidv7()}`;
    const sessionId = uuidv7();
    const session = {
      ...aSession({
        id: sessionId,
        tenantId: 'kab-a',
        createdBy: 'u',
        updatedBy: 'u',
        rev: 3,
        fieldVersions: { place: 3 },
        startsAt: '2024-05-02T10:00',
        place: 'Puskesmas Wotu',
      }),
      words: ['puskesmas', 'wotu'],
    };
    const v2 = new Dexie(databaseName(userId));
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    await v2.table('sessions').add(session);
    await v2.table('meta').put({ key: 'deviceId', value: 'device-from-v2' });
    await v2.table('outbox').add({
      recordId: sessionId,
      kind: 'session',
      op: 'update',
      values: { place: 'Puskesmas Wotu' },
      base: { place: 3 },
      editedAt: 1,
      deviceId: 'device-from-v2',
      state: 'pending',
    });
    v2.close();

    const store = await freshStore({ userId, tenantId: 'kab-a' });
    expect(store.db.verno).toBe(CURRENT_VERSION);
    expect(CURRENT_VERSION).toBeGreaterThanOrEqual(4);
    expect(store.deviceId).toBe('device-from-v2');
    const { words: _words, ...record } = session;
    expect(await store.get('session', sessionId)).toEqual(record);
    expect(await store.outbox()).toHaveLength(1);
    // The new tables work at once.
    const parent = { kind: 'session' as const, id: sessionId, unitId: null };
    const a = await attachFile(store, pdf(2000), parent);
    expect((await attachmentsOf(store, sessionId)).map((v) => v.record.id)).toEqual([a.id]);
    expect(store.db.tables.map((t) => t.name).sort()).toEqual(
      expect.arrayContaining(['attachments', 'blobs', 'uploads', 'tusUrls']),
    );
  });
});
