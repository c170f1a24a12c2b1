/**
 * Resuming against a real tus server (@tus/server + file store): connections cut at random offsets, and an app
 * "restart" (the upload abandoned, a new one started from the URL kept in the user's database) both continue
 * from the server's offset; the bytes that arrive equal the file; little is sent twice.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, createHash } from 'node:crypto';
import * as tus from 'tus-js-client';
import { UPLOAD_CHUNK_SIZE } from '../../../src/shared/attachments';
import { DexieUrlStorage } from '../../../src/lib/db/tus-urls';
import { UploadFailure, tusUpload } from '../../../src/lib/attachments/tus-upload';
import { cleanup, freshStore } from '../db/helpers';
import { startTusFixture, type TusFixture } from './tus-server';

let fx: TusFixture;
beforeAll(async () => {
  fx = await startTusFixture();
});
afterAll(() => fx.close());
afterEach(async () => {
  fx.cutAfter(null);
  await cleanup();
});

const PARENT = '0190a000-0000-7000-8000-000000000001';
const fileOf = (bytes: Buffer) => ({
  sha256: createHash('sha256').update(bytes).digest('hex'),
  name: 'foto.jpg',
  mime: 'image/jpeg',
  parentId: PARENT,
});

/** A seeded pseudo-random generator, so a failing run can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('tus uploads resume', () => {
  it('connections cut at random offsets resume from the server offset; the file arrives whole', async () => {
    const seed = Number(process.env.RESUME_SEED ?? Date.now() % 100_000);
    const random = rng(seed);
    const store = await freshStore();
    const storage = new DexieUrlStorage(store.db.tusUrls);
    const bytes = randomBytes(2_000_000);
    const before = fx.forwarded();
    const accepted: number[] = [];
    const cutsBefore = fx.cuts();
    // The next 8 connections are each cut somewhere in their first 200 KB: 8 cuts of at most 1.6 MB in all, so a cut can only miss on a connection that carries no upload (headers included).
    fx.cutConnections(8, () => Math.floor(random() * 200_000) + 1);
    await tusUpload({
      tus,
      input: bytes,
      size: bytes.length,
      endpoint: fx.endpoint,
      file: fileOf(bytes),
      urlStorage: storage,
      getToken: () => 'token',
      retryDelays: Array.from({ length: 20 }, () => 10),
      onAccepted: (n) => accepted.push(n),
    });
    const received = fx.forwarded() - before;
    const cuts = fx.cuts() - cutsBefore;
    // Some connections close unused (keep-alive), so not every armed cut fires; most do.
    expect(cuts, `seed ${seed}`).toBeGreaterThanOrEqual(3);
    expect(
      fx.finished().some((f) => f.equals(bytes)),
      `seed ${seed}`,
    ).toBe(true);
    // Offsets only grow: nothing is acknowledged twice.
    expect(accepted).toEqual([...accepted].sort((a, b) => a - b));
    expect(accepted.at(-1)).toBe(bytes.length);
    // Resent bytes are bounded by what was in flight: at most one chunk per cut (plus request headers).
    expect(received - bytes.length, `seed ${seed}`).toBeLessThanOrEqual(
      (cuts + 1) * (UPLOAD_CHUNK_SIZE + 4_000),
    );
    // Done: the URL is forgotten.
    expect(await store.db.tusUrls.count()).toBe(0);
  });

  it('after a restart, a new upload of the same file continues from the offset kept in the database', async () => {
    const store = await freshStore();
    const bytes = randomBytes(900_000);
    const file = fileOf(bytes);
    let abort: (() => Promise<void>) | null = null;
    // First run: stopped after two chunks, as if the app were closed.
    const first = tusUpload({
      tus,
      input: bytes,
      size: bytes.length,
      endpoint: fx.endpoint,
      file,
      urlStorage: new DexieUrlStorage(store.db.tusUrls),
      getToken: () => 'token',
      onStart: (a) => (abort = a),
      onAccepted: (n) => {
        if (n >= 2 * UPLOAD_CHUNK_SIZE) void abort?.();
      },
    });
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        void store.db.tusUrls.count().then((c) => {
          if (c > 0 && abort) {
            clearInterval(t);
            resolve();
          }
        });
      }, 20);
    });
    await Promise.race([first.catch(() => undefined), new Promise((r) => setTimeout(r, 3_000))]);
    const kept = await store.db.tusUrls.toArray();
    expect(kept).toHaveLength(1);
    expect(kept[0]?.uploadUrl).toMatch(/\/api\/files\//);

    // Second run, a new uploader on the same database ("after the restart").
    const before = fx.forwarded();
    const accepted: number[] = [];
    await tusUpload({
      tus,
      input: bytes,
      size: bytes.length,
      endpoint: fx.endpoint,
      file,
      urlStorage: new DexieUrlStorage(store.db.tusUrls),
      getToken: () => 'token',
      onAccepted: (n) => accepted.push(n),
    });
    const sent = fx.forwarded() - before;
    expect(accepted[0]).toBeGreaterThan(2 * UPLOAD_CHUNK_SIZE);
    expect(sent).toBeLessThan(bytes.length - 2 * UPLOAD_CHUNK_SIZE + 20_000);
    expect(fx.finished().some((f) => f.equals(bytes))).toBe(true);
    expect(await store.db.tusUrls.count()).toBe(0);
  });

  it('a server refusal that a retry cannot fix comes back as a final failure with its status', async () => {
    const store = await freshStore();
    const bytes = randomBytes(1000);
    const err = await tusUpload({
      tus,
      input: bytes,
      size: bytes.length,
      endpoint: fx.endpoint,
      file: { ...fileOf(bytes), name: 'terlalu-besar.pdf' },
      urlStorage: new DexieUrlStorage(store.db.tusUrls),
      getToken: () => 'token',
      retryDelays: [],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadFailure);
    expect((err as UploadFailure).status).toBe(413);
    expect((err as UploadFailure).final).toBe(true);
    expect((err as UploadFailure).message).toBe('Berkas terlalu besar / File too large');
  });
});
