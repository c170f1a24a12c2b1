/**
 * Attachments (issue #6): photos and documents attached to sessions, drafts, checklists and comments.
 *
 * An attachment is two things that travel apart:
 * - the `attachment` record (this body schema), which syncs like every record and carries what lists need
 *   (name, sizes, a small thumbnail) and where it belongs (`parentKind`, `parentId`, `slot`);
 * - the bytes, addressed by their SHA-256, kept as a Blob on the phone and uploaded over tus (resumable,
 *   256 KiB chunks) to `/api/files/`, only after the record has synced.
 *
 * Pure: no browser or Node imports (records.ts imports this file, not the other way round).
 */
import { z } from 'zod';

/** SHA-256 of the stored bytes, lowercase hex. */
export const sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'Sidik berkas tidak sah / invalid file hash (SHA-256, 64 hex)');
export type Sha256 = z.infer<typeof sha256Schema>;

/** Kinds of record an attachment can belong to. Comments come with the comments work (schema support only). */
export const ATTACHMENT_PARENT_KINDS = ['session', 'draft', 'checklist', 'comment'] as const;
export const attachmentParentKindSchema = z.enum(ATTACHMENT_PARENT_KINDS);
export type AttachmentParentKind = z.infer<typeof attachmentParentKindSchema>;

/** Types the server accepts (sniffed from the content there; the client checks the declared type first). */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ATTACHMENT_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  DOCX_MIME,
] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];
export const IMAGE_MIME_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/** Default per-file limit (the server's FILE_MAX_BYTES default). */
export const FILE_MAX_BYTES_DEFAULT = 10 * 1024 * 1024;
/** tus chunk size used by the client: small enough that a drop on 2G loses little, big enough to keep moving. */
export const UPLOAD_CHUNK_SIZE = 256 * 1024;
/** Photo processing targets. */
export const PHOTO_MAX_SIDE = 1600;
export const PHOTO_QUALITY = 0.8;
export const THUMBNAIL_SIDE = 160;
export const THUMBNAIL_MAX_CHARS = 16_000;

/**
 * Where in the parent the attachment sits: `''` the record itself (a session's photos, a checklist as a
 * whole), `section:<key>` a draft section, `required:<key>` one of the template's required attachments,
 * `item:<key>` a checklist item's evidence.
 */
export const SLOT_PREFIXES = ['section', 'required', 'item'] as const;
export type SlotPrefix = (typeof SLOT_PREFIXES)[number];
export const slotSchema = z
  .string()
  .max(200)
  .regex(/^(|(section|required|item):[A-Za-z0-9_.-]{1,190})$/, 'Tempat lampiran tidak sah / invalid slot');

export const thumbnailSchema = z
  .string()
  .max(THUMBNAIL_MAX_CHARS, 'Gambar kecil terlalu besar / thumbnail too large')
  .regex(
    /^(|data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+)$/,
    'Gambar kecil tidak sah / invalid thumbnail',
  );

export const attachmentBodySchema = z.object({
  sha256: sha256Schema,
  name: z
    .string()
    .min(1, 'Nama berkas wajib ada / file name is required')
    .max(200, 'Nama berkas terlalu panjang / file name too long'),
  mime: z.string().min(1).max(100),
  /** Bytes as stored and uploaded (after compression for photos). */
  size: z.number().int().nonnegative(),
  /** Bytes of the file as the person picked it (shown beside `size`). */
  originalSize: z.number().int().nonnegative(),
  parentId: z.uuid({ error: 'ID induk tidak sah / invalid parent id' }),
  parentKind: attachmentParentKindSchema,
  /** Copied from the parent so the server checks access like for other records of units. */
  unitId: z.uuid().nullable(),
  slot: slotSchema,
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  thumbnail: thumbnailSchema,
});
export type AttachmentBody = z.infer<typeof attachmentBodySchema>;

export const slotOf = (prefix: SlotPrefix, key: string): string => `${prefix}:${key}`;

/** Parses a slot into its prefix and key; `null` for the record itself or a malformed slot. */
export function parseSlot(slot: string): { prefix: SlotPrefix; key: string } | null {
  const colon = slot.indexOf(':');
  if (colon < 0) return null;
  const prefix = slot.slice(0, colon);
  if (!(SLOT_PREFIXES as readonly string[]).includes(prefix)) return null;
  return { prefix: prefix as SlotPrefix, key: slot.slice(colon + 1) };
}

