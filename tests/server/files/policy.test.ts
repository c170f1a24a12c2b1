/** The pure upload rules (src/server/files/policy.ts) and the error mapping, case by case. */
import { describe, expect, it } from 'vitest';
import {
  contentDisposition,
  formatBytes,
  normalizeMime,
  typeVerdict,
  withinQuota,
  uploadMetadataSchema,
} from '../../../src/server/files/policy';
import { FileRefusal, codeForTusStatus, fileErrorJson } from '../../../src/server/files/errors';
import { DOCX_MIME, mimeOfExtension } from '../../../src/shared/attachments';

describe('typeVerdict', () => {
  it('accepts content whose sniffed type is accepted, declared, and matches a known extension', () => {
    expect(typeVerdict('image/jpeg', 'image/jpeg', 'foto.jpg')).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(typeVerdict('image/jpeg', 'image/jpg', 'IMG_1.JPEG')).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(typeVerdict(DOCX_MIME, DOCX_MIME, 'Surat.DOCX')).toEqual({ ok: true, mime: DOCX_MIME });
    // No extension, or one we do not know (a camera's .heic name kept for a JPEG): not checked.
    expect(typeVerdict('application/pdf', 'application/pdf', 'pindaian')).toEqual({
      ok: true,
      mime: 'application/pdf',
    });
    expect(typeVerdict('image/jpeg', 'image/jpeg', 'IMG_0001.HEIC')).toEqual({
      ok: true,
      mime: 'image/jpeg',
    });
  });

  it.each([
    [undefined, 'image/jpeg', 'foto.jpg', 'unknown-content'], // HTML, SVG, plain text: file-type knows none
    ['application/zip', 'image/jpeg', 'foto.jpg', 'not-accepted'],
    ['image/svg+xml', 'image/svg+xml', 'a.svg', 'not-accepted'],
    ['application/x-msdownload', 'application/pdf', 'a.pdf', 'not-accepted'],
    ['application/pdf', 'image/jpeg', 'foto.jpg', 'declared-mismatch'],
    ['image/png', 'image/jpeg', 'foto.jpg', 'declared-mismatch'],
    ['application/pdf', 'application/pdf', 'foto.jpg', 'name-mismatch'],
    ['image/webp', 'image/webp', 'foto.png', 'name-mismatch'],
  ])('refuses sniffed %s declared %s named %s: %s', (sniffed, declared, name, reason) => {
    expect(typeVerdict(sniffed, declared, name)).toEqual({ ok: false, reason });
  });

  it('normalizes MIME spellings and parameters', () => {
    expect(normalizeMime(' Image/JPEG; charset=binary')).toBe('image/jpeg');
    expect(normalizeMime('image/pjpeg')).toBe('image/jpeg');
    expect(mimeOfExtension('a.b.PDF')).toBe('application/pdf');
    expect(mimeOfExtension('archive.tar.gz')).toBeNull();
    expect(mimeOfExtension('noext')).toBeNull();
  });
});

describe('withinQuota', () => {
  it('counts stored bytes and uploads in progress against the quota, inclusive', () => {
    expect(withinQuota({ usedBytes: 900, reservedBytes: 100, quotaBytes: 1000 })).toBe(true);
    expect(withinQuota({ usedBytes: 900, reservedBytes: 101, quotaBytes: 1000 })).toBe(false);
    expect(withinQuota({ usedBytes: 0, reservedBytes: 0, quotaBytes: 1 })).toBe(true);
  });
});

describe('uploadMetadataSchema', () => {
  const good = {
    sha256: 'a'.repeat(64),
    filename: 'foto.jpg',
    filetype: 'image/jpeg',
    parentId: '0190a000-0000-7000-8000-00000000000a',
  };
  it('accepts the agreed keys', () => {
    expect(uploadMetadataSchema.safeParse(good).success).toBe(true);
  });
  it.each([
    ['upper-case hash', { ...good, sha256: 'A'.repeat(64) }],
    ['short hash', { ...good, sha256: 'a'.repeat(63) }],
    ['no name', { ...good, filename: '' }],
    ['long name', { ...good, filename: 'x'.repeat(201) }],
    ['key without value', { ...good, filetype: null }],
    ['parent not a uuid', { ...good, parentId: '../../etc' }],
  ])('refuses %s', (_what, meta) => {
    expect(uploadMetadataSchema.safeParse(meta).success).toBe(false);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Daftar hadir (1).jpg')).toBe(
      `attachment; filename="Daftar hadir (1).jpg"; filename*=UTF-8''Daftar%20hadir%20%281%29.jpg`,
    );
    expect(contentDisposition('Surat "resmi" 100%.pdf')).toBe(
      `attachment; filename="Surat _resmi_ 100_.pdf"; filename*=UTF-8''Surat%20%22resmi%22%20100%25.pdf`,
    );
    expect(contentDisposition('Laporan–Kecamatan Ñ.pdf')).toMatch(
      /^attachment; filename="Laporan_Kecamatan _\.pdf"; filename\*=UTF-8''Laporan%E2%80%93/,
    );
  });
  it('never lets control characters or paths into the header', () => {
    const header = contentDisposition('a\r\nSet-Cookie: x=1/../b\\c.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="a__Set-Cookie: x=1_.._b_c.pdf"');
    expect(contentDisposition('')).toContain('filename="berkas"');
  });
});

describe('errors', () => {
  it('maps tus plain-text answers to codes', () => {
    expect(codeForTusStatus(413, 'Maximum size exceeded\n')).toBe('file-too-large');
    expect(codeForTusStatus(409, 'Upload-Offset conflict\n')).toBe('offset-mismatch');
    expect(codeForTusStatus(410, 'The file for this url no longer exists\n')).toBe('upload-gone');
    expect(codeForTusStatus(400, 'Request aborted due to lock acquired')).toBe('upload-locked');
    expect(codeForTusStatus(400, 'Invalid upload-offset\n')).toBe('invalid-upload');
    expect(codeForTusStatus(500, 'Something went wrong receiving the file\n')).toBe('storage-failed');
  });
  it('writes bilingual JSON bodies, with the limit when there is one', () => {
    expect(JSON.parse(fileErrorJson('file-too-large', 10 * 1024 * 1024))).toEqual({
      error: {
        code: 'file-too-large',
        message: 'Berkas terlalu besar (maks. 10 MB)',
        messageEn: 'File too large (max 10 MB)',
        details: { limitBytes: 10 * 1024 * 1024 },
      },
    });
    const refusal = new FileRefusal('checksum-mismatch');
    expect(refusal.status_code).toBe(460);
    expect(JSON.parse(refusal.body)).toMatchObject({ error: { code: 'checksum-mismatch' } });
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
    expect(formatBytes(1536)).toBe('2 KB');
  });
});
