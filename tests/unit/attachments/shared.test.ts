import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DOCX_MIME,
  UPLOAD_CHUNK_SIZE,
  attachmentBodySchema,
  attachmentMimeOf,
  mimeOfExtension,
  chunksFrom,
  fitWithin,
  isFinalUploadFailure,
  parseSlot,
  progressOf,
  retryDelay,
  slotOf,
  storedName,
  toHex,
  uploadFingerprint,
  uploadMetadata,
} from '../../../src/shared/attachments';
import { anyRecordSchema } from '../../../src/shared/records';
import { anAttachment, anAttachmentBody } from '../../factories';

const SHA = 'a'.repeat(64);
const body = anAttachmentBody({
  sha256: SHA,
  name: 'absensi.jpg',
  mime: 'image/webp',
  size: 312_000,
  originalSize: 3_100_000,
  thumbnail: 'data:image/jpeg;base64,/9j/4AAQ',
});

describe('chunking and resuming', () => {
  it('cuts a file into 256 KiB chunks and resumes from any offset', () => {
    expect(UPLOAD_CHUNK_SIZE).toBe(262_144);
    expect(chunksFrom(0, 600_000)).toEqual([
      { start: 0, end: 262_144 },
      { start: 262_144, end: 524_288 },
      { start: 524_288, end: 600_000 },
    ]);
    // The server holds 300,000 bytes (a drop mid-chunk): the rest starts there, not at a chunk boundary.
    expect(chunksFrom(300_000, 600_000)[0]).toEqual({ start: 300_000, end: 562_144 });
    expect(chunksFrom(600_000, 600_000)).toEqual([]);
    expect(chunksFrom(0, 0)).toEqual([]);
    expect(() => chunksFrom(0, -1)).toThrow(RangeError);
  });

  it('for any size and offset, the chunks cover exactly the missing bytes once, none over the chunk size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12_000_000 }),
        fc.integer({ min: -10, max: 13_000_000 }),
        (size, offset) => {
          const chunks = chunksFrom(offset, size);
          const from = Math.min(Math.max(0, offset), size);
          let at = from;
          for (const c of chunks) {
            expect(c.start).toBe(at);
            expect(c.end - c.start).toBeGreaterThan(0);
            expect(c.end - c.start).toBeLessThanOrEqual(UPLOAD_CHUNK_SIZE);
            at = c.end;
          }
          expect(at).toBe(size >= from ? size : from);
        },
      ),
    );
  });

  it('progress stays within 0..1', () => {
    expect(progressOf(0, 0)).toBe(1);
    expect(progressOf(50, 200)).toBe(0.25);
    expect(progressOf(300, 200)).toBe(1);
  });

  it('backs off exponentially with jitter, capped at a minute', () => {
    expect(retryDelay(0, 0)).toBe(500);
    expect(retryDelay(0, 1)).toBe(1_000);
    expect(retryDelay(3, 0.5)).toBe(6_000);
    expect(retryDelay(30, 1)).toBe(60_000);
    for (let a = 0; a < 20; a++) expect(retryDelay(a + 1, 0.3)).toBeGreaterThanOrEqual(retryDelay(a, 0.3));
  });

  it('gives up only on failures a retry cannot fix', () => {
    for (const s of [400, 403, 413, 415, 460]) expect(isFinalUploadFailure(s)).toBe(true);
    for (const s of [401, 404, 409, 423, 429, 500, 502, 503]) expect(isFinalUploadFailure(s)).toBe(false);
  });

  it('fingerprints an upload by content and endpoint and sends the agreed metadata', () => {
    expect(uploadFingerprint(SHA, 'https://x/api/files/')).toBe(`rintis-tus:${SHA}@https://x/api/files/`);
    expect(uploadMetadata(body)).toEqual({
      sha256: SHA,
      filename: 'absensi.jpg',
      filetype: 'image/webp',
      parentId: body.parentId,
    });
  });
});

describe('attachment record schema', () => {
  it('accepts a complete body and a full record', () => {
    expect(attachmentBodySchema.parse(body)).toEqual(body);
    expect(anyRecordSchema.parse(anAttachment(body)).kind).toBe('attachment');
  });

  it('refuses a bad hash, slot, parent kind or thumbnail, with bilingual messages', () => {
    const bad = [
      { sha256: 'ABC' },
      { sha256: 'g'.repeat(64) },
      { slot: 'section:' },
      { slot: 'other:x' },
      { parentKind: 'unit' },
      { thumbnail: 'javascript:alert(1)' },
      { thumbnail: `data:image/jpeg;base64,${'A'.repeat(16_000)}` },
      { name: '' },
      { size: -1 },
    ];
    for (const patch of bad) {
      const res = attachmentBodySchema.safeParse({ ...body, ...patch });
      expect(res.success, JSON.stringify(patch).slice(0, 80)).toBe(false);
    }
    const res = attachmentBodySchema.safeParse({ ...body, sha256: 'x' });
    expect(res.success ? '' : res.error.issues[0]?.message).toContain(' / ');
  });

  it('slots name a section, a required attachment or a checklist item', () => {
    expect(slotOf('section', 'ringkasan')).toBe('section:ringkasan');
    expect(parseSlot('required:surat-implementasi')).toEqual({
      prefix: 'required',
      key: 'surat-implementasi',
    });
    expect(parseSlot('')).toBeNull();
    expect(parseSlot('bogus:x')).toBeNull();
    for (const s of ['', 'section:a', 'required:surat-replikasi', 'item:kepastian-hukum'])
      expect(attachmentBodySchema.safeParse({ ...body, slot: s }).success).toBe(true);
  });
});

describe('types and names', () => {
  it('takes the declared type when allowed, else guesses from the extension, else refuses', () => {
    expect(attachmentMimeOf('a.pdf', 'application/pdf')).toBe('application/pdf');
    expect(attachmentMimeOf('surat.PDF', '')).toBe('application/pdf');
    expect(attachmentMimeOf('laporan.docx', 'application/octet-stream')).toBe(DOCX_MIME);
    expect(attachmentMimeOf('foto.JPG', '')).toBe('image/jpeg');
    expect(attachmentMimeOf('virus.exe', 'application/x-msdownload')).toBeNull();
    expect(attachmentMimeOf('foto.heic', 'image/heic')).toBeNull();
    // Only the map's own keys name a type (not what every object inherits).
    expect(attachmentMimeOf('berkas.constructor', '')).toBeNull();
    expect(mimeOfExtension('a.toString')).toBeNull();
  });

  it('names a compressed photo after the original with the stored type', () => {
    expect(storedName('IMG_2024.JPG', 'image/webp')).toBe('IMG_2024.webp');
    expect(storedName('absensi.png', 'image/jpeg')).toBe('absensi.jpg');
    expect(storedName('.jpg', 'image/jpeg')).toBe('foto.jpg');
  });

  it('fits a 12 MP photo within 1600 px and never enlarges', () => {
    expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(10_000, 1, 160)).toEqual({ width: 160, height: 1 });
  });

  it('writes digests as lowercase hex', () => {
    expect(toHex(new Uint8Array([0, 15, 16, 255]))).toBe('000f10ff');
  });
});
