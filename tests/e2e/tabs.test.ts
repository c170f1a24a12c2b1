/** Two tabs on the same draft edit different fields: both edits are kept, and each tab shows the other's. */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentBuild, launchBrowser, newContext, startServer, type TestServer } from './harness';
import { DraftPage, DraftsPage } from './pages';

let browser: Browser;
let server: TestServer;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer(currentBuild());
  browser = await launchBrowser();
  context = await newContext(browser);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

it('keeps both edits when two tabs change different fields of one draft', async () => {
  const drafts = new DraftsPage(await context.newPage(), server.url);
  await drafts.open();
  const id = await drafts.create('Satu rancangan, dua tab');
  const one = new DraftPage(drafts.page, server.url);
  const two = new DraftPage(await context.newPage(), server.url);
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

  const three = new DraftPage(await context.newPage(), server.url);
  await three.open(id, '#data');
  expect(await three.title.inputValue()).toBe('Satu rancangan, dua tab: judul dari tab satu');
  expect(await three.team.inputValue()).toBe('Tim dari tab dua');
});
