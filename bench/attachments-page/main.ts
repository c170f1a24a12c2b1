/**
 * Attachments benchmark page (built and driven by bench/attachments.ts in headless Chromium):
 * - a camera-like 12 MP JPEG of about 3 MB made here (gradients, shapes and sensor-like noise, encoded by the
 *   browser), then compressed by the app's own `compressPhoto`;
 * - a 5 MB file attached through the app's own code, its record pushed by the real sync engine, and its bytes
 *   uploaded by the real upload queue (tus-js-client, 256 KiB chunks) until the server's final 204.
 */
import { openLocalStore, type LocalStore } from '../../src/lib/db';
import { SyncEngine } from '../../src/lib/sync/engine';
import { httpTransport } from '../../src/lib/sync/transport';
import { compressPhoto } from '../../src/lib/attachments/image';
import { attachFile } from '../../src/lib/attachments/local';
import { UploadQueue } from '../../src/lib/attachments/queue';
import { newSessionBody } from '../../src/shared/domain/factories';

let photo: File | null = null;
let store: LocalStore | null = null;
let token = '';
let sha = '';

/** One photo-like frame: sky-to-ground gradients, a few soft shapes, and per-pixel noise of a phone sensor. */
async function makePhoto(quality: number): Promise<File> {
  const w = 4000;
  const h = 3000;
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d')!;
  const sky = ctx.createLinearGradient(0, 0, 0, h);
  sky.addColorStop(0, '#8fb3d9');
  sky.addColorStop(0.45, '#e8dcc0');
  sky.addColorStop(0.5, '#7a8f5a');
  sky.addColorStop(1, '#4b3b2a');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, w, h);
  let s = 12_345;
  const rand = () => ((s = (s * 1_103_515_245 + 12_345) >>> 0) >>> 8) / 2 ** 24;
  for (let i = 0; i < 60; i++) {
    const g = ctx.createRadialGradient(rand() * w, rand() * h, 0, rand() * w, rand() * h, 100 + rand() * 600);
    g.addColorStop(0, `hsla(${Math.floor(rand() * 360)}, 40%, ${30 + Math.floor(rand() * 50)}%, 0.8)`);
    g.addColorStop(1, 'hsla(0, 0%, 50%, 0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
  }
  // Detail that survives the downscale, as in a real scene: foliage-like strokes over the lower half, and an
  // attendance sheet (ruled lines and handwriting-sized text) held up in the middle of the frame.
  for (let i = 0; i < 40_000; i++) {
    ctx.strokeStyle = `hsla(${80 + Math.floor(rand() * 60)}, ${30 + Math.floor(rand() * 40)}%, ${15 + Math.floor(rand() * 45)}%, 0.7)`;
    ctx.lineWidth = 1 + rand() * 6;
    const x = rand() * w;
    const y = h * 0.5 + rand() * h * 0.5;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + (rand() - 0.5) * 60, y - rand() * 50);
    ctx.stroke();
  }
  ctx.save();
  ctx.translate(1100, 700);
  ctx.rotate(-0.04);
  ctx.fillStyle = '#f4f1e8';
  ctx.fillRect(0, 0, 1800, 1500);
  ctx.strokeStyle = '#8a8f99';
  ctx.lineWidth = 3;
  ctx.fillStyle = '#1f2a44';
  ctx.font = '38px serif';
  const names = [
    'Andi',
    'Saenab',
    'Budi',
    'Rahmat',
    'Nurhayati',
    'Sitti',
    'Yusuf',
    'Hasna',
    'Irwan',
    'Marlina',
  ];
  for (let row = 0; row < 26; row++) {
    const y = 90 + row * 54;
    ctx.beginPath();
    ctx.moveTo(40, y + 12);
    ctx.lineTo(1760, y + 12);
    ctx.stroke();
    ctx.fillText(`${row + 1}. ${names[row % names.length]} ${names[(row * 7) % names.length]}`, 60, y);
    ctx.fillText(`Puskesmas ${names[(row * 3) % names.length]}`, 760, y);
    ctx.fillText('✓ ' + 'ttd'.repeat(1 + (row % 3)), 1400, y);
  }
  ctx.restore();
  const img = ctx.getImageData(0, 0, w, h);
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) {
    const n = (rand() - 0.5) * 26;
    d[i] = (d[i] ?? 0) + n;
    d[i + 1] = (d[i + 1] ?? 0) + n * 0.9;
    d[i + 2] = (d[i + 2] ?? 0) + n * 1.1;
  }
  ctx.putImageData(img, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new File([blob], 'IMG_20240502_091500.jpg', { type: 'image/jpeg', lastModified: Date.now() });
}