export const isImageMime = (mime: string): boolean => IMAGE_MIME_TYPES.includes(mime);

/** The accepted types by file name extension (lowercase, without the dot): the phone and the server read this. */
export const MIME_BY_EXTENSION: Readonly<Record<string, AttachmentMime>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  docx: DOCX_MIME,
};

/** The accepted type a file name's extension stands for; null when the extension is none of those (or absent). */
export function mimeOfExtension(filename: string): AttachmentMime | null {
  const dot = filename.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = filename.slice(dot + 1).toLowerCase();
  // Own keys only: `.constructor` or `.toString` name no type.
  return Object.hasOwn(MIME_BY_EXTENSION, ext) ? MIME_BY_EXTENSION[ext]! : null;
}

/** The mime type to store for a picked file: its declared type, or one guessed from the name's extension. */
export function attachmentMimeOf(name: string, declared: string): AttachmentMime | null {
  if ((ATTACHMENT_MIME_TYPES as readonly string[]).includes(declared)) return declared as AttachmentMime;
  return mimeOfExtension(name);
}

/** The name of a compressed photo: the original name with the extension of the stored type. */
export function storedName(name: string, mime: string): string {
  const ext = mime === 'image/webp' ? 'webp' : mime === 'image/png' ? 'png' : 'jpg';
  const base = name.replace(/\.[^./\\]{1,8}$/, '') || 'foto';
  return `${base}.${ext}`.slice(-200);
}

// ---------------------------------------------------------------------------------------------------------------
// Upload state, chunking and resuming (pure: the tus client does the HTTP, this decides what and when).

/** Where an attachment's bytes are, as the person sees it. */
export const UPLOAD_STATES = ['local', 'queued', 'uploading', 'uploaded', 'failed', 'remote'] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

/** The chunks `[start, end)` still to send for a file of `size` bytes when the server holds `offset`. */
export function chunksFrom(
  offset: number,
  size: number,
  chunkSize = UPLOAD_CHUNK_SIZE,
): { start: number; end: number }[] {
  if (!Number.isInteger(size) || size < 0) throw new RangeError('size must be a non-negative integer');
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw new RangeError('chunk size must be positive');
  const from = Math.min(Math.max(0, Math.floor(offset)), size);
  const out: { start: number; end: number }[] = [];
  for (let start = from; start < size; start += chunkSize)
    out.push({ start, end: Math.min(size, start + chunkSize) });
  return out;
}

/**
 * Bytes sent again when a connection drops after `sentInChunk` bytes of a chunk the server had not
 * acknowledged: tus servers keep what arrived (the offset moves with every byte written), so the resend is only
 * what was in flight and never reached the disk. The worst case is one whole chunk per drop.
 */
export const worstResendPerDrop = (chunkSize = UPLOAD_CHUNK_SIZE): number => chunkSize;

/** Fraction done, 0..1, for progress bars; an empty file counts as done. */
export const progressOf = (sent: number, total: number): number =>
  total <= 0 ? 1 : Math.min(1, Math.max(0, sent / total));

/**
 * Delays between upload retries: exponential from 1 s, capped at 60 s, with "full jitter" supplied by the
 * caller (`random` in [0,1)) so many phones coming back online at once do not retry in step.
 */
export function retryDelay(attempt: number, random: number, base = 1_000, cap = 60_000): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, Math.min(attempt, 16)));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1));
}

/** HTTP statuses after which retrying the same upload cannot help (the attachment is marked failed). */
export const isFinalUploadFailure = (status: number): boolean =>
  status === 413 || status === 415 || status === 460 || status === 403 || status === 400;

/** tus Upload-Metadata for an attachment (keys agreed with the server). */
export function uploadMetadata(
  att: Pick<AttachmentBody, 'sha256' | 'name' | 'mime' | 'parentId'>,
): Record<string, string> {
  return { sha256: att.sha256, filename: att.name, filetype: att.mime, parentId: att.parentId };
}

/** The tus fingerprint of an attachment's upload: content and destination, so a restart finds its upload URL. */
export const uploadFingerprint = (sha256: string, endpoint: string): string =>
  `rintis-tus:${sha256}@${endpoint}`;

/** Hex of a digest. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const b of view) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Scales `width` x `height` so the longest side is at most `max` (never enlarges). */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= max) return { width, height };
  const scale = max / longest;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
