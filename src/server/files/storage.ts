/**
 * Where the bytes of stored files live: a content-addressed store keyed by (tenant, SHA-256), outside the
 * database. The folder implementation is the default (`FILE_DIR/blobs/<tenant>/<sha256>`); an S3-compatible one
 * implements the same five operations (see src/server/README.md, "Attachments").
 *
 * Guarantees every implementation gives:
 * - `put` is atomic: a reader sees the whole file or no file, never a part (folder: write a temporary file, fsync,
 *   rename; S3: a single PUT or a completed multipart upload). Putting a key again replaces it with the same bytes
 *   (the key is the content's hash), so a retried or concurrent put is harmless.
 * - `get` streams the bytes, or null when absent; `size` is the byte count, or null when absent.
 * - `delete` of an absent key is not an error.
 * The caller (service.ts) has verified the hash before `put`; the store does not hash again.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface BlobKey {
  tenantId: string;
  sha256: string;
}

export interface BlobStore {
  readonly kind: string;
  put(key: BlobKey, bytes: Readable): Promise<void>;
  get(key: BlobKey): Promise<Readable | null>;
  has(key: BlobKey): Promise<boolean>;
  size(key: BlobKey): Promise<number | null>;
  delete(key: BlobKey): Promise<void>;
}

const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Refuses keys that could leave the folder (tenant ids are ours, but a store never trusts a path). */
function checkKey(key: BlobKey): void {
  if (!SAFE_SEGMENT.test(key.tenantId) || !SHA256.test(key.sha256)) {
    throw new Error('Kunci berkas tidak sah / invalid blob key');
  }
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

export class FolderBlobStore implements BlobStore {
  readonly kind = 'folder';
  constructor(readonly root: string) {}

  #path(key: BlobKey): string {
    checkKey(key);
    return join(this.root, key.tenantId, key.sha256);
  }

  async put(key: BlobKey, bytes: Readable): Promise<void> {
    const target = this.#path(key);
    const dir = join(this.root, key.tenantId);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.incoming-${randomBytes(8).toString('hex')}`);
    try {
      await pipeline(bytes, createWriteStream(temp, { flags: 'wx' }));
      const handle = await open(temp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(key: BlobKey): Promise<Readable | null> {
    const path = this.#path(key);
    try {
      await stat(path);
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    return createReadStream(path);
  }

  async has(key: BlobKey): Promise<boolean> {
    return (await this.size(key)) !== null;
  }

  async size(key: BlobKey): Promise<number | null> {
    try {
      return (await stat(this.#path(key))).size;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: BlobKey): Promise<void> {
    await rm(this.#path(key), { force: true });
  }
}
