/**
 * The image header reader (src/shared/imageSize.ts): sizes of real encodings (sharp, which the PWA icon build
 * already brings in: PNG, baseline and progressive JPEG with EXIF, lossy, lossless and extended WebP), of headers
 * that declare huge images in a few bytes, and null for what it cannot read.
 */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import {
  IMAGE_HEADER_BYTES,
  IMAGE_MAX_PIXELS,
  pixelVerdict,
  readImageSize,
} from '../../../src/shared/imageSize';

const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3a7' } });
const bytes = async (b: Promise<Buffer>) => new Uint8Array(await b);

/** A PNG of which only the signature and IHDR are real: what a decompression bomb's header looks like. */
function pngHeader(width: number, height: number): Uint8Array {
  const out = new Uint8Array(33);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(out.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  out.set([8, 2, 0, 0, 0], 24);
  return out;
}

function jpegHeader(width: number, height: number, app1Bytes = 0): Uint8Array {
  const app1 = app1Bytes > 0 ? [0xff, 0xe1, (app1Bytes + 2) >> 8, (app1Bytes + 2) & 0xff] : [];
  const out = new Uint8Array(2 + app1.length + app1Bytes + 2 + 19);
  out.set([0xff, 0xd8, ...app1]);
  // Inside APP1: a thumbnail's own frame header (16 x 16), which must be skipped with the segment.
  if (app1Bytes >= 11) out.set([0xff, 0xc0, 0, 17, 8, 0, 16, 0, 16, 3], 2 + app1.length);
  const at = 2 + app1.length + app1Bytes;
  out.set([0xff, 0xff, 0xff, 0xc2, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3], at);
  return out;
}

describe('readImageSize', () => {
  it('reads real PNG, JPEG and WebP encodings', async () => {
    const cases: [string, Promise<Buffer>, number, number][] = [
      ['png', image(33, 17).png().toBuffer(), 33, 17],
      ['jpeg', image(640, 480).jpeg().toBuffer(), 640, 480],
      [
        'progressive jpeg with EXIF',
        image(1201, 803)
          .jpeg({ progressive: true })
          .withMetadata({ exif: { IFD0: { Copyright: 'Rintis' } } })
          .toBuffer(),
        1201,
        803,
      ],
      ['lossy webp', image(300, 200).webp().toBuffer(), 300, 200],
      ['lossless webp', image(301, 199).webp({ lossless: true }).toBuffer(), 301, 199],
      ['extended webp (ICC)', image(257, 129).webp().withMetadata().toBuffer(), 257, 129],
    ];
    for (const [what, encoded, width, height] of cases) {
      expect(readImageSize(await bytes(encoded)), what).toEqual({ width, height });
    }
  });

  it('reads a huge declared size from a few header bytes', () => {
    expect(readImageSize(pngHeader(20_000, 20_000))).toEqual({ width: 20_000, height: 20_000 });
    expect(readImageSize(jpegHeader(65_000, 30_000, 5_000))).toEqual({ width: 65_000, height: 30_000 });
  });

  it('skips a JPEG thumbnail hidden in APP1 and fill bytes before the frame', () => {
    expect(readImageSize(jpegHeader(4000, 3000, 200))).toEqual({ width: 4000, height: 3000 });
  });

  it('answers null for what it cannot size', () => {
    const cases: [string, Uint8Array][] = [
      ['empty', new Uint8Array(0)],
      ['pdf', new TextEncoder().encode('%PDF-1.7\n')],
      ['png cut in its IHDR', pngHeader(10, 10).subarray(0, 20)],
      ['png with zero width', pngHeader(0, 10)],
      ['jpeg without a frame header', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xd9])],
      ['jpeg whose frame is beyond the bytes given', jpegHeader(100, 100, 3000).subarray(0, 1000)],
      ['jpeg scan before a frame', Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0, 0, 0])],
      [
        'webp with a broken VP8 start code',
        new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ' + '\0'.repeat(20)),
      ],
    ];
    for (const [what, input] of cases) expect(readImageSize(input), what).toBeNull();
  });
});

describe('pixelVerdict', () => {
  it('accepts up to IMAGE_MAX_PIXELS and refuses more or an unreadable header', async () => {
    expect(IMAGE_MAX_PIXELS).toBe(40_000_000);
    expect(IMAGE_HEADER_BYTES).toBeGreaterThanOrEqual(64 * 1024);
    expect(pixelVerdict(pngHeader(8000, 5000))).toEqual({ ok: true, size: { width: 8000, height: 5000 } });
    expect(pixelVerdict(pngHeader(8000, 5001))).toEqual({ ok: false, reason: 'too-many-pixels' });
    expect(pixelVerdict(pngHeader(20_000, 20_000))).toEqual({ ok: false, reason: 'too-many-pixels' });
    expect(pixelVerdict(new Uint8Array(10))).toEqual({ ok: false, reason: 'unreadable' });
    expect(pixelVerdict(await bytes(image(4000, 3000).jpeg().toBuffer())).ok).toBe(true);
  });
});
