/**
 * `BlobStore` over Dexie (version 4 tables): `blobs` holds the bytes by SHA-256, `uploads` the upload of each
 * file, `tusUrls` where tus resumes. Each write that touches two tables is one transaction, which joins the
 * caller's `batch` when there is one (attaching: bytes, upload and record together).
 */
import { WAITING_UPLOAD_STATES, type BlobRow, type UploadRow } from '../attachments/rows';
import type { StoreContext } from './context';
import { DexieUrlStorage } from './tus-urls';
import type { BlobStore, UploadUrlStore } from './types';

/** An upload row as queued now, for `total` bytes. */
const queued = (sha256: string, total: number, now: number): UploadRow => ({
  sha256,
  state: 'queued',
  sent: 0,
  total,
  attempts: 0,
  notBefore: 0,
  error: null,
  updatedAt: now,
});

export class DexieBlobStore implements BlobStore {
  readonly #ctx: StoreContext;
  readonly uploadUrls: UploadUrlStore;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.uploadUrls = new DexieUrlStorage(ctx.db.tusUrls);
  }

  get #db() {
    return this.#ctx.db;
  }

  get(sha256: string): Promise<BlobRow | undefined> {
    return this.#db.blobs.get(sha256);
  }

  getMany(sha256s: string[]): Promise<BlobRow[]> {
    return this.#db.blobs.bulkGet(sha256s).then((rows) => rows.filter((b): b is BlobRow => b !== undefined));
  }

  hashes(sha256s?: string[]): Promise<string[]> {
    const blobs = this.#db.blobs;
    return sha256s ? blobs.where('sha256').anyOf(sha256s).primaryKeys() : blobs.toCollection().primaryKeys();
  }

  async keepForUpload(blob: BlobRow, opts: { retryFailed?: boolean } = {}): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', db.blobs, db.uploads, async () => {
      if (!(await db.blobs.get(blob.sha256))) await db.blobs.put(blob);
      const upload = await db.uploads.get(blob.sha256);
      if (!upload || (opts.retryFailed && upload.state === 'failed'))
        await db.uploads.put(queued(blob.sha256, blob.size, this.#ctx.now()));
    });
  }

  async keepDownloaded(blob: BlobRow): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', db.blobs, db.uploads, async () => {
      await db.blobs.put(blob);
      const upload = await db.uploads.get(blob.sha256);
      if (upload?.state !== 'uploaded')
        await db.uploads.put({
          ...queued(blob.sha256, blob.size, blob.storedAt),
          state: 'uploaded',
          sent: blob.size,
        });
    });
  }

  async dropUploaded(): Promise<{ files: number; bytes: number }> {
    const db = this.#db;
    return db.transaction('rw', db.blobs, db.uploads, async () => {
      const uploaded = await db.uploads.where('state').equals('uploaded').primaryKeys();
      const rows = (await db.blobs.bulkGet(uploaded)).filter((r): r is BlobRow => r !== undefined);
      await db.blobs.bulkDelete(rows.map((r) => r.sha256));
      return { files: rows.length, bytes: rows.reduce((sum, r) => sum + r.size, 0) };
    });
  }

  upload(sha256: string): Promise<UploadRow | undefined> {
    return this.#db.uploads.get(sha256);
  }

  uploads(sha256s: string[]): Promise<UploadRow[]> {
    return this.#db.uploads
      .bulkGet(sha256s)
      .then((rows) => rows.filter((u): u is UploadRow => u !== undefined));
  }

  waitingUploads(): Promise<UploadRow[]> {
    return this.#db.uploads.where('state').anyOf(WAITING_UPLOAD_STATES).toArray();
  }

  async updateUpload(sha256: string, patch: Partial<Omit<UploadRow, 'sha256'>>): Promise<void> {
    await this.#db.uploads.update(sha256, patch);
  }

  async retryUpload(sha256: string): Promise<void> {
    await this.#db.uploads.update(sha256, { state: 'queued', notBefore: 0, attempts: 0, error: null });
  }

  async retryWaitingNow(): Promise<void> {
    await this.#db.uploads.where('state').anyOf(WAITING_UPLOAD_STATES).modify({ notBefore: 0 });
  }
}
