/**
 * Issue #17 (info row), the phone's half: a photo whose header declares more than 40 megapixels is refused before
 * anything decodes it (the server refuses it too: attachments-suite.ts). Before the fix the phone handed a
 * 20000 x 20000 PNG to createImageBitmap, which allocates the whole bitmap (1.6 GB).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttachmentError, attachFile } from '../../src/lib/attachments/local';
import { compressPhoto } from '../../src/lib/attachments/image';
import { newSessionBody } from '../../src/shared/domain/factories';
import { pngDeclaring } from '../server/files/fixtures';
import { cleanup, freshStore } from '../unit/db/helpers';

/** Stands in for the browser's decoder: records each image it is asked to decode (Node has none). */
let decoded: Blob[] = [];
const globals = globalThis as { createImageBitmap?: unknown };
const original = globals.createImageBitmap;

beforeEach(() => {
  decoded = [];
  globals.createImageBitmap = (blob: Blob) => {
    decoded.push(blob);
    return Promise.reject(new Error('no decoder in this test'));
  };
});
afterEach(async () => {
  globals.createImageBitmap = original;
  await cleanup();
});

const photo = (width: number, height: number) =>
  new File([new Uint8Array(pngDeclaring(width, height))], 'denah.png', { type: 'image/png' });

describe('the phone refuses a photo over 40 megapixels before decoding it', () => {
  it('refuses a PNG declaring 20000 x 20000 pixels with a message in both languages, storing nothing', async () => {
    const store = await freshStore();
    const session = await store.create('session', newSessionBody(new Date(2024, 4, 2, 10, 0)));
    const error = await attachFile(store, photo(20_000, 20_000), {
      kind: 'session',
      id: session.id,
      unitId: null,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentError);
    expect((error as AttachmentError).code).toBe('too-large');
    expect((error as AttachmentError).message).toMatch(/40 megapiksel.*\/.*40 megapixels/);
    expect(decoded).toHaveLength(0);
    expect(await store.db.blobs.count()).toBe(0);
    expect(await store.list('attachment', {})).toHaveLength(0);
    await expect(compressPhoto(photo(20_000, 20_000))).rejects.toThrow(/megapixels/);
    expect(decoded).toHaveLength(0);
  });

  it('hands a photo within the limit (8000 x 5000) to the decoder', async () => {
    const store = await freshStore();
    const session = await store.create('session', newSessionBody(new Date(2024, 4, 2, 10, 0)));
    const error = await attachFile(store, photo(8_000, 5_000), {
      kind: 'session',
      id: session.id,
      unitId: null,
    }).catch((e: unknown) => e);
    // Node has no decoder: reaching it is what this checks.
    expect(decoded).toHaveLength(1);
    expect((error as AttachmentError).code).toBe('read');
  });
});
