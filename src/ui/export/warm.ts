/**
 * Fetches the output chunks (the print screens and the DOCX writer) in the background when a draft or a session
 * opens online. They are left out of the precache (its budget), and the service worker caches them on first
 * fetch (vite.config.ts, `rintis-optional-chunks`): after one visit online, "Cetak dan ekspor" and its DOCX work
 * offline. Once per page load; failures are left to the export itself to report.
 */
import { afterPaintIn } from '../../lib/pwa/after-paint';

let warmed = false;
const WARM_AFTER_MS = 10_000;

export function warmOutputs(online = globalThis.navigator?.onLine ?? false): void {
  if (warmed || !online) return;
  warmed = true;
  // Well after the screen settled (someone who opens a draft stays longer than this): the ~66 KB gzip writer
  // never competes with the screen's own chunks, typing or the first sync.
  afterPaintIn(WARM_AFTER_MS, () => {
    const ignore = () => {
      warmed = false;
    };
    import('../../lib/export/docx').catch(ignore);
    import('./DraftPrintScreen.svelte').catch(ignore);
    import('./SessionPrintScreen.svelte').catch(ignore);
  });
}
