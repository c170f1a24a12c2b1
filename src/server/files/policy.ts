/**
 * The rules of file uploads, as pure functions (no I/O): what the tus metadata must hold, which sniffed types are
 * accepted for which declared type and name, whether an upload fits the tenant's quota, and how a download names
 * its file. service.ts applies them; tests/server/files/policy.test.ts checks them one by one.
 */
import { z } from 'zod';
import {
  ATTACHMENT_MIME_TYPES,
  mimeOfExtension,
  sha256Schema,
  type AttachmentMime,
} from '../../shared/attachments';
import { recordIdSchema } from '../../shared/records';

/** Base64 in the header can carry U+0000, which PostgreSQL cannot store: such an upload is invalid. */
const noNul = (s: z.ZodString) => s.refine((text) => !text.includes('\u0000'));

/** tus `Upload-Metadata` of an attachment upload (keys agreed in the attachments contract). */
export const uploadMetadataSchema = z.object({
  sha256: sha256Schema,
  filename: noNul(z.string().min(1).max(200)),
  filetype: noNul(z.string().min(1).max(100)),
  parentId: recordIdSchema,
});
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

/** Upload ids are ours (uuidv7); anything else in the URL is not an upload. */
export const uploadIdSchema = z.uuid();

/** Spellings some devices use for an accepted type. */
const ALIASES: Record<string, AttachmentMime> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

export const normalizeMime = (mime: string): string => {
  const bare = mime.split(';')[0]!.trim().toLowerCase();
  return ALIASES[bare] ?? bare;
};

export const isAcceptedMime = (mime: string): mime is AttachmentMime =>
  (ATTACHMENT_MIME_TYPES as readonly string[]).includes(mime);

export type TypeVerdict =
  | { ok: true; mime: AttachmentMime }
  | { ok: false; reason: 'unknown-content' | 'not-accepted' | 'declared-mismatch' | 'name-mismatch' };

/**
 * Whether the content may be kept: the type sniffed from the bytes (`undefined`: not recognised, e.g. HTML or SVG)
 * must be accepted, equal the declared type, and agree with the name's extension when the name has a known one. A
 * `.jpg` holding a PDF, a ZIP, a web page or an SVG with a script is therefore refused, whatever it claims to be.
 */
export function typeVerdict(sniffed: string | undefined, declared: string, filename: string): TypeVerdict {
  if (sniffed === undefined) return { ok: false, reason: 'unknown-content' };
  const mime = normalizeMime(sniffed);
  if (!isAcceptedMime(mime)) return { ok: false, reason: 'not-accepted' };
  if (normalizeMime(declared) !== mime) return { ok: false, reason: 'declared-mismatch' };
  const byName = mimeOfExtension(filename);
  if (byName !== null && byName !== mime) return { ok: false, reason: 'name-mismatch' };
  return { ok: true, mime };
}

/**
 * Whether a tenant is within its quota, counting what it stores and what its uploads still arriving hold (each
 * by its declared length, see repository.ts `tenantUsage`).
 */
export function withinQuota(input: {
  usedBytes: number;
  reservedBytes: number;
  quotaBytes: number;
}): boolean {
  return input.usedBytes + input.reservedBytes <= input.quotaBytes;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string): string {
  // Control characters and path separators never reach the header.
  const clean =
    [...filename]
      .map((ch) => (ch < ' ' || ch === '\u007f' || ch === '/' || ch === '\\' ? '_' : ch))
      .join('')
      .slice(0, 200) || 'berkas';
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/["%]/g, '_');
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Human sizes for error messages ("10 MB"): binary multiples, as FILE_MAX_BYTES is usually set. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Math.round((bytes / 1024 ** 3) * 10) / 10} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
