/**
 * Fetches the output chunks (the print screens and the DOCX writer) in the background when a draft or a session
 * opens online. They are left out of the precache (its budget), and the service worker caches them on first
 * fetch (vite.config.ts, `rintis-optional-chunks`): after one visit online, "Cetak dan ekspor" and its DOCX work
 * offline. Once per page load; failures are left to the export itself to report.
 */
import { afterNextPaint } from '../../lib/pwa/after-paint';

let warmed = false;

export function warmOutputs(online = globalThis.navigator?.onLine ?? false): void {
  if (warmed || !online) return;
  warmed = true;
  afterNextPaint(() => {
    const ignore = () => {
      warmed = false;
    };
    import('../../lib/export/docx').catch(ignore);
    import('./DraftPrintScreen.svelte').catch(ignore);
    import('./SessionPrintScreen.svelte').catch(ignore);
  }, 1_000);
}
