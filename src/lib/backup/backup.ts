/**
 * Backup ("Cadangkan") and restore ("Pulihkan dari cadangan") of one user's local data. The file is made by the
 * same exporter as the sign-out export (one format, one code path); restoring validates the whole file first
 * (`file.ts`), then merges by id through the store in one transaction (`LocalStore.importRecords`): a record
 * newer on this device is kept, a newer one from the file goes to the outbox and syncs.
 */
import { exportLocalData } from '../account/export';
import type { BackupStore, ImportCounts } from '../db/types';
import { MAX_BACKUP_BYTES, parseBackup } from './file';
import type { BackupMessage } from './strings';

/** The whole database as a JSON file (records of every kind, the outbox, quarantine, meta). */
export async function makeBackup(store: Pick<BackupStore, 'name' | 'exportAll'>): Promise<File> {
  const { blob, filename } = await exportLocalData(store);
  return new File([blob], filename.replace(/^rintis-/, 'rintis-cadangan-'), { type: 'application/json' });
}

/** Blob.text() where it exists; FileReader on older WebViews. */
export function readText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(blob);
  });
}

export type RestoreResult = { ok: true; counts: ImportCounts } | { ok: false; error: BackupMessage };

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Restores a backup file into `store`; `tenantId` is the current data space ('local' for the guest). */
export async function restoreBackup(
  store: Pick<BackupStore, 'importRecords'>,
  file: Blob,
  tenantId: string,
): Promise<RestoreResult> {
  if (file.size > MAX_BACKUP_BYTES) {
    return { ok: false, error: { key: 'error.tooLarge', params: { size: formatSize(file.size) } } };
  }
  let text: string;
  try {
    text = await readText(file);
  } catch {
    return { ok: false, error: { key: 'error.unreadable' } };
  }
  const parsed = parseBackup(text, tenantId);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, counts: await store.importRecords(parsed.items) };
  } catch (err) {
    // One transaction: a failure here has written nothing.
    return {
      ok: false,
      error: { key: 'error.failed', params: { error: err instanceof Error ? err.message : String(err) } },
    };
  }
}
