/**
 * End to end in Chromium: an innovator and a facilitator (two browser contexts) open the same draft, go offline,
 * edit different sections and then the same section, come back online, converge; the conflict is shown to both
 * and resolved in one tap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { newContext, startE2e, waitForServiceWorker, type E2e, type TestServer } from './fixture';
import { DraftPage } from './pages';

const UNIT = '0190a000-0000-7000-8000-0000000000e2';

class DraftTab extends DraftPage {
  /** Types like a person and lets the editor save. */
  async type(key: string, text: string): Promise<void> {
    await this.section(key).fill(text);
    // The editor saves shortly after typing; the record then waits in the outbox.
    await this.page.getByText('Hanya di perangkat ini').waitFor({ timeout: 10_000 });
    await this.page.waitForTimeout(1_000);
  }
}

describe('sync in Chromium: two people, one draft', () => {
  let e2e: E2e;
  let browser: Browser;
  let server: TestServer;
  let url: string;
  let draftId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    e2e = await startE2e({
      people: {
        innovator: { name: 'innovator', email: 'inovator@uji.go.id', unit: UNIT },
        // A local admin as the second writer: facilitators review drafts but do not write their sections.
        coordinator: { name: 'facilitator', email: 'fasilitator@uji.go.id', unit: UNIT },
      },
    });
    ({ browser, server, url } = e2e);
    // The innovator's draft, already on the server (as if made on another phone earlier).
    draftId = await server.seedDraft('inovator@uji.go.id', UNIT);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await e2e?.close();
  });

  it('converges offline edits and resolves a same-section conflict in one tap', async () => {
    const tabs: DraftTab[] = [];
    for (const login of ['inovator@uji.go.id', 'fasilitator@uji.go.id']) {
      const context = await newContext(browser);
      contexts.push(context);
      const tab = new DraftTab(await context.newPage(), url);
      await tab.signIn(login);
      await tab.openDraft(draftId);
      tabs.push(tab);
    }
    const [inno, fac] = tabs as [DraftTab, DraftTab];
    await expect.poll(() => fac.section('ringkasan').inputValue()).toBe('Ringkasan awal.');

    // Offline: the same section on both phones, and a different section on one.
    for (const c of contexts) await c.setOffline(true);
    await inno.type('ringkasan', 'Ringkasan versi inovator.');
    await fac.type('ringkasan', 'Ringkasan versi fasilitator.');
    await fac.type('latar-belakang-tujuan', 'Latar dari fasilitator.');
    await expect.poll(() => inno.page.getByText('Hanya di perangkat ini').count()).toBeGreaterThan(0);
    // The header says so with the count, never "Tersinkron", and still fits the 360 px screen.
    for (const tab of [inno, fac]) {
      await expect
        .poll(() => tab.headline(), { timeout: 10_000 })
        .toMatch(/^Luring — \d+ perubahan menunggu/);
      expect(await tab.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    }

    // Back online: both phones sync on their own (the `online` event); who reaches the server first is a race.
    for (const c of contexts) await c.setOffline(false);
    await inno.syncNow();
    await fac.syncNow();
    await inno.syncNow();

    // Different sections merged on both phones.
    for (const tab of [inno, fac]) {
      await expect
        .poll(() => tab.section('latar-belakang-tujuan').inputValue(), { timeout: 20_000 })
        .toBe('Latar dari fasilitator.');
    }
    // "Tersambung kembali. Data akan disinkronkan." goes once the sync it announced has finished.
    for (const tab of [inno, fac]) {
      await expect
        .poll(() => tab.page.getByTestId('connectivity-announcement').textContent(), {
          timeout: 20_000,
        })
        .toBe('');
    }
    // The same section: the first version on the server stays on both phones, and the conflict shows both.
    const texts = { inno: 'Ringkasan versi inovator.', fac: 'Ringkasan versi fasilitator.' };
    const kept = await inno.section('ringkasan').inputValue();
    expect([texts.inno, texts.fac]).toContain(kept);
    const [winner, loser, loserText] = kept === texts.inno ? [inno, fac, texts.fac] : [fac, inno, texts.inno];
    for (const tab of [inno, fac]) {
      await tab.page
        .getByRole('heading', { name: 'Konflik menunggu keputusan' })
        .waitFor({ timeout: 20_000 });
      await expect.poll(() => tab.section('ringkasan').inputValue()).toBe(kept);
      await expect.poll(() => tab.page.getByRole('heading', { name: /^Versi Anda/ }).count()).toBe(1);
      expect(await tab.page.getByText(loserText, { exact: true }).count()).toBeGreaterThan(0);
      // The card fits the 360 px phone: no sideways scroll, and every choice is a 48 px target.
      const layout = await tab.page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        width: document.documentElement.clientWidth,
        // What sticks out, named, so a failure says where.
        offenders: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > 361)
          .slice(0, 8)
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
        buttons: [...document.querySelectorAll('.conflict-card button')].map((b) =>
          Math.round(b.getBoundingClientRect().height),
        ),
      }));
      expect(layout.width).toBe(360);
      expect(layout.offenders).toEqual([]);
      expect(layout.overflow).toBe(0);
      expect(layout.buttons.length).toBeGreaterThan(0);
      for (const height of layout.buttons) expect(height).toBeGreaterThanOrEqual(48);
    }
    // Each sees the other side named by role: "versi admin lokal" beside "versi Anda", and the other way round.
    await expect
      .poll(() => inno.page.getByRole('heading', { name: /^Versi admin lokal \(/ }).count())
      .toBe(1);
    await expect.poll(() => fac.page.getByRole('heading', { name: /^Versi inovator \(/ }).count()).toBe(1);

    // The one whose version was set aside keeps theirs: one tap.
    const mine = loser.page.locator('.conflict-side', {
      has: loser.page.getByRole('heading', { name: /^Versi Anda/ }),
    });
    await mine.getByRole('button', { name: 'Pakai versi ini' }).click();
    await expect.poll(() => loser.section('ringkasan').inputValue()).toBe(loserText);
    await loser.syncNow();
    // No button on the other phone: the live event (server-sent, from PostgreSQL NOTIFY) brings it.
    await expect.poll(() => winner.section('ringkasan').inputValue(), { timeout: 20_000 }).toBe(loserText);
    for (const tab of [inno, fac]) {
      await expect
        .poll(() => tab.page.getByRole('heading', { name: 'Konflik menunggu keputusan' }).count(), {
          timeout: 20_000,
        })
        .toBe(0);
      await expect
        .poll(() => tab.page.getByText('Terkonfirmasi').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
    }
  });
  it('syncs when the browser fires the background sync registered while offline', async () => {
    const context = await newContext(browser);
    contexts.push(context);
    const tab = new DraftTab(await context.newPage(), url);
    await tab.signIn('inovator@uji.go.id');
    await waitForServiceWorker(tab.page);
    await tab.page.locator('[data-testid="sync-chip"][data-phase="idle"]').waitFor({ timeout: 30_000 });
    const cdp = await context.newCDPSession(tab.page);
    const registrations: { registrationId: string; scopeURL: string }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => registrations.length).toBeGreaterThan(0);
    let pulls = 0;
    tab.page.on('request', (r) => {
      if (r.url().includes('/api/sync/pull')) pulls++;
    });
    // As Chromium does when the network returns after the page registered the sync (see triggers.ts).
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: url,
      registrationId: registrations[0]!.registrationId,
      tag: 'rintis-sync',
      lastChance: false,
    });
    await expect.poll(() => pulls, { timeout: 15_000 }).toBeGreaterThan(0);
  });
});
