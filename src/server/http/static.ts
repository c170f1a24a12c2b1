/**
 * Serves the built PWA (STATIC_DIR, `vite build` output).
 * - `/assets/*` carry a content hash in their names: cached for a year, immutable.
 * - Everything else (index.html, sw.js, workbox-*.js, registerSW.js, manifest.webmanifest, icons) is
 *   `no-cache`: browsers keep it but revalidate, so a new service worker or manifest is seen at once while an
 *   unchanged file costs only a 304.
 * - Weak ETag (size and mtime) plus Last-Modified for that revalidation; gzip comes from the compress middleware.
 * - SPA fallback: a navigation (no file extension, or Accept: text/html) that matches no file gets index.html,
 *   so deep links work; a missing asset is a plain 404 rather than HTML under a script's name.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

interface FoundFile {
  path: string;
  size: number;
  mtime: Date;
}

async function findFile(root: string, urlPath: string): Promise<FoundFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  // No NUL bytes, no dotfiles or dot-folders, nothing outside the root.
  if (decoded.includes('\0') || /(^|\/)\./.test(decoded)) return undefined;
  const path = resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtime: s.mtime } : undefined;
  } catch {
    return undefined;
  }
}

const etagOf = (f: FoundFile) => `W/"${f.size.toString(16)}-${Math.floor(f.mtime.getTime()).toString(16)}"`;

function notModified(c: Context, etag: string, mtime: Date): boolean {
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*');
  }
  const since = c.req.header('If-Modified-Since');
  if (since === undefined) return false;
  const sinceMs = Date.parse(since);
  return Number.isFinite(sinceMs) && Math.floor(mtime.getTime() / 1000) * 1000 <= sinceMs;
}

async function send(c: Context, file: FoundFile, cacheControl: string): Promise<Response> {
  const etag = etagOf(file);
  c.header('Cache-Control', cacheControl);
  c.header('ETag', etag);
  c.header('Last-Modified', file.mtime.toUTCString());
  if (notModified(c, etag, file.mtime)) return c.body(null, 304);
  c.header('Content-Type', contentTypeFor(file.path));
  if (c.req.method === 'HEAD') {
    c.header('Content-Length', String(file.size));
    return c.body(null, 200);
  }
  return c.body(new Uint8Array(await readFile(file.path)), 200);
}

export function serveApp(staticDir: string): MiddlewareHandler<AppEnv> {
  const root = resolve(staticDir);
  return async (c, next) => {
    const method = c.req.method;
    if ((method !== 'GET' && method !== 'HEAD') || c.req.path === '/api' || c.req.path.startsWith('/api/')) {
      await next();
      return undefined;
    }
    const path = c.req.path;
    const file = await findFile(root, path);
    if (file) return send(c, file, path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);

    const isNavigation = extname(path) === '' || (c.req.header('Accept') ?? '').includes('text/html');
    if (!isNavigation) {
      await next();
      return undefined;
    }
    const index = await findFile(root, '/index.html');
    if (!index) {
      return c.text(
        'Aplikasi belum dibangun: jalankan `npm run build` / the app is not built yet: run `npm run build`',
        404,
      );
    }
    return send(c, index, REVALIDATE);
  };
}
