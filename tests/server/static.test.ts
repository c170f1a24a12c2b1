/** Serving the built PWA: cache headers per file kind, revalidation, content types, SPA fallback, gzip. */
import { rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { TEST_PASSWORD_HASH_COST } from './support/passwords';
import { openDatabase } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';
import { FAKE_ASSET, FAKE_INDEX, makeFakeDist } from './support/fakeDist';

describe('static serving of the built app', () => {
  let db: Database;
  let root: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const fake = await makeFakeDist();
    root = fake.root;
    db = await openDatabase({ dataDir: 'memory://' });
    app = createApp({
      db,
      config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent', staticDir: fake.dist },
    });
  });

  afterAll(async () => {
    await db.close();
    await rm(root, { recursive: true, force: true });
  });

  it('caches hashed assets for a year, immutable, with the right type', async () => {
    const res = await app.request(FAKE_ASSET);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('ETag')).toMatch(/^W\/"/);
    expect(res.headers.get('Last-Modified')).toBeTruthy();
    expect(await res.text()).toContain('Selamat datang');
    const css = await app.request('/assets/index-C3d4e5f6.css');
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/sw.js', 'text/javascript; charset=utf-8'],
    ['/workbox-4b126c97.js', 'text/javascript; charset=utf-8'],
    ['/registerSW.js', 'text/javascript; charset=utf-8'],
    ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['/pwa-192x192.png', 'image/png'],
  ])('%s is revalidated (no-cache) and served as %s', async (path, type) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(res.headers.get('Content-Type')).toBe(type);
  });

  it('answers 304 to a matching If-None-Match or a recent If-Modified-Since', async () => {
    const first = await app.request('/sw.js');
    const etag = first.headers.get('ETag')!;
    const lastModified = first.headers.get('Last-Modified')!;
    const byEtag = await app.request('/sw.js', { headers: { 'If-None-Match': etag } });
    expect(byEtag.status).toBe(304);
    expect(byEtag.headers.get('Cache-Control')).toBe('no-cache');
    const byDate = await app.request('/sw.js', { headers: { 'If-Modified-Since': lastModified } });
    expect(byDate.status).toBe(304);
    const stale = await app.request('/sw.js', { headers: { 'If-None-Match': 'W/"0-0"' } });
    expect(stale.status).toBe(200);
  });

  it('gzips text assets for clients that accept it', async () => {
    const res = await app.request(FAKE_ASSET, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    const body = gunzipSync(new Uint8Array(await res.arrayBuffer())).toString('utf8');
    expect(body).toContain('Selamat datang');
  });

  it('falls back to index.html (no-cache) for navigations and deep links', async () => {
    for (const path of ['/', '/draf/01a20d84-5544-7c61-86c7-dbfcba2ef266', '/sesi/baru?tab=catatan']) {
      const res = await app.request(path, { headers: { Accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-cache');
      expect(await res.text()).toBe(FAKE_INDEX);
    }
    const html = await app.request('/laporan.html', {
      headers: { Accept: 'text/html,application/xhtml+xml' },
    });
    expect(await html.text()).toBe(FAKE_INDEX);
  });

  it('does not answer a missing asset with HTML, and keeps /api JSON', async () => {
    const missing = await app.request('/assets/index-old.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Type') ?? '').not.toContain('text/html');
    const api = await app.request('/api/tidak-ada', { headers: { Accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not-found' } });
  });

  it('serves nothing outside the folder and no dotfiles', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/.env',
    ]) {
      const res = await app.request(path);
      expect(await res.text(), path).not.toMatch(/outside the static root|SECRET=/);
    }
  });

  it('answers HEAD with headers only, and puts the security headers on static files', async () => {
    const res = await app.request('/index.html', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Length')).toBe(String(Buffer.byteLength(FAKE_INDEX)));
    expect(await res.text()).toBe('');
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('says how to build the app when the folder has no index.html', async () => {
    const bare = createApp({
      db,
      config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent', staticDir: `${root}/nowhere` },
    });
    const res = await bare.request('/', { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('npm run build');
  });
});
