/**
 * End-to-end harness: builds the app (once per version per process), serves it with the real server on a free
 * port with a throwaway data folder, and drives Debian's Chromium through playwright-core.
 *
 * The served folder is a symlink (`<tmp>/site`) so a test can "deploy" another build on the same origin by
 * re-pointing it (`server.deploy(dir)`), as a real deploy replaces the files behind a running server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const BUILD_ROOT = join(ROOT, 'node_modules', '.cache', 'rintis-e2e');
const builds = new Map<string, string>();

/**
 * A production build of the app with `VITE_APP_VERSION=version`, into its own folder, built once per process.
 * `base` deploys on top of an earlier build's folder, as a server would (its hashed assets stay for old tabs).
 */
export function buildApp(version: string, opts: { base?: string } = {}): string {
  const key = `${version}@${opts.base ?? ''}`;
  const cached = builds.get(key);
  if (cached) return cached;
  mkdirSync(BUILD_ROOT, { recursive: true });
  // Builds of earlier runs (over an hour old) are dropped so the cache folder does not grow run after run.
  for (const name of readdirSync(BUILD_ROOT)) {
    const dir = join(BUILD_ROOT, name);
    if (Date.now() - statSync(dir).mtimeMs > 3_600_000) rmSync(dir, { recursive: true, force: true });
  }
  const outDir = mkdtempSync(join(BUILD_ROOT, `${version}-`));
  if (opts.base) cpSync(opts.base, outDir, { recursive: true });
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir],
    {
      cwd: ROOT,
      // NODE_ENV is 'test' under Vitest: a build must be a production build (no dev mode, minified worker).
      env: {
        ...process.env,
        NODE_ENV: 'production',
        VITE_APP_VERSION: version,
        VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
      },
      encoding: 'utf8',
    },
  );
  if (res.status !== 0) throw new Error(`vite build failed for ${version}:\n${res.stdout}\n${res.stderr}`);
  builds.set(key, outDir);
  return outDir;
}

/** The build `npm run test:e2e` made in ./dist, or a fresh one when it is missing. */
export function currentBuild(): string {
  const dist = join(ROOT, 'dist');
  return existsSync(join(dist, 'sw.js')) ? dist : buildApp('e2e');
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface TestServer {
  url: string;
  /** Serves another build from the same origin (atomic symlink swap). */
  deploy(staticDir: string): void;
  close(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server did not answer at ${url}:\n${log()}`);
}

/** Starts `src/server/main.ts` (tsx) on a free port with a temp DATA_DIR and STATIC_DIR pointing at `staticDir`. */
export async function startServer(staticDir: string): Promise<TestServer> {
  const work = mkdtempSync(join(tmpdir(), 'rintis-e2e-'));
  const site = join(work, 'site');
  const deploy = (dir: string) => {
    const next = join(work, `site-next-${Date.now()}`);
    symlinkSync(resolve(dir), next);
    renameSync(next, site); // rename over the old link: the swap is atomic for requests in flight
  };
  deploy(staticDir);
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(work, 'data'),
      STATIC_DIR: site,
      LOG_LEVEL: 'warn',
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/`, child, () => output);
  return {
    url,
    deploy,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Waits until a service worker controls the page (first install claims it: clientsClaim). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'id-ID',
    serviceWorkers: 'allow',
  });
}

/** A real (non-incognito) profile in a temp folder: what Chrome's installability check and persist() need. */
export async function launchProfile(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rintis-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 360, height: 740 },
    locale: 'id-ID',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A photo-like JPEG (gradients and noise; 4000 x 3000 by default), made by the browser's own encoder. */
export async function cameraPhoto(page: Page, size = { w: 4000, h: 3000 }): Promise<Buffer> {
  const b64 = await page.evaluate(async ({ w, h }) => {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d')!;
    const g = ctx.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, '#6a8caf');
    g.addColorStop(0.5, '#d9c9a3');
    g.addColorStop(1, '#3f5e3a');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    const img = ctx.getImageData(0, 0, w, h);
    let s = 7;
    for (let i = 0; i < img.data.length; i += 4) {
      s = (s * 1_103_515_245 + 12_345) >>> 0;
      const n = ((s >>> 16) & 63) - 32;
      img.data[i] = Math.max(0, Math.min(255, (img.data[i] ?? 0) + n));
      img.data[i + 1] = Math.max(0, Math.min(255, (img.data[i + 1] ?? 0) + n));
      img.data[i + 2] = Math.max(0, Math.min(255, (img.data[i + 2] ?? 0) + n));
    }
    ctx.putImageData(img, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }, size);
  return Buffer.from(b64, 'base64');
}
