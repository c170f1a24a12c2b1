/**
 * Width and height of a PNG, JPEG or WebP read from its header, without decoding it: the server refuses, and the
 * phone never decodes, an image whose pixels would not fit in a cheap phone's memory (a 20000 x 20000 PNG is a
 * few hundred KB on disk and 1.6 GB decoded). Pure: runs on the server and on the phone.
 *
 * Written by hand (about 80 lines) rather than with `image-size`: three formats, one fixed prefix of bytes, and
 * nothing to bundle or audit on the phone. Anything it cannot read answers null, and callers refuse null.
 */

/** Most pixels an image may declare (40 megapixels: any phone camera's photo, not a decompression bomb). */
export const IMAGE_MAX_PIXELS = 40_000_000;
/** Bytes of the file's start the reader is given: enough for any real header (JPEG metadata comes first). */
export const IMAGE_HEADER_BYTES = 1024 * 1024;

export interface ImageSize {
  width: number;
  height: number;
}

const ascii = (b: Uint8Array, at: number, text: string): boolean =>
  b.length >= at + text.length && [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));
const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const be32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | be16(b, at + 2)) >>> 0;
const le16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const le24 = (b: Uint8Array, at: number) => le16(b, at) | (b[at + 2]! << 16);

const sized = (width: number, height: number): ImageSize | null =>
  width > 0 && height > 0 ? { width, height } : null;

function pngSize(b: Uint8Array): ImageSize | null {
  // Signature, then the first chunk must be IHDR (13 bytes: width, height, ...).
  if (b.length < 24 || !ascii(b, 12, 'IHDR')) return null;
  return sized(be32(b, 16), be32(b, 20));
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic); not DHT (C4), JPG (C8) or DAC (CC). */
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegSize(b: Uint8Array): ImageSize | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    // Markers without a length: TEM, RSTn. SOS or EOI before a frame header: not an image we can size.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = be16(b, at + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (at + 9 > b.length) return null;
      return sized(be16(b, at + 7), be16(b, at + 5));
    }
    at += 2 + length; // EXIF thumbnails sit inside APP1's length, so their frames are skipped too
  }
  return null;
}

function webpSize(b: Uint8Array): ImageSize | null {
  if (b.length < 30) return null;
  if (ascii(b, 12, 'VP8X')) return sized(le24(b, 24) + 1, le24(b, 27) + 1);
  if (ascii(b, 12, 'VP8L')) {
    if (b[20] !== 0x2f) return null;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (ascii(b, 12, 'VP8 ')) {
    // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height (2 bits of scaling each).
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return sized(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
  }
  return null;
}

/** Size declared by the header at the start of `bytes` (see IMAGE_HEADER_BYTES), or null when it is not one. */
export function readImageSize(bytes: Uint8Array): ImageSize | null {
  if (ascii(bytes, 0, '\x89PNG\r\n\x1a\n')) return pngSize(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return jpegSize(bytes);
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return webpSize(bytes);
  return null;
}

export type PixelVerdict =
  { ok: true; size: ImageSize } | { ok: false; reason: 'unreadable' | 'too-many-pixels' };

/** Whether an image's header declares a size that may be decoded (at most IMAGE_MAX_PIXELS). */
export function pixelVerdict(header: Uint8Array, maxPixels = IMAGE_MAX_PIXELS): PixelVerdict {
  const size = readImageSize(header);
  if (!size) return { ok: false, reason: 'unreadable' };
  if (size.width * size.height > maxPixels) return { ok: false, reason: 'too-many-pixels' };
  return { ok: true, size };
}
