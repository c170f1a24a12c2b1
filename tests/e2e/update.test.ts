/**
 * Update drill: build A is live; build B is deployed on the same origin while a user types in A. The prompt
 * appears; accepting saves the text and reloads into B with the text intact; declining keeps A working, and
 * A's lazy screens still load.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildApp,
  launchBrowser,
  newContext,
  startServer,
  waitForServiceWorker,
  type TestServer,
} from './fixture';
import { AppShell, DraftPage, DraftsPage } from './pages';

let browser: Browser;
let buildA: string;
let buildB: string;
let server: TestServer | undefined;
let context: BrowserContext | undefined;

beforeAll(() => {
  buildA = buildApp('e2e-A');
  buildB = buildApp('e2e-B', { base: buildA }); // deployed over A's files, as a server deploy does
}, 180_000);
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  await server?.close();
  context = undefined;
  server = undefined;
});

/** Opens A, lets its worker take control, and starts a draft. */
async function openDraftOnA(): Promise<{ draft: DraftPage; id: string }> {
  server = await startServer({ staticDir: buildA });
  context = await newContext(browser);
  const drafts = new DraftsPage(await context.newPage(), server.url);
  await drafts.goto('/');
  await waitForServiceWorker(drafts.page);
  expect(await drafts.version()).toBe('e2e-A');
  await drafts.open();
  const id = await drafts.create('Layanan keliling');
  return { draft: new DraftPage(drafts.page, server.url), id };
}

/** Deploys B and lets the open app find it the way it does in the field: the network comes back. */
async function deployB(): Promise<void> {
  server?.deploy(buildB);
  await context?.setOffline(true);
  await context?.setOffline(false); // the app checks for a new version on `online`
}

describe('update', () => {
  it("builds B with different hashed files and keeps A's files next to them", () => {
    const entry = (dir: string) =>
      /assets\/index-[\w-]+\.js/.exec(readFileSync(join(dir, 'index.html'), 'utf8'))?.[0];
    const entryA = entry(buildA);
    expect(entryA).toBeDefined();
    expect(entry(buildB)).not.toBe(entryA);
    expect(readFileSync(join(buildB, entryA ?? ''), 'utf8').length).toBeGreaterThan(0);
    // The new worker precaches B's entry only.
    const sw = readFileSync(join(buildB, 'sw.js'), 'utf8');
    expect(sw).toContain(entry(buildB));
    expect(sw).not.toContain(entryA);
  });

  it('accepting saves what was just typed and reloads into B with the text intact', async () => {
    const { draft, id } = await openDraftOnA();
    await draft.firstSection.fill('Petugas datang ke desa setiap Selasa.');
    await deployB();
    await draft.updatePrompt.getByText('Versi baru tersedia').waitFor({ timeout: 30_000 });
    expect(await draft.updatePrompt.getAttribute('role')).toBe('status');

    // Typed right before accepting, with no time for the autosave debounce: the update must flush it.
    await draft.firstSection.press('End');
    await draft.firstSection.pressSequentially(' Juga Kamis.');
    await draft.updatePrompt.getByRole('button', { name: 'Perbarui' }).click();

    await draft.page.waitForFunction(
      () => document.documentElement.dataset.appVersion === 'e2e-B',
      undefined,
      {
        timeout: 30_000,
      },
    );
    await draft.firstSection.waitFor();
    expect(new URL(draft.page.url()).pathname).toBe(`/rancangan/${id}`);
    expect(await draft.firstSection.inputValue()).toBe('Petugas datang ke desa setiap Selasa. Juga Kamis.');
    expect(await draft.updatePrompt.textContent()).toBe('');
  });

  it("declining keeps A running, and A's lazy screens still load after B is deployed", async () => {
    const { draft } = await openDraftOnA();
    await draft.showTab('Data');
    await draft.title.fill('Layanan keliling desa');
    await deployB();
    await draft.updatePrompt.getByText('Versi baru tersedia').waitFor({ timeout: 30_000 });
    await draft.updatePrompt.getByRole('button', { name: 'Nanti' }).click();
    expect(await draft.updatePrompt.textContent()).toBe('');

    // Screens this tab never opened (their chunks belong to A) still open.
    const shell = new AppShell(draft.page, draft.url);
    await shell.navTo('Pengaturan');
    await shell.page.getByTestId('app-version').waitFor();
    expect(await shell.page.getByTestId('app-version').textContent()).toContain('e2e-A');
    await shell.navTo('Unit');
    await expect.poll(() => shell.heading.textContent()).not.toBe('Pengaturan');
    expect(await shell.version()).toBe('e2e-A');
    // Settings offers the waiting update.
    await shell.navTo('Pengaturan');
    await shell.page.getByText('Versi baru menunggu dipasang.').waitFor();

    // And the server still has A's hashed files for any tab that needs them.
    const entryA = /assets\/index-[\w-]+\.js/.exec(readFileSync(join(buildA, 'index.html'), 'utf8'))?.[0];
    const res = await context!.request.get(`${draft.url}/${entryA}`);
    expect(res.status()).toBe(200);
  });

  it('a second tab left on A, after the first tab updated, keeps loading its own lazy screens from the server', async () => {
    const { draft } = await openDraftOnA();
    const second = new AppShell(await context!.newPage(), draft.url);
    await second.goto('/');
    expect(await second.version()).toBe('e2e-A');
    await deployB();
    await draft.updatePrompt.getByText('Versi baru tersedia').waitFor({ timeout: 30_000 });
    await draft.updatePrompt.getByRole('button', { name: 'Perbarui' }).click();
    await draft.page.waitForFunction(() => document.documentElement.dataset.appVersion === 'e2e-B');

    // The second tab is now controlled by B's worker, whose precache has none of A's files; it is told, not
    // reloaded, and a screen it never opened (an A chunk) still loads, from the server that kept A's assets.
    await second.updatePrompt.getByText('Versi baru sudah aktif di tab lain').waitFor({ timeout: 30_000 });
    expect(await second.version()).toBe('e2e-A');
    const chunk = second.page.waitForResponse(/\/assets\/SettingsScreen-[\w-]+\.js$/);
    await second.navTo('Pengaturan');
    const response = await chunk;
    expect(response.status()).toBe(200);
    const path = new URL(response.url()).pathname.slice(1);
    expect(readFileSync(join(buildB, 'sw.js'), 'utf8')).not.toContain(path); // an A file, not in B's precache
    await second.page.getByTestId('app-version').waitFor();
    expect(await second.page.getByTestId('app-version').textContent()).toContain('e2e-A');
  });
});
