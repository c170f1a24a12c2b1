/** The folder implementation of the content-addressed store, on a real temporary folder. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderBlobStore } from '../../../src/server/files/storage';

describe('FolderBlobStore', () => {
  let root: string;
  let store: FolderBlobStore;
  const key = { tenantId: '0190a000-0000-7000-8000-0000000000aa', sha256: 'b'.repeat(64) };
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'rintis-blobs-'));
    store = new FolderBlobStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('puts, reads, sizes and deletes by tenant and hash', async () => {
    expect(await store.has(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    expect(await store.size(key)).toBeNull();
    await store.put(key, Readable.from([Buffer.from('isi berkas')]));
    expect(await store.has(key)).toBe(true);
    expect(await store.size(key)).toBe(10);
    expect(await text((await store.get(key))!)).toBe('isi berkas');
    // Putting the same key again (a retried finalize) is harmless.
    await store.put(key, Readable.from([Buffer.from('isi berkas')]));
    expect(await readdir(join(root, key.tenantId))).toEqual([key.sha256]);
    await store.delete(key);
    await store.delete(key);
    expect(await store.has(key)).toBe(false);
  });

  it('leaves no file behind when the source fails half-way (a put is all or nothing)', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000, 1));
        this.destroy(new Error('disk pulled'));
      },
    });
    await expect(store.put(key, failing)).rejects.toThrow('disk pulled');
    expect(await store.has(key)).toBe(false);
    expect(await readdir(join(root, key.tenantId))).toEqual([]);
  });

  it('refuses keys that could leave its folder', async () => {
    await expect(store.has({ tenantId: '../x', sha256: key.sha256 })).rejects.toThrow(/invalid blob key/);
    await expect(store.get({ tenantId: key.tenantId, sha256: '../../etc/passwd' })).rejects.toThrow(
      /invalid blob key/,
    );
  });
});
