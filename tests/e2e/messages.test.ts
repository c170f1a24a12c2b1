/**
 * End to end in Chromium at 360 x 740: messages sit where they belong and never cover what the person is doing,
 * and sharing falls back to the clipboard where the browser has no share sheet (desktop Chromium on Linux has
 * none, as many Android WebViews).
 * - Deleting a draft lands on the list with "Rancangan dihapus" and "Urungkan": the action is a whole 48 px target
 *   inside the screen, the message above the bottom bar; focusing "Judul inovasi" moves the message off it;
 *   "Urungkan" brings the draft back. Opening another screen drops the message. Photographed in .tmp/messages/ to look at.
 * - A facilitator's "Untuk Anda" item shares its message with the draft's deep link: copied, "Tersalin" shown.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { ROOT, newContext, startE2e, type E2e, type TestServer } from './fixture';
import { AppShell, DraftsPage } from './pages';
import { DEFAULT_PROPOSAL_TEMPLATE_KEY, proposalTemplates } from '../../src/shared/templates';

const SHOTS = join(ROOT, '.tmp', 'messages');
const UNIT = '0190a000-0000-7000-8000-0000000000e1';

let e2e: E2e;
let browser: Browser;
let server: TestServer;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2e({
    people: {
      facilitator: { name: 'Budi Pendamping', email: 'pendamping@uji.go.id', unit: UNIT },
      coordinator: { name: 'Saenab Admin', email: 'admin@uji.go.id' },
    },
  });
  ({ browser, server } = e2e);
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await e2e?.close();
});

async function phone(): Promise<BrowserContext> {
  const context = await newContext(browser);
  contexts.push(context);
  return context;
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

describe('the snackbar at 360 x 740', () => {
  it('shows "Urungkan" whole on the list a delete lands on, moves off a focused field, and stays there', async () => {
    const drafts = new DraftsPage(await (await phone()).newPage(), server.url);
    await drafts.open();
    await drafts.create('Akan dihapus');
    await drafts.page.getByRole('tab', { name: 'Data' }).click();
    await drafts.page.getByRole('button', { name: 'Hapus proposal' }).click();
    await drafts.page.waitForURL(/\/rancangan$/);

    const region = drafts.page.getByRole('status', { name: 'Pemberitahuan' });
    await region.getByText('Proposal dihapus.').waitFor();
    const undo = region.getByRole('button', { name: 'Urungkan' });
    const u = await box(undo);
    expect(u.height).toBeGreaterThanOrEqual(48);
    expect(u.width).toBeGreaterThanOrEqual(48);
    expect(u.x).toBeGreaterThanOrEqual(0);
    expect(u.x + u.width).toBeLessThanOrEqual(360);
    const message = await box(region.locator('.snackbar'));
    const bar = await box(drafts.page.getByRole('navigation').first());
    expect(message.y + message.height, 'above the bottom bar').toBeLessThanOrEqual(bar.y);
    await drafts.page.screenshot({ path: join(SHOTS, 'undo-on-list.png') });

    // Typing the next title: the message never covers the field being typed in.
    // With the on-screen keyboard up (about 300 px of the 740), the field sits low, where the message was.
    const title = drafts.page.getByLabel('Judul inovasi');
    await drafts.page.setViewportSize({ width: 360, height: 440 });
    await title.focus();
    // Scrolled to where the message sits at the bottom (as a browser scrolls a focused field above the keyboard).
    await title.evaluate((el) => {
      const message = document.querySelector('.snackbar');
      if (message) window.scrollBy(0, el.getBoundingClientRect().top - message.getBoundingClientRect().top);
    });
    await expect
      .poll(async () => {
        const f = await box(title);
        const m = await box(region.locator('.snackbar'));
        return Math.max(0, Math.min(f.y + f.height, m.y + m.height) - Math.max(f.y, m.y));
      })
      .toBe(0);
    expect(await region.getAttribute('data-place')).toBe('top');
    await drafts.page.screenshot({ path: join(SHOTS, 'typing-title.png') });
    await drafts.page.setViewportSize({ width: 360, height: 740 });

    // "Urungkan" still works from there: the draft is back, on its own screen.
    await undo.click();
    await drafts.page.waitForURL(/\/rancangan\/[^/]+$/);
    await drafts.page.getByRole('heading', { level: 1, name: 'Akan dihapus' }).waitFor();
  });

  it('drops a delete’s message when the person opens another screen', async () => {
    const drafts = new DraftsPage(await (await phone()).newPage(), server.url);
    await drafts.open();
    await drafts.create('Juga dihapus');
    await drafts.page.getByRole('tab', { name: 'Data' }).click();
    await drafts.page.getByRole('button', { name: 'Hapus proposal' }).click();
    const region = drafts.page.getByRole('status', { name: 'Pemberitahuan' });
    await region.getByText('Proposal dihapus.').waitFor();
    await drafts.navTo('Sesi');
    await drafts.page.waitForURL(/\/sesi$/);
    await expect.poll(() => region.locator('.snackbar').count()).toBe(0);
  });
});

describe('sharing without a share sheet', () => {
  it(
    'copies a "Untuk Anda" item with the draft’s deep link and says "Tersalin"',
    { timeout: 300_000 },
    async () => {
      const template = proposalTemplates.latest(DEFAULT_PROPOSAL_TEMPLATE_KEY)!;
      const draftId = uuidv7();
      const records = [
        { kind: 'unit', id: UNIT, values: { name: 'Puskesmas Melati', type: 'puskesmas', demo: false } },
        {
          kind: 'draft',
          id: draftId,
          values: {
            title: 'Antrean daring',
            unitId: UNIT,
            team: '',
            stage: 'inisiatif',
            reviewStatus: 'diajukan',
            templateKey: template.key,
            templateVersion: template.version,
            metadata: {},
          },
        },
      ];
      const pushed = await server.push('admin@uji.go.id', records);
      expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);

      const context = await phone();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const tab = new AppShell(await context.newPage(), server.url);
      await tab.signIn('pendamping@uji.go.id');
      await tab.page.goto(`${server.url}/`);
      expect(await tab.page.evaluate(() => typeof navigator.share)).toBe('undefined');
      const share = tab.page.getByRole('button', { name: 'Salin pesan: Menunggu tinjauan Anda' });
      await share.waitFor({ timeout: 30_000 });
      const s = await box(share);
      expect(s.width).toBeGreaterThanOrEqual(48);
      expect(s.height).toBeGreaterThanOrEqual(48);
      expect(s.x + s.width).toBeLessThanOrEqual(360);
      await share.click();
      await tab.page.getByRole('status').filter({ hasText: 'Tersalin' }).waitFor();
      const copied = await tab.page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain('Proposal inovasi menunggu tinjauan:');
      expect(copied).toContain(`- Antrean daring: ${server.url}/rancangan/${draftId}`);
      await tab.page.screenshot({ path: join(SHOTS, 'home-copied.png') });
      const overflow = await tab.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, 'home wider than the phone').toBeLessThanOrEqual(0);
    },
  );
});
