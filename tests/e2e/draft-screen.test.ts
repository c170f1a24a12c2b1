/**
 * The draft screen on a 360 x 740 phone in Chromium (issue #14, writing first), on the seeded regency's draft
 * (three sections written, six empty): the first text box starts on the first screen (the figure is printed),
 * text boxes grow with their text (CSS field-sizing) up to three quarters of the screen, a missing item in
 * "Kesiapan" takes the person to the section, also when it is read-only for them, and every tab fits the phone
 * in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DraftPage } from './pages';
import { phoneOffences } from './phone-fit';
import { startRegency, type Regency } from './regency';
import type { RoleName } from '../../src/shared/roles';

const TABS = {
  id: ['Tulisan', 'Data', 'Kesiapan', 'Tinjauan'],
  en: ['Writing', 'Details', 'Readiness', 'Review'],
};

describe('the draft screen at 360 x 740: writing first', () => {
  let regency: Regency;

  beforeAll(async () => {
    regency = await startRegency();
  }, 600_000);

  afterAll(async () => {
    await regency?.close();
  });

  async function phoneOf(role: RoleName): Promise<DraftPage> {
    const draft = await regency.newPhone({ role, view: DraftPage });
    await draft.page.locator('[data-testid="sync-chip"][data-state="synced"]').waitFor({ timeout: 60_000 });
    return draft;
  }

  /** Where an element's box starts, in px from the top of the page. */
  const topOf = (page: Page, selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => Math.round(el.getBoundingClientRect().top + window.scrollY));

  it('starts the first text box on the first screen, and grows boxes with their text', async () => {
    const draft = await phoneOf('innovator');
    await draft.open(regency.draftId);
    const { page } = draft;
    const first = await topOf(page, 'main textarea[id^="section-"]');
    console.log(`draft screen at 360 x 740: the first text box starts ${first} px from the top`);
    // Under the header, the heading line and the tabs, with three lines of it above the bottom bar.
    expect(first).toBeLessThan(740 - 56 - 90);
    // Nothing of readiness, review or the data fields comes before it.
    for (const above of ['#draft-title', '[data-testid="readiness-panel"]', '[data-testid="review-status"]'])
      expect(await page.locator(above).count()).toBe(0);

    // An empty section: about three lines; typed, it grows with no inner scroll; a long text stops and scrolls.
    expect(await page.evaluate(() => CSS.supports('field-sizing', 'content'))).toBe(true);
    const box = page.locator('textarea[id^="section-"]').nth(3);
    const size = () =>
      box.evaluate((el: HTMLTextAreaElement) => ({
        height: el.getBoundingClientRect().height,
        scrolls: el.scrollHeight > el.clientHeight + 1,
      }));
    const empty = await size();
    expect(empty.height).toBeGreaterThanOrEqual(85);
    expect(empty.height).toBeLessThan(100);
    await box.fill(Array.from({ length: 12 }, (_, i) => `Baris ${i + 1}.`).join('\n'));
    const twelve = await size();
    expect(twelve.height).toBeGreaterThan(12 * 24);
    expect(twelve.scrolls).toBe(false);
    await box.fill(Array.from({ length: 60 }, (_, i) => `Baris ${i + 1}.`).join('\n'));
    const long = await size();
    expect(long.height).toBeLessThanOrEqual(Math.ceil(740 * 0.75) + 1);
    expect(long.scrolls).toBe(true);
    // The count sits right under the box.
    const count = page.getByTestId(/^word-count-/).nth(3);
    const gap = await count.evaluate(
      (el) =>
        el.getBoundingClientRect().top - (el.previousElementSibling?.getBoundingClientRect().bottom ?? 0),
    );
    expect(gap).toBeLessThan(12);
    await box.fill('');
    await draft.saved();
  });

  it('takes the person from a missing item to its section, focused and on screen', async () => {
    for (const role of ['innovator', 'facilitator'] as const) {
      const draft = await phoneOf(role);
      await draft.open(regency.draftId, '#kesiapan');
      const missing = draft.page.getByRole('list', { name: 'Yang masih kurang' });
      const link = missing.getByRole('link', { name: /: belum diisi$/ }).first();
      const target = (await link.getAttribute('href'))!.slice(1);
      await link.click();
      await draft.tab('Tulisan').and(draft.page.locator('[aria-selected="true"]')).waitFor();
      // The focus moves once the tab has rendered and scrolled: read it until it settles.
      const focus = () =>
        draft.page.evaluate((id) => {
          const field = document.getElementById(id)!;
          const active = document.activeElement!;
          const r = field.getBoundingClientRect();
          return {
            onField: active === field,
            // A section the person may not change (a facilitator's) cannot take the focus: its block does.
            aroundField: active !== field && active.contains(field),
            onScreen: r.top >= 0 && r.top < window.innerHeight,
          };
        }, target);
      await expect.poll(focus, { message: role, timeout: 5_000 }).toEqual({
        onField: role === 'innovator',
        aroundField: role === 'facilitator',
        onScreen: true,
      });
    }
  });

  it('fits every tab on the phone, in both languages', async () => {
    const draft = await phoneOf('innovator');
    const offences: string[] = [];
    for (const language of ['id', 'en'] as const) {
      if (language === 'en') {
        await draft.goto('/pengaturan');
        await draft.page.getByRole('radio', { name: 'English' }).check();
        await draft.page.locator('html[lang="en"]').waitFor();
      }
      await draft.open(regency.draftId);
      for (const name of TABS[language]) {
        await draft.page.getByRole('tab', { name, exact: true }).click();
        await draft.page.waitForTimeout(300);
        for (const offence of await phoneOffences(draft.page))
          offences.push(`${name} (${language}): ${offence}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
