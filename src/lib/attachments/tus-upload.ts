/**
 * One resumable upload over tus 1.0 (tus-js-client, loaded lazily with the queue): 256 KiB chunks, the upload
 * URL remembered in the user's database so a dropped connection or a restart resumes from the server's offset,
 * a fresh access token on every request, and tus' own quick retries for a connection that drops mid-chunk.
 * Resolves only when the server answered the last PATCH with 204, i.e. after it checked the hash and the type.
 */
import {
  UPLOAD_CHUNK_SIZE,
  isFinalUploadFailure,
  uploadFingerprint,
  uploadMetadata,
  type AttachmentBody,
} from '../../shared/attachments';
import type { UploadUrlStore } from '../db/types';

type Tus = typeof import('tus-js-client');

export interface TusUploadOptions {
  tus: Tus;
  /** What tus-js-client reads: a Blob in the browser (a Buffer under Node, in tests). */
  input: Blob | Uint8Array;
  size: number;
  endpoint: string;
  file: Pick<AttachmentBody, 'sha256' | 'name' | 'mime' | 'parentId'>;
  urlStorage: UploadUrlStore;
  getToken: (opts?: { forceRefresh?: boolean }) => string | null | Promise<string | null>;
  /** Bytes the server has acknowledged so far. */
  onAccepted?: (bytes: number, total: number) => void;
  /** Called with the running upload, so the caller can abort it (app closing, sign-out). */
  onStart?: (abort: () => Promise<void>) => void;
  /** Quick in-place retries (ms) before the upload reports an error to the queue's own backoff. */
  retryDelays?: number[];
  chunkSize?: number;
}

/** An upload that failed: the HTTP status (null: network) and the server's bilingual message when it sent one. */
export class UploadFailure extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'UploadFailure';
  }
  get final(): boolean {
    return this.status !== null && isFinalUploadFailure(this.status);
  }
}

function messageOf(status: number | null, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown; messageEn?: unknown } };
    const { message, messageEn } = parsed.error ?? {};
    if (typeof message === 'string' && typeof messageEn === 'string') return `${message} / ${messageEn}`;
  } catch {
    // not JSON
  }
  if (status === null) return 'Koneksi terputus / the connection dropped';
  if (status === 460)
    return 'Berkas rusak dalam perjalanan (sidik tidak cocok) / the file arrived damaged (hash mismatch)';
  if (status === 415) return 'Jenis berkas ditolak server / the server refused the file type';
  if (status === 413) return 'Berkas terlalu besar atau kuota penuh / file too large or quota full';
  return `Server menjawab ${status} / the server answered ${status}`;
}

const statusOf = (err: unknown): number | null => {
  const res = (err as { originalResponse?: { getStatus(): number } | null }).originalResponse;
  const status = res?.getStatus();
  return typeof status === 'number' && status > 0 ? status : null;
};
const bodyOf = (err: unknown): string =>
  (err as { originalResponse?: { getBody(): string } | null }).originalResponse?.getBody() ?? '';

export async function tusUpload(o: TusUploadOptions): Promise<void> {
  const fingerprint = uploadFingerprint(o.file.sha256, o.endpoint);
  let refreshNext = false;
  await new Promise<void>((resolve, reject) => {
    const upload = new o.tus.Upload(o.input as Blob, {
      endpoint: o.endpoint,
      chunkSize: o.chunkSize ?? UPLOAD_CHUNK_SIZE,
      retryDelays: o.retryDelays ?? [0, 1_000, 3_000, 5_000, 10_000],
      uploadSize: o.size,
      metadata: uploadMetadata(o.file),
      fingerprint: () => Promise.resolve(fingerprint),
      urlStorage: o.urlStorage,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onBeforeRequest: async (req) => {
        const force = refreshNext;
        refreshNext = false;
        const token = await o.getToken(force ? { forceRefresh: true } : undefined);
        if (token) req.setHeader('Authorization', `Bearer ${token}`);
      },
      onShouldRetry: (err) => {
        const status = statusOf(err);
        if (status === 401) {
          refreshNext = true;
          return true;
        }
        // Network drops, 5xx, 409 (parent record not on the server yet), 423 (locked), 429: worth a retry.
        return status === null || status >= 500 || status === 409 || status === 423 || status === 429;
      },
      onChunkComplete: (_chunk, accepted, total) => o.onAccepted?.(accepted, total),
      onSuccess: () => resolve(),
      onError: (err) => {
        const status = statusOf(err);
        reject(new UploadFailure(status, messageOf(status, bodyOf(err))));
      },
    });
    o.onStart?.(() => upload.abort(false));
    upload
      .findPreviousUploads()
      .then((previous) => {
        const latest = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
        if (latest) upload.resumeFromPreviousUpload(latest);
        upload.start();
      })
      .catch(reject);
  });
}
