/**
 * A record's photos for a report: its image attachments, in the order they were attached. The full image when its
 * bytes are on this phone; otherwise the small picture kept in the record (synced with it), so a report made on
 * another phone still shows what was photographed.
 */
import { isImageMime, THUMBNAIL_SIDE } from '../../shared/attachments';
import type { AttachmentStore } from '../db/types';
import type { OutputPhoto } from './model';

function fromDataUrl(url: string): { mime: string; data: Uint8Array } | null {
  const m = /^data:(image\/(?:jpeg|png|webp));base64,(.+)$/.exec(url);
  if (!m) return null;
  const raw = atob(m[2]!);
  const data = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
  return { mime: m[1]!, data };
}

export async function photosOf(store: AttachmentStore, parentId: string): Promise<OutputPhoto[]> {
  const records = (await store.list('attachment', { parentId }))
    .filter((r) => isImageMime(r.mime))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const photos: OutputPhoto[] = [];
  for (const r of records) {
    const row = await store.blobs.get(r.sha256);
    if (row && r.width && r.height) {
      photos.push({
        name: r.name,
        mime: r.mime,
        data: new Uint8Array(row.data),
        width: r.width,
        height: r.height,
      });
      continue;
    }
    const thumb = r.thumbnail ? fromDataUrl(r.thumbnail) : null;
    if (!thumb) continue;
    const w = r.width ?? THUMBNAIL_SIDE;
    const h = r.height ?? THUMBNAIL_SIDE;
    const scale = THUMBNAIL_SIDE / Math.max(w, h);
    photos.push({
      name: r.name,
      ...thumb,
      width: Math.round(w * scale),
      height: Math.round(h * scale),
    });
  }
  return photos;
}
