/** Two tabs on the same draft edit different fields: both edits are kept, and each tab shows the other's. */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newContext, startE2e, type E2e } from './fixture';
import { DraftPage, DraftsPage } from './pages';

let e2e: E2e;
/** One profile, so its tabs share the phone's storage. */
let context: BrowserContext;

beforeAll(async () => {
  e2e = await startE2e();
  context = await newContext(e2e.browser);
});
afterAll(async () => {
  await e2e?.close();
});

it('keeps both edits when two tabs change different fields of one draft', async () => {
  const drafts = new DraftsPage(await context.newPage(), e2e.url);
  await drafts.open();
  const id = await drafts.create('Satu rancangan, dua tab');
  const one = new DraftPage(drafts.page, e2e.url);
  const two = new DraftPage(await context.newPage(), e2e.url);
  await two.open(id, '#data');
  await one.showTab('Data');

  // Typed at the same time, neither waiting for the other.
  await Promise.all([
    one.title.fill('Satu rancangan, dua tab: judul dari tab satu'),
    two.team.fill('Tim dari tab dua'),
  ]);
  await Promise.all([one.saved(), two.saved()]);

  // Live queries bring each tab the other's edit.
  await expect.poll(() => one.team.inputValue()).toBe('Tim dari tab dua');
  await expect.poll(() => two.title.inputValue()).toBe('Satu rancangan, dua tab: judul dari tab satu');

  const three = new DraftPage(await context.newPage(), e2e.url);
  await three.open(id, '#data');
  expect(await three.title.inputValue()).toBe('Satu rancangan, dua tab: judul dari tab satu');
  expect(await three.team.inputValue()).toBe('Tim dari tab dua');
});
