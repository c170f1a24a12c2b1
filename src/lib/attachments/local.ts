/**
 * Attachments on this phone: attach a picked file (photos compressed first), read its bytes, download one on
 * demand, see how much space they take and free it. The record goes through the record store (and so through
 * sync); the bytes go to the blob store by SHA-256, which queues their upload for the upload queue.
 */
import {
  FILE_MAX_BYTES_DEFAULT,
  attachmentMimeOf,
  isImageMime,
  sha256Schema,
  storedName,
  type AttachmentBody,
  type AttachmentParentKind,
} from '../../shared/attachments';
import type { Attachment } from '../../shared/records';
import type { AttachmentStore, BlobStore } from '../db/types';
import { readBytes, sha256Hex } from './hash';
import { PHOTO_TOO_MANY_PIXELS, PHOTO_UNREADABLE, photoPixels } from './pixels';
import type { UploadRow } from './rows';
import type { ApiUrl } from '../api/types';

/** A failure with a message in Indonesian and English that a screen shows as it is. */
export class AttachmentError extends Error {
  constructor(
    readonly code: 'type' | 'too-large' | 'read' | 'network' | 'hash' | 'not-found' | 'auth',
    message: string,
  ) {
    super(message);
    this.name = 'AttachmentError';
  }
}

export interface AttachmentParent {
  kind: AttachmentParentKind;
  id: string;
  unitId: string | null;
}

export interface AttachOptions {
  slot?: string;
  /** Limit for this place (a template's required PDF: 1 MB); the server's 10 MB otherwise. */
  maxBytes?: number;
}

/** What only touches the bytes and their uploads. */
type BlobsOf = { readonly blobs: BlobStore };

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

async function bytesOf(file: Blob): Promise<ArrayBuffer> {
  try {
    return await readBytes(file);
  } catch {
    throw new AttachmentError('read', 'Berkas tidak dapat dibaca / the file could not be read');
  }
}

const unsupported = () =>
  new AttachmentError(
    'type',
    'Jenis berkas tidak didukung: pilih foto (JPEG, PNG, WebP), PDF atau DOCX / unsupported file type: choose a photo (JPEG, PNG, WebP), a PDF or a DOCX',
  );
const tooLarge = (limit: number) =>
  new AttachmentError('too-large', `Berkas lebih dari ${mb(limit)} / the file is over ${mb(limit)}`);

/**
 * Why a picked file cannot be attached, known before reading it (its type; its size unless it is a photo, which
 * is compressed first), or null. Lets a screen refuse it at once, e.g. while a comment is still being written.
 */
export function pickedFileProblem(file: File, maxBytes?: number): AttachmentError | null {
  const mime = attachmentMimeOf(file.name, file.type);
  if (!mime) return unsupported();
  const limit = Math.min(maxBytes ?? FILE_MAX_BYTES_DEFAULT, FILE_MAX_BYTES_DEFAULT);
  if (!isImageMime(mime) && file.size > limit) return tooLarge(limit);
  return null;
}

/**
 * Attaches a picked file to a parent record: photos are resized and compressed (lazy chunk), the bytes stored by
 * hash (once, however often attached), the record created and the upload queued, in one transaction.
 */
export async function attachFile(
  store: AttachmentStore,
  file: File,
  parent: AttachmentParent,
  opts: AttachOptions = {},
): Promise<Attachment> {
  const problem = pickedFileProblem(file, opts.maxBytes);
  if (problem) throw problem;
  const mime = attachmentMimeOf(file.name, file.type)!;
  const limit = Math.min(opts.maxBytes ?? FILE_MAX_BYTES_DEFAULT, FILE_MAX_BYTES_DEFAULT);
  let data: ArrayBuffer;
  let storedMime: string = mime;
  let name = file.name.slice(0, 200) || 'berkas';
  let width: number | null = null;
  let height: number | null = null;
  let thumbnail = '';
  if (isImageMime(mime)) {
    // Read from the header before anything decodes the photo (see pixels.ts).
    const pixels = await photoPixels(file);
    if (!pixels.ok)
      throw pixels.reason === 'too-many-pixels'
        ? new AttachmentError('too-large', PHOTO_TOO_MANY_PIXELS)
        : new AttachmentError('read', PHOTO_UNREADABLE);
    const { compressPhoto } = await import('./image');
    const photo = await compressPhoto(file).catch((e: unknown) => {
      throw new AttachmentError('read', e instanceof Error ? e.message : String(e));
    });
    data = await bytesOf(photo.blob);
    storedMime = photo.mime;
    if (!photo.kept) name = storedName(name, storedMime);
    width = photo.width;
    height = photo.height;
    thumbnail = photo.thumbnail;
  } else {
    data = await bytesOf(file);
  }
  if (data.byteLength > limit) throw tooLarge(limit);
  const sha256 = await sha256Hex(data);
  const body: AttachmentBody = {
    sha256,
    name,
    mime: storedMime,
    size: data.byteLength,
    originalSize: file.size,
    parentId: parent.id,
    parentKind: parent.kind,
    unitId: parent.unitId,
    slot: opts.slot ?? '',
    width,
    height,
    thumbnail,
  };
  const blob = { sha256, data, mime: storedMime, size: data.byteLength, storedAt: Date.now() };
  return store.batch(async () => {
    // Attaching the same file again after its upload failed queues it again.
    await store.blobs.keepForUpload(blob, { retryFailed: true });
    return store.create('attachment', body);
  });
}

