/**
 * Files for the upload tests: real signatures of each accepted type (what file-type sniffs), a real DOCX and a
 * plain ZIP built with fflate, and the hostile ones (HTML, SVG with a script). Padding is seeded noise, so a
 * size can be chosen and the content is not compressible or repetitive.
 */
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { DOCX_MIME } from '../../../src/shared/attachments';

/** Deterministic bytes from a seed (xorshift32), printed by tests that pick random offsets. */
export function noise(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const padTo = (head: Uint8Array, size: number, seed: number): Uint8Array =>
  concat(head, noise(Math.max(0, size - head.length), seed));

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A JPEG as cameras write it: SOI, APP0 JFIF header, a baseline frame header (16 x 16 pixels), then data. */
export const jpeg = (size = 200_000, seed = 1): Uint8Array =>
  padTo(
    Uint8Array.from([
      ...[0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01],
      ...[0x00, 0x01, 0x00, 0x00],
      ...[0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x01],
      ...[0x03, 0x11, 0x01],
    ]),
    size,
    seed,
  );

/** A PNG walked chunk by chunk as file-type does: signature, IHDR, one IDAT with the data, IEND. */
export const png = (size = 50_000, seed = 2): Uint8Array => {
  const chunk = (type: string, data: Uint8Array) => {
    const head = new Uint8Array(8);
    new DataView(head.buffer).setUint32(0, data.length);
    head.set(strToU8(type), 4);
    return concat(head, data, new Uint8Array(4));
  };
  const ihdr = Uint8Array.from([0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0]);
  const fixed = 8 + (12 + 13) + 12 + 12;
  return concat(
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', noise(Math.max(0, size - fixed), seed)),
    chunk('IEND', new Uint8Array(0)),
  );
};

/** A lossy WebP: RIFF header, a VP8 chunk whose frame header says 16 x 16 pixels, then data. */
export const webp = (size = 40_000, seed = 3): Uint8Array => {
  const head = concat(
    strToU8('RIFF'),
    Uint8Array.from([0, 0, 0, 0]),
    strToU8('WEBPVP8 '),
    Uint8Array.from([0, 0, 0, 0, 0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 16, 0, 16, 0]),
  );
  const out = padTo(head, size, seed);
  const view = new DataView(out.buffer);
  view.setUint32(4, size - 8, true);
  view.setUint32(16, size - 20, true);
  return out;
};

/**
 * A PNG whose header declares `width` x `height` pixels in a few hundred bytes: the shape of a decompression bomb
 * (a real 20000 x 20000 PNG of one colour is about 400 KB; what matters here is what its header claims).
 */
export const pngDeclaring = (width: number, height: number, size = 5_000, seed = 9): Uint8Array => {
  const out = png(size, seed);
  const view = new DataView(out.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return out;
};

export const pdf = (size = 30_000, seed = 4): Uint8Array =>
  padTo(strToU8('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), size, seed);

/** A Word document as Word zips it: content types first, then the document part. */
export const docx = (seed = 5): Uint8Array =>
  zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        `<Override PartName="/word/document.xml" ContentType="${DOCX_MIME}.main+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships/>'),
    'word/document.xml': concat(
      strToU8('<?xml version="1.0"?><w:document>'),
      noise(2000, seed),
      strToU8('</w:document>'),
    ),
  });

export const zip = (seed = 6): Uint8Array => zipSync({ 'catatan.txt': noise(5000, seed) });

export const html = (): Uint8Array =>
  strToU8(
    '<!doctype html><html><body><script>fetch("/api/me").then(r=>r.text()).then(alert)</script></body></html>',
  );

export const svgWithScript = (): Uint8Array =>
  strToU8(
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>',
  );
