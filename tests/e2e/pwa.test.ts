/**
 * The installable, offline-proof PWA (issue 3), end to end: the built app served by the real server, driven in
 * Debian's Chromium. Offline is `context.setOffline(true)`: the page and its service worker get no network.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newContext, startE2e, waitForServiceWorker, type E2e, type TestServer } from './fixture';
import { AppShell, DraftPage, DraftsPage } from './pages';

let e2e: E2e;
let browser: Browser;
let server: TestServer;
/** Each test's own profile (a fresh phone), closed after it. */
let context: BrowserContext;

beforeAll(async () => {
  e2e = await startE2e();
  ({ browser, server } = e2e);
});
afterAll(async () => {
  await e2e?.close();
});
afterEach(async () => {
  await context?.close();
});

describe('offline', () => {
  it('opens with no network once the worker is active, and keeps what was typed across reloads and pages', async () => {
    context = await newContext(browser);
    const shell = new AppShell(await context.newPage(), server.url);
    await shell.goto('/');
    await waitForServiceWorker(shell.page); // first visit: the worker claims this page, no reload needed
    await expect.poll(() => shell.syncChip.textContent()).toContain('Daring');

    await context.setOffline(true);
    // The network is really gone for this page: an API call fails (the worker never serves /api).
    expect(
      await shell.page.evaluate(() =>
        fetch('/api/x').then(
          () => 'answered',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    await shell.page.reload();
    await expect.poll(() => shell.heading.textContent()).toBe('Untuk Anda');
    await expect.poll(() => shell.syncChip.textContent()).toContain('Luring');

    // A lazy screen never opened online still opens: every chunk is precached.
    const drafts = new DraftsPage(shell.page, server.url);
    await shell.navTo('Proposal');
    const id = await drafts.create('Antrean daring puskesmas');
    const draft = new DraftPage(shell.page, server.url);
    await draft.firstSection.fill('Warga menunggu berjam-jam di loket.');
    await draft.saved();

    await shell.page.reload();
    await draft.firstSection.waitFor();
    expect(await draft.heading.textContent()).toBe('Antrean daring puskesmas');
    expect(await draft.firstSection.inputValue()).toBe('Warga menunggu berjam-jam di loket.');

    // A new page in the same profile, opened offline on the draft's deep link, shows the same record.
    const other = new DraftPage(await context.newPage(), server.url);
    await other.open(id);
    expect(await other.heading.textContent()).toBe('Antrean daring puskesmas');
    expect(await other.firstSection.inputValue()).toBe('Warga menunggu berjam-jam di loket.');

    // Signing in needs the server, so its screen is not precached: offline it says so, in words.
    await other.page.goto(`${server.url}/masuk`);
    await other.page
      .getByText('Bagian aplikasi ini belum tersimpan di perangkat dan tidak ada sambungan', { exact: false })
      .waitFor({ timeout: 15_000 });
  });

  it('installs again by itself when a precache request was lost on the first visit, without a reload', async () => {
    context = await newContext(browser);
    // The first install loses one precached file (a dropped connection): the browser drops that install.
    let lost = 0;
    await context.route('**/assets/**', async (route) => {
      const fromWorker = route.request().serviceWorker() !== null;
      if (fromWorker && lost++ === 0) await route.abort('connectionreset');
      else await route.continue();
    });
    const shell = new AppShell(await context.newPage(), server.url);
    await shell.goto('/');
    await expect.poll(() => lost, { timeout: 15_000 }).toBeGreaterThan(0);
    // The app tries again 5 s later, and the worker then claims this page with no reload.
    await waitForServiceWorker(shell.page);
    expect(lost).toBeGreaterThan(1);
    await context.setOffline(true);
    await shell.page.reload();
    await expect.poll(() => shell.heading.textContent()).toBe('Untuk Anda');
  });

  it('opens a deep link offline in a fresh page straight on the right record', async () => {
    context = await newContext(browser);
    const drafts = new DraftsPage(await context.newPage(), server.url);
    await drafts.goto('/');
    await waitForServiceWorker(drafts.page);
    await drafts.open();
    await drafts.create('Rancangan pertama');
    await drafts.open();
    const secondId = await drafts.create('Rancangan kedua');
    await drafts.page.close();

    await context.setOffline(true);
    const page = new DraftPage(await context.newPage(), server.url);
    await page.open(secondId, '#data');
    expect(await page.title.inputValue()).toBe('Rancangan kedua');
    expect(new URL(page.page.url()).pathname).toBe(`/rancangan/${secondId}`);
    expect(new URL(page.page.url()).hash).toBe('#data');
  });
});

describe('a screen left out of the precache', () => {
  it('is cached the first time it opens online, and then opens offline', async () => {
    context = await newContext(browser);
    const shell = new AppShell(await context.newPage(), server.url);
    await shell.goto('/');
    await waitForServiceWorker(shell.page);
    // Units is a coordinator's screen: not precached (vite.config.ts), cached on first use.
    const precache = await shell.page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names.filter((n) => n.includes('precache')))
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    expect(precache.some((u) => u.includes('/assets/UnitsScreen-'))).toBe(false);
    expect(precache.some((u) => u.includes('/assets/DraftScreen-'))).toBe(true);
    await shell.navTo('Unit');
    await shell.page.getByRole('heading', { level: 1, name: 'Unit dan orang' }).waitFor();

    await context.setOffline(true);
    await shell.goto('/');
    await shell.navTo('Unit');
    await shell.page.getByRole('heading', { level: 1, name: 'Unit dan orang' }).waitFor();
  });
});

describe('English, left out of the precache', () => {
  it('cannot be chosen offline before it was ever fetched, and says so in both languages', async () => {
    context = await newContext(browser);
    const shell = new AppShell(await context.newPage(), server.url);
    await shell.goto('/');
    await waitForServiceWorker(shell.page);
    await context.setOffline(true);
    await shell.goto('/pengaturan');
    // click, not check: the radio goes back to Indonesian as soon as the fetch fails, which check() calls an error.
    await shell.page.getByRole('radio', { name: 'English' }).click();
    const alert = shell.page.getByRole('alert').filter({ hasText: 'English is downloaded once' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Bahasa Inggris perlu diunduh sekali');
    expect(await shell.page.getByRole('radio', { name: 'Bahasa Indonesia' }).isChecked()).toBe(true);
    expect(await shell.page.locator('html').getAttribute('lang')).toBe('id');
  });

  it('once chosen online, opens in English offline after a restart', async () => {
    context = await newContext(browser);
    const shell = new AppShell(await context.newPage(), server.url);
    await shell.goto('/');
    await waitForServiceWorker(shell.page);
    await shell.goto('/pengaturan');
    await shell.page.getByRole('radio', { name: 'English' }).check();
    await shell.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();

    await context.setOffline(true);
    const page = await context.newPage();
    await shell.page.close();
    await page.goto(`${server.url}/pengaturan`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});

describe('a lazy screen that is not cached', () => {
  it('says clearly that it needs the network once, instead of failing silently', async () => {
    // No service worker at all (as before the first install finishes): nothing is precached.
    context = await browser.newContext({ serviceWorkers: 'block', locale: 'id-ID' });
    const shell = new AppShell(await context.newPage(), server.url);
    await shell.goto('/');
    await context.setOffline(true);
    await shell.navTo('Proposal');
    const alert = shell.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('belum tersimpan di perangkat dan tidak ada sambungan');
  });
});

describe('storage durability', () => {
  it('warns when the browser cleared the local databases', async () => {
    context = await newContext(browser);
    const drafts = new DraftsPage(await context.newPage(), server.url);
    await drafts.open();
    await drafts.create('Akan hilang');
    await expect
      .poll(() => drafts.page.evaluate(() => localStorage.getItem('rintis:local-data')))
      .not.toBeNull();
    // What eviction does to IndexedDB (localStorage survives in this simulation, as it can on a real device).
    await drafts.page.evaluate(async () => {
      const dbs = await indexedDB.databases();
      await Promise.all(
        dbs.map(
          (db) =>
            new Promise<void>((resolve) => {
              const req = indexedDB.deleteDatabase(db.name ?? '');
              req.onsuccess = req.onerror = req.onblocked = () => resolve();
            }),
        ),
      );
    });
    await drafts.page.reload();
    await drafts.evictionBanner.waitFor();
    expect(await drafts.evictionBanner.textContent()).toContain(
      'Data lokal di perangkat ini hilang/dihapus oleh peramban',
    );
    await drafts.page.getByRole('button', { name: 'Mengerti' }).click();
    await drafts.page.reload();
    await drafts.heading.waitFor();
    expect(await drafts.evictionBanner.count()).toBe(0);
  });
});
