/**
 * Every screen fits a 360 x 740 phone (issue #14), for every role and both languages: each route is opened, with
 * real records behind the record routes, as the guest (records made with the app) and as the four account roles
 * (records on a seeded server, pulled by sync), first in Indonesian and then in English (switched in Pengaturan
 * as a person does), and the panels the bars open ("Lainnya", sync details, account menu) over home. The test
 * fails on any horizontal overflow, any visible element leaving the screen sideways and any control smaller than
 * 48 x 48 px (phone-fit.ts), naming route, role, language and element.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DraftsPage } from './pages';
import { phoneOffences } from './phone-fit';
import { startRegency, type Regency } from './regency';
import { paths, type RouteName } from '../../src/lib/router/routes';
import type { RoleName } from '../../src/shared/roles';

interface Records {
  sessionId: string;
  draftId: string;
  checklistId: string;
}

/** Every route of the app (the type makes a new route a compile error here until it is visited). */
function everyRoute(r: Records): Record<RouteName, string> {
  return {
    home: paths.home(),
    sessions: paths.sessions(),
    session: paths.session(r.sessionId),
    'session-print': paths.sessionPrint(r.sessionId),
    drafts: paths.drafts(),
    draft: paths.draft(r.draftId),
    'draft-print': paths.draftPrint(r.draftId),
    checklist: paths.checklist(r.draftId, r.checklistId),
    followups: paths.followups(),
    coverage: paths.coverage(),
    search: paths.search(),
    templates: paths.templates(),
    people: paths.people(),
    units: paths.units(),
    'manage-accounts': paths.manageAccounts(),
    'import-accounts': paths.importAccounts(),
    settings: paths.settings(),
    recovery: paths.recovery(),
    account: paths.account(),
    'sign-in': paths.signIn(),
    'not-found': '/tidak-ada',
    // A new session: the session screen before its record exists (nothing is stored until the first input).
    'session-new': paths.sessionNew(),
  };
}

/** Opens `path` and waits for its screen: the heading, the store open, nothing still loading. */
async function openScreen(page: Page, url: string, path: string): Promise<void> {
  await page.goto(new URL(path, url).href);
  await page.locator('main:not([aria-busy]) h1').first().waitFor({ timeout: 30_000 });
  await page
    .waitForFunction(() => document.querySelectorAll('main .loading').length === 0, undefined, {
      timeout: 15_000,
    })
    .catch(() => undefined);
  // Two frames: the lists that came with the store are laid out.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function switchLanguage(
  page: Page,
  url: string,
  language: 'English' | 'Bahasa Indonesia',
): Promise<void> {
  await openScreen(page, url, paths.settings());
  await page.getByRole('radio', { name: language }).check();
  await page.locator(`html[lang="${language === 'English' ? 'en' : 'id'}"]`).waitFor();
}

type Audience = RoleName | 'guest';
const AUDIENCES: Audience[] = ['guest', 'innovator', 'facilitator', 'coordinator', 'viewer'];

describe('every screen at 360 x 740, every role, both languages', () => {
  let regency: Regency;

  beforeAll(async () => {
    regency = await startRegency();
  }, 600_000);

  afterAll(async () => {
    await regency?.close();
  });

  /** A phone for `audience`, signed in and synced (or, for the guest, with a session, draft and checklist). */
  async function phoneOf(audience: Audience): Promise<{ page: Page; records: Records }> {
    const { page } = await regency.newPhone(audience === 'guest' ? {} : { role: audience });
    const url = regency.url;
    if (audience !== 'guest') {
      await page.locator('[data-testid="sync-chip"][data-state="synced"]').waitFor({ timeout: 60_000 });
      return { page, records: regency };
    }
    // The guest's records, made with the app.
    await openScreen(page, url, paths.sessionNew());
    // The first input stores the new session and gives it its own address.
    await page.getByLabel('Tempat', { exact: true }).fill('Aula Puskesmas');
    await page.waitForURL(/\/sesi\/(?!baru$)[^/]+$/);
    const sessionId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const drafts = new DraftsPage(page, url);
    await drafts.open();
    const draftId = await drafts.create('Layanan antar obat');
    // The draft's checklists are in its "Kesiapan" tab.
    await page.getByRole('tab', { name: 'Kesiapan' }).click();
    await page.getByRole('button', { name: 'Tambah daftar periksa' }).click();
    const link = page.getByRole('region', { name: 'Daftar periksa' }).getByRole('link').first();
    await link.waitFor();
    const checklistId = decodeURIComponent((await link.getAttribute('href'))?.split('/').pop() ?? '');
    return { page, records: { sessionId, draftId, checklistId } };
  }

  async function visitAll(audience: Audience, language: 'id' | 'en', page: Page, records: Records) {
    const offences: string[] = [];
    for (const [name, path] of Object.entries(everyRoute(records))) {
      await openScreen(page, regency.server.url, path);
      // A record route must show its record, or the screen looked at is not the one meant.
      const main = (await page.locator('main').innerText()).toLowerCase();
      if (name !== 'not-found' && /tidak ditemukan|not found/.test(main))
        offences.push(`${path} (${name}) as ${audience} in ${language}: shows "not found"`);
      for (const offence of await phoneOffences(page))
        offences.push(`${path} (${name}) as ${audience} in ${language}: ${offence}`);
    }
    // The draft's other tabs (the route above shows its writing), each opened by its address.
    for (const part of ['#data', '#kesiapan', '#tinjauan']) {
      const path = `${paths.draft(records.draftId)}${part}`;
      await openScreen(page, regency.server.url, path);
      await page.locator('[role="tabpanel"]:not([hidden]) > *').first().waitFor();
      for (const offence of await phoneOffences(page))
        offences.push(`${path} (draft ${part}) as ${audience} in ${language}: ${offence}`);
    }
    // The panels the bars open, each open on its own over home.
    await openScreen(page, regency.server.url, paths.home());
    for (const opener of [
      page.getByRole('navigation').locator('button[aria-controls="nav-more"]'),
      page.getByTestId('sync-chip'),
      page.locator('button[aria-controls="account-menu"]'),
    ]) {
      if ((await opener.count()) === 0) continue; // the guest has no account menu
      await opener.click();
      const panel = `#${await opener.getAttribute('aria-controls')}`;
      // Its content may come in a chunk of its own (the sync details): wait for its first control.
      await page.locator(panel).locator('a, button').first().waitFor();
      for (const offence of await phoneOffences(page))
        offences.push(`${panel} opened as ${audience} in ${language}: ${offence}`);
      await page.keyboard.press('Escape');
    }
    return offences;
  }

  for (const audience of AUDIENCES) {
    describe(audience, () => {
      let phone: { page: Page; records: Records };

      it('Indonesian: every route fits', async () => {
        phone = await phoneOf(audience);
        expect(await visitAll(audience, 'id', phone.page, phone.records)).toEqual([]);
      }, 600_000);

      it('English: every route fits', async () => {
        await switchLanguage(phone.page, regency.server.url, 'English');
        expect(await visitAll(audience, 'en', phone.page, phone.records)).toEqual([]);
      }, 600_000);
    });
  }
});
