/**
 * Installability: the manifest's fields, the icons' real pixel sizes and purposes, the iOS tags, Chrome's own
 * installability check, and the settings panels that install and storage durability add.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchProfile,
  newContext,
  startE2e,
  waitForServiceWorker,
  type E2e,
  type TestServer,
} from './fixture';
import { SettingsPage } from './pages';

interface Icon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

let e2e: E2e;
let server: TestServer;
let context: BrowserContext;

beforeAll(async () => {
  e2e = await startE2e();
  server = e2e.server;
  context = await newContext(e2e.browser);
});
afterAll(async () => {
  await e2e?.close();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('manifest and icons', () => {
  it('has the Indonesian name, scope, display and colours, and is served to be revalidated', async () => {
    const res = await context.request.get(`${server.url}/manifest.webmanifest`);
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toContain('no-cache');
    const m = (await res.json()) as Record<string, unknown>;
    expect(m).toMatchObject({
      name: 'Rintis — Pendampingan Inovasi Pelayanan Publik',
      short_name: 'Rintis',
      lang: 'id',
      id: '/',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#0b5d3b',
      background_color: '#f6faf7',
    });
    expect(String(m.description)).toMatch(/tanpa sinyal/);
    const sw = await context.request.get(`${server.url}/sw.js`);
    expect(sw.headers()['cache-control']).toContain('no-cache');
  });

  it('lists 192 and 512 icons and a maskable 512 whose files have exactly those pixel sizes', async () => {
    const m = (await (await context.request.get(`${server.url}/manifest.webmanifest`)).json()) as {
      icons: Icon[];
    };
    const find = (size: string, purpose?: string) =>
      m.icons.find((i) => i.sizes === size && (i.purpose ?? 'any') === (purpose ?? 'any'));
    for (const [size, purpose] of [['192x192'], ['512x512'], ['512x512', 'maskable']] as const) {
      const icon = find(size, purpose);
      expect(icon, `${size} ${purpose ?? 'any'}`).toBeDefined();
      expect(icon?.type).toBe('image/png');
      const res = await context.request.get(new URL(icon?.src ?? '', `${server.url}/`).href);
      expect(res.status()).toBe(200);
      expect(pngSize(await res.body()).join('x')).toBe(size);
    }
  });

  it('offers the shortcuts "Sesi baru" and "Untuk Anda", each with an icon that is served', async () => {
    const m = (await (await context.request.get(`${server.url}/manifest.webmanifest`)).json()) as {
      shortcuts: { name: string; url: string; icons: Icon[] }[];
    };
    expect(m.shortcuts.map((s) => [s.name, s.url])).toEqual([
      ['Sesi baru', '/sesi/baru'],
      ['Untuk Anda', '/'],
    ]);
    for (const shortcut of m.shortcuts) {
      const icon = shortcut.icons[0]!;
      const res = await context.request.get(new URL(icon.src, `${server.url}/`).href);
      expect(res.status()).toBe(200);
      expect(pngSize(await res.body()).join('x')).toBe(icon.sizes);
    }
  });

  it('shows a narrow and a wide screenshot in the install dialog, served at their sizes and not precached', async () => {
    const m = (await (await context.request.get(`${server.url}/manifest.webmanifest`)).json()) as {
      screenshots: { src: string; sizes: string; type: string; form_factor: string; label: string }[];
    };
    expect(m.screenshots.map((s) => [s.form_factor, s.sizes])).toEqual([
      ['narrow', '360x740'],
      ['wide', '1280x800'],
    ]);
    const sw = await (await context.request.get(`${server.url}/sw.js`)).text();
    for (const shot of m.screenshots) {
      expect(shot.label.length).toBeGreaterThan(0);
      const res = await context.request.get(new URL(shot.src, `${server.url}/`).href);
      expect(res.status()).toBe(200);
      expect(pngSize(await res.body()).join('x')).toBe(shot.sizes);
      expect(sw).not.toContain(shot.src);
    }
  });

  it('has the Apple touch icon and iOS tags; Chrome finds the app installable and the install button appears', async () => {
    // Chrome never offers installation in an incognito context: use a real profile.
    const profile = await launchProfile();
    const page = await profile.context.newPage();
    await page.goto(server.url);
    await waitForServiceWorker(page);
    const meta = (name: string) => page.locator(`meta[name="${name}"]`).getAttribute('content');
    expect(await meta('apple-mobile-web-app-capable')).toBe('yes');
    expect(await meta('apple-mobile-web-app-status-bar-style')).toBeTruthy();
    expect(await meta('apple-mobile-web-app-title')).toBe('Rintis');
    const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    const res = await context.request.get(new URL(apple ?? '', `${server.url}/`).href);
    expect(pngSize(await res.body())).toEqual([180, 180]);

    const cdp = await profile.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);

    // Chrome offers installation (beforeinstallprompt): Settings shows our "Pasang aplikasi" button for it.
    await page.goto(`${server.url}/pengaturan`);
    await page.getByRole('button', { name: 'Pasang aplikasi' }).waitFor();
    await profile.close();
  });

  it('settings show how to install, persistent storage, and space used and available', async () => {
    const settings = new SettingsPage(await context.newPage(), server.url);
    await settings.open();
    await settings.page.getByRole('heading', { name: 'Pasang aplikasi' }).waitFor();
    await expect.poll(() => settings.persistStatus.getAttribute('data-state')).not.toBe('unknown');
    expect(await settings.persistStatus.textContent()).toMatch(/Penyimpanan tetap/);
    await expect.poll(() => settings.storageUsage.textContent()).toMatch(/Terpakai .+ dari .+ yang tersedia/);
    await settings.page.close();
  });
});
