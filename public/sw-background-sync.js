/*
 * Background Sync for Rintis, imported by the generated service worker (vite.config.ts, workbox.importScripts).
 * When the browser fires the sync registered while offline (tag 'rintis-sync'), every open Rintis page is told to
 * sync now. The sync itself runs in the page (its engine, store and token live there); with no page open there is
 * nothing to do: the app syncs when it next starts. Plain JS: the worker loads it as it is.
 */
self.addEventListener('sync', (event) => {
  if (event.tag !== 'rintis-sync') return;
  event.waitUntil(
    self.clients
      .matchAll({ type: 'window', includeUncontrolled: true })
      .then((pages) => pages.forEach((page) => page.postMessage({ type: 'rintis-sync' }))),
  );
});
