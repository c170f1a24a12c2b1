/**
 * `npm run screenshots`: a PNG of every main screen at 360 px (a phone) and at 1280 px (a desktop) in
 * docs/screenshots/, taken in Chromium from the built app served with a seeded regency (tests/e2e/regency.ts):
 * each screen as the person who uses it most (sessions and drafts as the facilitator, coverage, units and
 * accounts as the local admin, sign-in as a guest), in Indonesian.
 *
 * It builds nothing: run `npm run build` first (it refuses to start without ./dist). Needs Debian's Chromium
 * at /usr/bin/chromium (or CHROME_PATH), as the end-to-end tests do. `SCREENS=home,draft` takes only those.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../tests/e2e/fixture';
import { startRegency, type Regency } from '../tests/e2e/regency';
import { paths } from '../src/lib/router/routes';
import type { RoleName } from '../src/shared/roles';

const OUT = join(ROOT, 'docs', 'screenshots');
const WIDTHS = [
  { name: '360', viewport: { width: 360, height: 740 } },
  { name: '1280', viewport: { width: 1280, height: 800 } },
] as const;

type Who = RoleName | 'guest';

interface Shot {
  name: string;
  who: Who;
  path: (r: Regency) => string;
  /** Something to do once the screen is there (open a menu, a panel). */
  then?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  { name: 'home', who: 'facilitator', path: () => paths.home() },
  { name: 'sessions', who: 'facilitator', path: () => paths.sessions() },
  { name: 'session', who: 'facilitator', path: (r) => paths.session(r.sessionId) },
  { name: 'drafts', who: 'innovator', path: () => paths.drafts() },
  { name: 'draft', who: 'innovator', path: (r) => paths.draft(r.draftId) },
  // The review tab as the facilitator meets it (the tabs beside the writing load as a chunk of their own).
  {
    name: 'draft-review',
    who: 'facilitator',
    path: (r) => paths.draft(r.draftId),
    then: async (page) => {
      await page.getByRole('tab', { name: 'Tinjauan' }).click();
      await page.getByRole('tabpanel', { name: 'Tinjauan' }).getByRole('button').first().waitFor();
    },
  },
  { name: 'checklist', who: 'innovator', path: (r) => paths.checklist(r.draftId, r.checklistId) },
  { name: 'followups', who: 'facilitator', path: () => paths.followups() },
  { name: 'search', who: 'innovator', path: () => paths.search() },
  { name: 'coverage', who: 'coordinator', path: () => paths.coverage() },
  { name: 'units', who: 'coordinator', path: () => paths.units() },
  { name: 'people', who: 'coordinator', path: () => paths.people() },
  { name: 'manage-accounts', who: 'coordinator', path: () => paths.manageAccounts() },
  { name: 'settings', who: 'facilitator', path: () => paths.settings() },
  { name: 'account', who: 'facilitator', path: () => paths.account() },
  { name: 'sign-in', who: 'guest', path: () => paths.signIn() },
  {
    name: 'more-menu',
    who: 'coordinator',
    path: () => paths.home(),
    then: async (page) => {
      const more = page.getByRole('button', { name: 'Lainnya' });
      if (await more.isVisible()) await more.click();
    },
  },
  {
    name: 'sync-details',
    who: 'facilitator',
    path: () => paths.home(),
    then: (page) => page.getByTestId('sync-chip').click(),
  },
];

async function phoneOf(regency: Regency, who: Who, viewport: { width: number; height: number }) {
  const { page } = await regency.newPhone(who === 'guest' ? { viewport } : { role: who, viewport });
  if (who !== 'guest') {
    await page.locator('[data-testid="sync-chip"][data-state="synced"]').waitFor({ timeout: 60_000 });
  }
  return { page, close: () => page.context().close() };
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'sw.js'))) {
    console.error('No build in ./dist: run `npm run build` first (this script builds nothing).');
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const regency = await startRegency();
  try {
    for (const { name: width, viewport } of WIDTHS) {
      const phones = new Map<Who, Awaited<ReturnType<typeof phoneOf>>>();
      const only = process.env.SCREENS?.split(',');
      for (const shot of SHOTS.filter((s) => !only || only.includes(s.name))) {
        let phone = phones.get(shot.who);
        if (!phone) {
          phone = await phoneOf(regency, shot.who, viewport);
          phones.set(shot.who, phone);
        }
        const { page } = phone;
        await page.goto(new URL(shot.path(regency), regency.server.url).href);
        await page.locator('main:not([aria-busy]) h1').first().waitFor({ timeout: 30_000 });
        await page.waitForFunction(() => document.querySelectorAll('main .loading').length === 0, undefined, {
          timeout: 15_000,
        });
        await shot.then?.(page);
        // Let the lists and any opened panel settle before the picture.
        await page.waitForTimeout(400);
        const file = join(OUT, `${shot.name}-${width}.png`);
        await page.screenshot({ path: file });
        console.log(`wrote ${file}`);
      }
      for (const phone of phones.values()) await phone.close();
    }
  } finally {
    await regency.close();
  }
}

await main();
