import { join } from 'node:path';
import { ROOT, launchBrowser, newContext, startServer, waitForServiceWorker } from '../tests/e2e/fixture';
const STORE_OPEN = 'main:not([aria-busy]) h1';
const server = await startServer({ staticDir: join(ROOT, 'dist') });
const browser = await launchBrowser();
for (let i = 0; i < 5; i++) {
  const context = await newContext(browser);
  const first = await context.newPage();
  await first.goto(server.url);
  await waitForServiceWorker(first);
  await first.waitForSelector(STORE_OPEN);
  await first.close();
  await context.setOffline(true);
  const page = await context.newPage();
  await page.addInitScript((sel: string) => {
    const w = window as unknown as { __storeOpenAt?: number };
    new MutationObserver((_, obs) => {
      if (document.querySelector(sel)) { w.__storeOpenAt = performance.now(); obs.disconnect(); }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
  }, STORE_OPEN);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(server.url, { waitUntil: 'commit' });
  let at: number | undefined;
  while (at === undefined) {
    await new Promise((r) => setTimeout(r, 250));
    const r = (await cdp.send('Runtime.evaluate', { expression: 'window.__storeOpenAt', returnByValue: true })) as { result: { value?: number } };
    at = r.result.value;
  }
  const fcp = (await cdp.send('Runtime.evaluate', { expression: "performance.getEntriesByName('first-contentful-paint')[0]?.startTime", returnByValue: true })) as { result: { value?: number } };
  console.log(`run ${i}: store open ${Math.round(at)} ms, FCP ${Math.round(fcp.result.value ?? -1)} ms`);
  await context.close();
}
await browser.close();
await server.close();
