/** A tiny stand-in for the `vite build` output, with the file names the real build produces. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FAKE_ASSET = '/assets/index-Bx7a9kQ2.js';
export const FAKE_INDEX =
  '<!doctype html><html lang="id"><head><title>Rintis</title></head><body>Rintis</body></html>';

/** Creates `<tmp>/dist` (and a secret file beside it that must never be served); returns the dist path. */
export async function makeFakeDist(): Promise<{ root: string; dist: string }> {
  const root = await mkdtemp(join(tmpdir(), 'rintis-dist-'));
  const dist = join(root, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  const js = `export const pesan = ${JSON.stringify('Selamat datang di Rintis. '.repeat(200))};\n`;
  await writeFile(join(dist, 'index.html'), FAKE_INDEX);
  await writeFile(join(dist, FAKE_ASSET), js);
  await writeFile(join(dist, 'assets/index-C3d4e5f6.css'), 'body{margin:0}\n'.repeat(100));
  await writeFile(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});\n');
  await writeFile(join(dist, 'workbox-4b126c97.js'), 'export {};\n');
  await writeFile(join(dist, 'registerSW.js'), 'navigator.serviceWorker.register("/sw.js");\n');
  await writeFile(
    join(dist, 'manifest.webmanifest'),
    JSON.stringify({
      name: 'Rintis',
      short_name: 'Rintis',
      lang: 'id',
      start_url: '/',
      display: 'standalone',
    }),
  );
  await writeFile(
    join(dist, 'pwa-192x192.png'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  await writeFile(join(dist, '.env'), 'SECRET=dotfile\n');
  await writeFile(join(root, 'secret.txt'), 'outside the static root\n');
  return { root, dist };
}
