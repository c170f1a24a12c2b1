/**
 * The upload queue against a real tus server (@tus/server, with a by-hash HEAD like the app's server): it waits
 * for the record to sync, skips files the server already holds, uploads the rest until the final 204, backs off
 * on a network failure and stops on a refusal a retry cannot fix.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import * as tus from 'tus-js-client';
import { attachFile } from '../../../src/lib/attachments/local';
import { UploadQueue } from '../../../src/lib/attachments/queue';
import { newSessionBody } from '../../../src/shared/domain/factories';
import { cleanup, freshStore } from '../db/helpers';
import { startTusFixture, type TusFixture } from './tus-server';

let fx: TusFixture;
beforeAll(async () => {
  fx = await startTusFixture();
});
afterAll(() => fx.close());
afterEach(cleanup);

const pdf = (size: number, name = 'laporan.pdf') =>
  new File([Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)])], name, {
    type: 'application/pdf',
  });

async function setup() {
  const store = await freshStore();
  const session = await store.create('session', newSessionBody(new Date(2024, 4, 2, 9, 0)));
  const parent = { kind: 'session' as const, id: session.id, unitId: null };
  const queue = (o: { baseUrl?: string; now?: () => number } = {}) =>
    new UploadQueue({
      store,
      getToken: () => 'token',
      baseUrl: o.baseUrl ?? fx.origin,
      loadTus: async () => tus,
      toInput: (data) => Buffer.from(data),
      retryDelays: [],
      random: () => 0.5,
      triggers: false,
      ...(o.now ? { now: o.now } : {}),
    });
  /** What the sync engine does when the server acknowledges the record. */
  const synced = (id: string) => store.db.attachments.update(id, { rev: 1 });
  return { store, parent, queue, synced };
}

describe('upload queue', () => {
  it('waits for the record to sync, then uploads until the server confirms; the same file later is not sent again', async () => {
    const { store, parent, queue, synced } = await setup();
    const file = pdf(600_000);
    const a = await attachFile(store, file, parent);
    const before = fx.forwarded();
    await queue().runOnce();
    expect(fx.forwarded()).toBe(before); // not synced yet: nothing sent, not even a HEAD
    expect(await store.db.uploads.get(a.sha256)).toMatchObject({ state: 'queued', sent: 0 });

    await synced(a.id);
    await queue().runOnce();
    expect(await store.db.uploads.get(a.sha256)).toMatchObject({
      state: 'uploaded',
      sent: 600_000,
      error: null,
    });
    const received = fx.forwarded() - before;
    expect(received).toBeGreaterThanOrEqual(600_000);
    expect(received).toBeLessThan(600_000 + 10_000);
    const sent = Buffer.from(await file.arrayBuffer());
    expect(fx.finished().some((f) => f.equals(sent))).toBe(true);

    // Another phone's database with the same photo: HEAD by hash says the server has it, nothing is uploaded.
    const other = await setup();
    const b = await attachFile(other.store, file, other.parent);
    await other.synced(b.id);
    const mark = fx.forwarded();
    await other.queue().runOnce();
    expect(await other.store.db.uploads.get(b.sha256)).toMatchObject({ state: 'uploaded' });
    expect(fx.forwarded() - mark).toBeLessThan(1_000);
  });

  it('a network failure waits with backoff; a refusal is final and shown; "Coba lagi" queues it again', async () => {
    const { store, parent, queue, synced } = await setup();
    const a = await attachFile(store, pdf(10_000), parent);
    await synced(a.id);
    let now = 1_000_000;
    // Nothing listens there: a network failure.
    await queue({ baseUrl: 'http://127.0.0.1:9', now: () => now }).runOnce();
    const waiting = await store.db.uploads.get(a.sha256);
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1 });
    expect(waiting?.notBefore).toBe(now + 1_500);
    expect(waiting?.error).toContain(' / ');
    // Before the backoff ends nothing is tried; after it, the upload goes through.
    const mark = fx.forwarded();
    await queue({ now: () => now }).runOnce();
    expect(fx.forwarded()).toBe(mark);
    now += 2_000;
    await queue({ now: () => now }).runOnce();
    expect(await store.db.uploads.get(a.sha256)).toMatchObject({ state: 'uploaded' });

    // The server refuses (413, bilingual): final, shown, not retried by itself.
    const big = await attachFile(store, pdf(2_000, 'terlalu-besar.pdf'), parent);
    await synced(big.id);
    await queue({ now: () => now }).runOnce();
    expect(await store.db.uploads.get(big.sha256)).toMatchObject({
      state: 'failed',
      error: 'Berkas terlalu besar / File too large',
    });
    await queue({ now: () => now }).retryNow();
    expect(await store.db.uploads.get(big.sha256)).toMatchObject({ state: 'failed' });
  });
});
