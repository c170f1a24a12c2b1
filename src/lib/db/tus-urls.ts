/**
 * `UploadUrlStore` over Dexie: tus `UrlStorage` in the user's own database (table `tusUrls`), so an upload
 * resumes from the server's offset after a dropped connection AND after the app was closed: tus-js-client's
 * default is localStorage, which is shared by every user of the phone and lost with site data independently of
 * the database.
 */
import type { EntityTable } from 'dexie';
import type { TusUrlRow } from '../attachments/rows';
import type { PreviousUploadLike, UploadUrlStore } from './types';

export class DexieUrlStorage implements UploadUrlStore {
  readonly #table: EntityTable<TusUrlRow, 'key'>;
  readonly #newKey: () => string;

  constructor(table: EntityTable<TusUrlRow, 'key'>, newKey: () => string = () => crypto.randomUUID()) {
    this.#table = table;
    this.#newKey = newKey;
  }

  static #toPrevious(row: TusUrlRow): PreviousUploadLike {
    return {
      size: row.size,
      metadata: row.metadata,
      creationTime: row.creationTime,
      urlStorageKey: row.key,
      uploadUrl: row.uploadUrl ?? null,
      parallelUploadUrls: null,
    };
  }

  async findAllUploads(): Promise<PreviousUploadLike[]> {
    return (await this.#table.toArray()).map((r) => DexieUrlStorage.#toPrevious(r));
  }

  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUploadLike[]> {
    const rows = await this.#table.where('fingerprint').equals(fingerprint).toArray();
    return rows.filter((r) => typeof r.uploadUrl === 'string').map((r) => DexieUrlStorage.#toPrevious(r));
  }

  async removeUpload(urlStorageKey: string): Promise<void> {
    await this.#table.delete(urlStorageKey);
  }

  async addUpload(
    fingerprint: string,
    upload: Omit<PreviousUploadLike, 'urlStorageKey'> & { urlStorageKey?: string },
  ): Promise<string> {
    const key = `${fingerprint}::${this.#newKey()}`;
    const row: TusUrlRow = {
      key,
      fingerprint,
      size: upload.size,
      metadata: upload.metadata,
      creationTime: upload.creationTime,
      ...(upload.uploadUrl ? { uploadUrl: upload.uploadUrl } : {}),
    };
    await this.#table.put(row);
    return key;
  }

  /** Forgets every upload of a fingerprint (after success, or when the server lost the upload). */
  async removeFingerprint(fingerprint: string): Promise<void> {
    await this.#table.where('fingerprint').equals(fingerprint).delete();
  }
}
