/**
 * The proposal DOCX works offline after one online visit of a draft: the DOCX writer is left out of the precache
 * (its budget), fetched in the background when a draft opens online, and cached by the service worker; then,
 * with no network at all, "Cetak dan ekspor" opens and "Buat berkas DOCX" makes the file.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newContext, startE2e, waitForServiceWorker, type E2e, type TestServer } from './fixture';
import { DraftPage, DraftsPage } from './pages';

let e2e: E2e;
let browser: Browser;
let server: TestServer;
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

async function cachedUrls(page: DraftPage['page']): Promise<{ precache: string[]; runtime: string[] }> {
  return page.evaluate(async () => {
    const out = { precache: [] as string[], runtime: [] as string[] };
    for (const name of await caches.keys())
      for (const req of await (await caches.open(name)).keys())
        (name.includes('precache') ? out.precache : out.runtime).push(new URL(req.url).pathname);
    return out;
  });
}

describe('proposal DOCX offline', () => {
  it('is made with no network after the draft was opened once online', async () => {
    context = await newContext(browser);
    const drafts = new DraftsPage(await context.newPage(), server.url);
    await drafts.goto('/');
    await waitForServiceWorker(drafts.page);
    await drafts.open();
    const id = await drafts.create('Antrean daring puskesmas');
    const draft = new DraftPage(drafts.page, server.url);
    await draft.firstSection.fill('Warga menunggu berjam-jam di loket.');
    await draft.saved();

    // Not in the precache; in the runtime cache once the draft screen warmed it (10 s after it opened).
    await expect
      .poll(async () => (await cachedUrls(draft.page)).runtime.some((u) => /\/assets\/docx-/.test(u)), {
        timeout: 40_000,
      })
      .toBe(true);
    const { precache } = await cachedUrls(draft.page);
    expect(precache.some((u) => /\/assets\/docx-/.test(u))).toBe(false);

    await context.setOffline(true);
    await draft.page.goto(`${server.url}/rancangan/${id}/cetak`);
    await draft.page.getByRole('heading', { level: 1, name: 'Antrean daring puskesmas' }).waitFor();
    await draft.page.getByRole('button', { name: 'Buat berkas DOCX' }).click();
    const link = draft.page.getByRole('link', { name: 'Unduh proposal-antrean-daring-puskesmas.docx' });
    await link.waitFor({ timeout: 20_000 });
    const [download] = await Promise.all([draft.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('proposal-antrean-daring-puskesmas.docx');
    await draft.page.setViewportSize({ width: 360, height: 740 });
    await draft.page.screenshot({ path: '/tmp/outputs-draft-print-360.png', fullPage: false });
    const scroll = await draft.page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(360);
  });
});
