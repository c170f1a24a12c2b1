/**
 * Rows of the attachment tables in the local database (Dexie version 4, `src/lib/db/schema.ts`).
 * Read and written only through `BlobStore` (src/lib/db/types.ts, implemented in src/lib/db/blobs.ts).
 */

/** The bytes of one file, addressed by content: the same photo attached twice is stored once. */
export interface BlobRow {
  sha256: string;
  /** The bytes as an ArrayBuffer: stores and clones the same in every browser (Safari had Blob-in-IDB bugs). */
  data: ArrayBuffer;
  mime: string;
  size: number;
  storedAt: number;
}

/** Upload progress of one file (by hash: the same bytes upload once, whatever records point at them). */
export interface UploadRow {
  sha256: string;
  state: 'queued' | 'uploading' | 'uploaded' | 'failed';
  /** Bytes the server has confirmed (tus offset), for the progress bar. */
  sent: number;
  total: number;
  attempts: number;
  /** Do not try before this time (backoff); 0 = now. */
  notBefore: number;
  /** Last error, bilingual, shown on the attachment; null when none. */
  error: string | null;
  updatedAt: number;
}

/** Uploads still to do: the queue sends these (after their backoff), and nothing may drop their bytes. */
export const WAITING_UPLOAD_STATES: readonly UploadRow['state'][] = ['queued', 'uploading'];

/** One tus upload URL remembered so an upload resumes after a dropped connection or an app restart. */
export interface TusUrlRow {
  key: string;
  fingerprint: string;
  uploadUrl?: string;
  size: number | null;
  metadata: Record<string, string>;
  creationTime: string;
}
