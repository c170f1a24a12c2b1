/**
 * "Ekspor dulu": a backup file of everything in one user's local database (records of every kind, the outbox
 * with changes not yet synced, quarantined records, meta), made by the store with `dexie-export-import`: a maintained
 * library whose JSON can be read back with its `importDB`, and which streams table by table so a large
 * database does not need one huge string. Loaded on first use only. Tokens are not in this database (see
 * accounts-db.ts), so the file never carries one.
 */
import type { BackupStore } from '../db/types';

export interface ExportFile {
  blob: Blob;
  filename: string;
}

/** `rintis-<database>-<yyyy-mm-dd-hhmm>.json` in local time, safe as a file name on any phone. */
export function exportFilename(databaseName: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  const base = databaseName.replace(/^rintis-/, '').replace(/[^a-zA-Z0-9-]/g, '');
  return `rintis-${base}-${stamp}.json`;
}

/**
 * Fetches the backup writer ahead of use while there is a network. It is not precached (17 KB gzip of the
 * install, see vite.config.ts), so the panels that offer an export load it as they open; once cached by the
 * service worker, the export works offline too.
 */
export function warmExporter(online = globalThis.navigator?.onLine ?? false): void {
  if (online) import('dexie-export-import').catch(() => {});
}

/** Exports the store's database to a JSON file (read-only, see `BackupStore.exportAll`). */
export async function exportLocalData(store: Pick<BackupStore, 'name' | 'exportAll'>): Promise<ExportFile> {
  const blob = await store.exportAll();
  return { blob: new Blob([blob], { type: 'application/json' }), filename: exportFilename(store.name) };
}

/** Hands a file to the browser's download (a Blob URL on a temporary `<a download>`). */
export function downloadFile(file: ExportFile, doc: Document = document): void {
  const url = URL.createObjectURL(file.blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // Some browsers start the download after the click returns: revoke a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