const api = {
  /** Encodes the frame at the quality whose size is closest to `target` bytes (a few tries). */
  async makePhoto(target: number): Promise<{ bytes: number; quality: number }> {
    let lo = 0.5;
    let hi = 0.98;
    let best: File | null = null;
    let bestQ = 0;
    for (let i = 0; i < 6; i++) {
      const q = (lo + hi) / 2;
      const f = await makePhoto(q);
      if (!best || Math.abs(f.size - target) < Math.abs(best.size - target)) {
        best = f;
        bestQ = q;
      }
      if (f.size > target) hi = q;
      else lo = q;
    }
    photo = best;
    return { bytes: best!.size, quality: bestQ };
  },
  async compress(): Promise<{
    original: number;
    stored: number;
    width: number;
    height: number;
    mime: string;
    ms: number;
    thumbnail: number;
  }> {
    if (!photo) throw new Error('makePhoto first');
    const started = performance.now();
    const out = await compressPhoto(photo);
    return {
      original: photo.size,
      stored: out.blob.size,
      width: out.width,
      height: out.height,
      mime: out.mime,
      ms: performance.now() - started,
      thumbnail: out.thumbnail.length,
    };
  },
  async open(userId: string, tenantId: string, accessToken: string): Promise<void> {
    store = await openLocalStore({ userId, tenantId });
    token = accessToken;
  },
  /** Attaches a `size`-byte PDF to a new session and pushes both records (full speed: before the slow link). */
  async attachAndSync(size: number): Promise<{ sha256: string; pushed: number }> {
    if (!store) throw new Error('open first');
    const bytes = new Uint8Array(size);
    bytes.set(new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n'));
    for (let i = 64; i < size; i += 65_536)
      crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65_536)));
    const session = await store.create('session', newSessionBody(new Date()));
    const att = await attachFile(
      store,
      new File([bytes], 'laporan-kegiatan.pdf', { type: 'application/pdf' }),
      {
        kind: 'session',
        id: session.id,
        unitId: null,
      },
    );
    sha = att.sha256;
    const engine = new SyncEngine({ store, transport: httpTransport(''), getToken: () => token });
    const run = await engine.sync();
    engine.stop();
    return { sha256: sha, pushed: run.pushed };
  },
  /** Runs the upload queue until the server confirmed the file; retries at once like the `online` event does. */
  async upload(
    timeoutMs: number,
  ): Promise<{ ms: number; state: string; error: string | null; attempts: number }> {
    if (!store) throw new Error('open first');
    const queue = new UploadQueue({ store, getToken: () => token, triggers: false });
    const started = performance.now();
    for (;;) {
      await queue.runOnce();
      const row = await store.blobs.upload(sha);
      if (
        !row ||
        row.state === 'uploaded' ||
        row.state === 'failed' ||
        performance.now() - started > timeoutMs
      )
        return {
          ms: performance.now() - started,
          state: row?.state ?? 'missing',
          error: row?.error ?? null,
          attempts: row?.attempts ?? 0,
        };
      await queue.retryNow();
      await new Promise((r) => setTimeout(r, 500));
    }
  },
};

(window as unknown as { rintisAttachmentsBench: typeof api }).rintisAttachmentsBench = api;
document.title = 'ready';
