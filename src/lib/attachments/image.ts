/**
 * Photo processing on the phone, before anything is stored: the longest side down to 1600 px, re-encoded as WebP
 * (JPEG where the browser cannot encode WebP) at about 80%, stepping the quality down while the result is still
 * over the target; and a ~160 px JPEG thumbnail as a data URL for lists.
 *
 * Done by hand with createImageBitmap + OffscreenCanvas (a canvas element where OffscreenCanvas is missing):
 * `browser-image-compression` would add ~20 KB for the same few calls. This module is loaded lazily, only when a
 * photo is picked, so it never counts against the first screen.
 */
import {
  PHOTO_MAX_SIDE,
  PHOTO_QUALITY,
  THUMBNAIL_MAX_CHARS,
  THUMBNAIL_SIDE,
  fitWithin,
} from '../../shared/attachments';
import { PHOTO_TOO_MANY_PIXELS, PHOTO_UNREADABLE, photoPixels } from './pixels';

/** Above this, the photo is encoded again at a lower quality (the budget is 400 KB for a camera photo). */
export const PHOTO_TARGET_BYTES = 380 * 1024;
const QUALITY_STEPS = [PHOTO_QUALITY, 0.72, 0.64, 0.56];

export interface CompressedPhoto {
  blob: Blob;
  mime: string;
  width: number;
  height: number;
  /** `data:image/jpeg;base64,...`, at most THUMBNAIL_MAX_CHARS characters. */
  thumbnail: string;
  /** True when the picked file was kept as it was (already small, and re-encoding would not make it smaller). */
  kept: boolean;
}

type Canvas2D = OffscreenCanvas | HTMLCanvasElement;

function canvasOf(width: number, height: number): Canvas2D {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function draw(source: ImageBitmap, width: number, height: number): Canvas2D {
  const canvas = canvasOf(width, height);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (!ctx) throw new Error('Kanvas tidak tersedia / canvas not available');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  // White under transparent PNG areas: JPEG has no alpha and would turn them black.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(source, 0, 0, width, height);
  return canvas;
}

async function encode(canvas: Canvas2D, type: string, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('Gagal menyandikan foto / could not encode the photo'))),
      type,
      quality,
    ),
  );
}

async function dataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type};base64,${btoa(binary)}`;
}

/** A small JPEG data URL of the image, quality lowered until it fits in the record. */
export async function thumbnailOf(bitmap: ImageBitmap): Promise<string> {
  const size = fitWithin(bitmap.width, bitmap.height, THUMBNAIL_SIDE);
  const canvas = draw(bitmap, size.width, size.height);
  for (const quality of [0.7, 0.55, 0.4, 0.25]) {
    const url = await dataUrl(await encode(canvas, 'image/jpeg', quality));
    if (url.length <= THUMBNAIL_MAX_CHARS && url.startsWith('data:image/jpeg;base64,')) return url;
  }
  return '';
}

async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new Error(PHOTO_UNREADABLE);
  }
}

/** Resizes and re-encodes a photo; see the file comment. Never decodes one over IMAGE_MAX_PIXELS (pixels.ts). */
export async function compressPhoto(file: Blob): Promise<CompressedPhoto> {
  const pixels = await photoPixels(file);
  if (!pixels.ok)
    throw new Error(pixels.reason === 'too-many-pixels' ? PHOTO_TOO_MANY_PIXELS : PHOTO_UNREADABLE);
  const bitmap = await decode(file);
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, PHOTO_MAX_SIDE);
    const canvas = draw(bitmap, width, height);
    let best: Blob | null = null;
    for (const quality of QUALITY_STEPS) {
      let blob = await encode(canvas, 'image/webp', quality);
      // Browsers that cannot encode WebP answer with PNG: use JPEG there.
      if (blob.type !== 'image/webp') blob = await encode(canvas, 'image/jpeg', quality);
      best = blob;
      if (blob.size <= PHOTO_TARGET_BYTES) break;
    }
    const thumbnail = await thumbnailOf(bitmap);
    const unchanged = width === bitmap.width && height === bitmap.height;
    const keep =
      unchanged &&
      best !== null &&
      file.size <= best.size &&
      (file.type === 'image/jpeg' || file.type === 'image/webp');
    if (keep || best === null)
      return {
        blob: file,
        mime: file.type,
        width: bitmap.width,
        height: bitmap.height,
        thumbnail,
        kept: true,
      };
    return { blob: best, mime: best.type, width, height, thumbnail, kept: false };
  } finally {
    bitmap.close();
  }
}