/** What a screen shows for one attachment: the record, whether its bytes are on this phone, its upload. */
export interface AttachmentView {
  record: Attachment;
  onPhone: boolean;
  upload: UploadRow | null;
}

/** Attachments of one parent with their state (for a live query: reads records, blobs' keys and uploads). */
export async function attachmentsOf(store: AttachmentStore, parentId: string): Promise<AttachmentView[]> {
  const records = await store.list('attachment', { parentId });
  if (records.length === 0) return [];
  const shas = [...new Set(records.map((r) => r.sha256))];
  const present = new Set(await store.blobs.hashes(shas));
  const uploads = new Map((await store.blobs.uploads(shas)).map((u) => [u.sha256, u] as const));
  return records.map((record) => ({
    record,
    onPhone: present.has(record.sha256),
    upload: uploads.get(record.sha256) ?? null,
  }));
}

/** The bytes of an attachment when they are on this phone. */
export async function localBlob(store: BlobsOf, sha256: string, mime: string): Promise<Blob | null> {
  const row = await store.blobs.get(sha256);
  return row ? new Blob([row.data], { type: row.mime || mime }) : null;
}

/** Lets a failed upload try again (the person tapped "Coba lagi"). */
export async function retryUpload(store: BlobsOf, sha256: string): Promise<void> {
  await store.blobs.retryUpload(sha256);
}

export interface DownloadOptions {
  getToken: (opts?: { forceRefresh?: boolean }) => string | null | Promise<string | null>;
  baseUrl?: string;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}

/**
 * Downloads an attachment's bytes from the server (on demand: the screen shows the size first), checks them
 * against the hash, keeps them on this phone and returns them.
 */
export async function downloadAttachment(
  store: BlobsOf,
  record: Pick<Attachment, 'sha256' | 'mime'>,
  opts: DownloadOptions,
): Promise<Blob> {
  const sha = sha256Schema.parse(record.sha256);
  const doFetch = opts.fetch ?? ((i: string, init?: RequestInit) => fetch(i, init));
  const request = async (forceRefresh: boolean) => {
    const token = await opts.getToken(forceRefresh ? { forceRefresh } : undefined);
    if (!token) throw new AttachmentError('auth', 'Masuk dulu untuk mengunduh / sign in to download');
    try {
      return await doFetch(`${opts.baseUrl ?? ''}${`/api/files/by-hash/${sha}` satisfies ApiUrl<'GET'>}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    } catch {
      throw new AttachmentError('network', 'Tidak ada koneksi ke server / no connection to the server');
    }
  };
  let res = await request(false);
  if (res.status === 401) res = await request(true);
  if (res.status === 404)
    throw new AttachmentError(
      'not-found',
      'Berkas belum ada di server (mungkin belum selesai diunggah) / the file is not on the server yet (maybe not uploaded yet)',
    );
  if (!res.ok)
    throw new AttachmentError('network', `Server menjawab ${res.status} / the server answered ${res.status}`);
  const data = await res.arrayBuffer();
  if ((await sha256Hex(data)) !== sha)
    throw new AttachmentError('hash', 'Berkas yang diterima rusak / the file received is damaged');
  await store.blobs.keepDownloaded({
    sha256: sha,
    data,
    mime: record.mime,
    size: data.byteLength,
    storedAt: Date.now(),
  });
  return new Blob([data], { type: record.mime });
}

export interface AttachmentUsage {
  /** Files kept on this phone and their bytes. */
  files: number;
  bytes: number;
  /** Of those, confirmed on the server: can be dropped (thumbnails stay, re-download on demand). */
  droppableFiles: number;
  droppableBytes: number;
  /** Not uploaded yet: never dropped. */
  waitingFiles: number;
}

/** How much attachments take on this phone (keys and upload rows only: the bytes are never read). */
export async function attachmentUsage(store: BlobsOf): Promise<AttachmentUsage> {
  const present = await store.blobs.hashes();
  const uploads = new Map((await store.blobs.uploads(present)).map((u) => [u.sha256, u] as const));
  const usage: AttachmentUsage = {
    files: 0,
    bytes: 0,
    droppableFiles: 0,
    droppableBytes: 0,
    waitingFiles: 0,
  };
  for (const sha of present) {
    const upload = uploads.get(sha);
    const size = upload?.total ?? (await store.blobs.get(sha))?.size ?? 0;
    usage.files++;
    usage.bytes += size;
    if (upload?.state === 'uploaded') {
      usage.droppableFiles++;
      usage.droppableBytes += size;
    } else usage.waitingFiles++;
  }
  return usage;
}

/** Drops the bytes of every file the server has confirmed; returns the bytes freed. Thumbnails stay. */
export async function dropUploadedOriginals(store: BlobsOf): Promise<{ files: number; bytes: number }> {
  return store.blobs.dropUploaded();
}
