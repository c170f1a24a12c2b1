/**
 * The pixel check before a photo is decoded: its header (the first bytes only, never the image) must declare at
 * most IMAGE_MAX_PIXELS, the limit the server applies too. `createImageBitmap` would otherwise allocate the whole
 * bitmap: a 20000 x 20000 PNG of a few hundred KB is 1.6 GB decoded, more than a cheap phone has.
 */
import { IMAGE_HEADER_BYTES, IMAGE_MAX_PIXELS, pixelVerdict, type ImageSize } from '../../shared/imageSize';
import { readBytes } from './hash';

export const PHOTO_TOO_MANY_PIXELS = `Foto terlalu besar untuk diproses (lebih dari ${IMAGE_MAX_PIXELS / 1e6} megapiksel); kecilkan dulu / the photo is too large to process (over ${IMAGE_MAX_PIXELS / 1e6} megapixels); make it smaller first`;
export const PHOTO_UNREADABLE = 'Foto tidak dapat dibaca / the photo could not be read';

/** The photo's declared size, or why it must not be decoded. */
export async function photoPixels(
  file: Blob,
): Promise<{ ok: true; size: ImageSize } | { ok: false; reason: 'too-many-pixels' | 'unreadable' }> {
  let header: Uint8Array;
  try {
    header = new Uint8Array(await readBytes(file.slice(0, IMAGE_HEADER_BYTES)));
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  return pixelVerdict(header);
}
