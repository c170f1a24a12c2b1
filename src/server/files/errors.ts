/**
 * Every refusal of the file routes, with its status and bilingual message. tus hooks throw `FileRefusal`
 * (@tus/server sends its `status_code` and `body`); routes.ts turns anything else tus answers with (plain text)
 * into the same JSON shape, so a client reads one error format under /api/files/ as everywhere else.
 */
import { apiErrorBody } from '../http/errors';
import { IMAGE_MAX_PIXELS } from '../../shared/imageSize';
import { formatBytes } from './policy';

export const FILE_ERROR_CODES = [
  'invalid-upload',
  'forbidden',
  'parent-deleted',
  'parent-unknown',
  'upload-gone',
  'offset-mismatch',
  'file-too-large',
  'quota-exceeded',
  'too-many-uploads',
  'unsupported-type',
  'image-too-large',
  'checksum-mismatch',
  'upload-locked',
  'shutting-down',
  'storage-failed',
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/** tus' checksum extension status: the bytes did not match the announced hash. */
export const CHECKSUM_MISMATCH_STATUS = 460;

const MESSAGES: Record<FileErrorCode, { status: number; id: string; en: string }> = {
  'invalid-upload': {
    status: 400,
    id: 'Data unggahan tidak sah (sha256, filename, filetype, parentId dan Upload-Length wajib ada)',
    en: 'Invalid upload (sha256, filename, filetype, parentId and Upload-Length are required)',
  },
  forbidden: {
    status: 403,
    id: 'Anda tidak boleh melampirkan berkas pada catatan ini',
    en: 'You may not attach files to this record',
  },
  'parent-deleted': {
    status: 403,
    id: 'Catatan ini sudah dihapus; lampiran tidak diunggah',
    en: 'This record was deleted; the attachment is not uploaded',
  },
  'parent-unknown': {
    status: 409,
    id: 'Catatan induk belum sampai di server; unggahan dicoba lagi nanti',
    en: 'The parent record has not reached the server yet; the upload will be retried later',
  },
  'upload-gone': {
    status: 404,
    id: 'Unggahan ini tidak ada lagi; mulai unggahan baru',
    en: 'This upload no longer exists; start a new one',
  },
  'offset-mismatch': {
    status: 409,
    id: 'Posisi unggahan tidak cocok; tanyakan posisi server lalu lanjutkan',
    en: 'Upload offset does not match; ask the server for its offset and resume',
  },
  'file-too-large': { status: 413, id: 'Berkas terlalu besar', en: 'File too large' },
  'quota-exceeded': {
    status: 413,
    id: 'Ruang penyimpanan instansi Anda di server sudah penuh; hubungi admin lokal',
    en: "Your organisation's storage on the server is full; contact your local admin",
  },
  'too-many-uploads': {
    status: 429,
    id: 'Terlalu banyak unggahan Anda yang belum selesai; selesaikan atau tunggu yang lain dulu',
    en: 'Too many of your uploads are unfinished; finish them or wait before starting another',
  },
  'image-too-large': {
    status: 413,
    id: `Gambar terlalu besar untuk dibuka di ponsel (maks. ${IMAGE_MAX_PIXELS / 1e6} megapiksel); kecilkan dulu`,
    en: `The image is too large to open on a phone (max ${IMAGE_MAX_PIXELS / 1e6} megapixels); make it smaller first`,
  },
  'unsupported-type': {
    status: 415,
    id: 'Jenis berkas tidak diterima (hanya JPEG, PNG, WebP, PDF, DOCX, dan isi harus sesuai nama serta jenisnya)',
    en: 'File type not accepted (JPEG, PNG, WebP, PDF, DOCX only, and the content must match its name and type)',
  },
  'checksum-mismatch': {
    status: CHECKSUM_MISMATCH_STATUS,
    id: 'Isi berkas rusak di perjalanan (sidik SHA-256 tidak cocok); unggahan dibuang',
    en: 'The file arrived damaged (SHA-256 does not match); the upload was discarded',
  },
  'upload-locked': {
    status: 423,
    id: 'Unggahan ini sedang diproses; coba lagi sebentar lagi',
    en: 'This upload is busy; try again shortly',
  },
  'shutting-down': {
    status: 503,
    id: 'Server sedang dimulai ulang; unggahan dilanjutkan sebentar lagi',
    en: 'The server is restarting; the upload resumes shortly',
  },
  'storage-failed': {
    status: 500,
    id: 'Berkas belum bisa disimpan di server; unggahan dilanjutkan nanti',
    en: 'The file could not be stored on the server yet; the upload resumes later',
  },
};

export const fileErrorStatus = (code: FileErrorCode): number => MESSAGES[code].status;

/** The JSON error body of a refusal; `limitBytes` is added to size messages ("maks. 10 MB"). */
export function fileErrorJson(code: FileErrorCode, limitBytes?: number): string {
  const m = MESSAGES[code];
  const suffix =
    limitBytes === undefined
      ? ['', '']
      : [` (maks. ${formatBytes(limitBytes)})`, ` (max ${formatBytes(limitBytes)})`];
  return JSON.stringify(
    apiErrorBody(
      code,
      `${m.id}${suffix[0]}`,
      `${m.en}${suffix[1]}`,
      limitBytes === undefined ? undefined : { limitBytes },
    ),
  );
}

/** Codes a finished upload can be rejected with (kept in `file_uploads.reason`, answered again on a retry). */
export type RejectionCode = Extract<
  FileErrorCode,
  'checksum-mismatch' | 'unsupported-type' | 'image-too-large'
>;

export const rejectionCode = (reason: string | null): RejectionCode =>
  reason === 'unsupported-type' || reason === 'image-too-large' ? reason : 'checksum-mismatch';

/** Thrown from tus hooks: @tus/server answers `status_code` with `body`. */
export class FileRefusal extends Error {
  readonly status_code: number;
  readonly body: string;
  constructor(
    readonly code: FileErrorCode,
    limitBytes?: number,
  ) {
    super(code);
    this.status_code = MESSAGES[code].status;
    this.body = fileErrorJson(code, limitBytes);
  }
}

/** The code for a plain-text tus answer of `status` (its own validation, lock, size and offset errors). */
export function codeForTusStatus(status: number, text: string): FileErrorCode {
  if (status === 413) return 'file-too-large';
  if (status === 409) return 'offset-mismatch';
  if (status === 404 || status === 410) return 'upload-gone';
  if (status === 423 || /lock/i.test(text)) return 'upload-locked';
  if (status === 460) return 'checksum-mismatch';
  if (status === 415) return 'unsupported-type';
  if (status === 403) return 'forbidden';
  if (status >= 500) return /abort/i.test(text) ? 'shutting-down' : 'storage-failed';
  return 'invalid-upload';
}
