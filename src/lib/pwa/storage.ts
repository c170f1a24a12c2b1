/**
 * Storage durability: what the browser may do to the data on this phone, and what the user is told.
 *
 * - Persistence: `navigator.storage.persist()` asks the browser not to evict this site's data under storage
 *   pressure. Chrome grants it without a dialog to installed or often-used sites, so it is asked after install or
 *   after the first saved record, not on first load.
 * - Quota: `describeStorageError()` turns a write failure (QuotaExceededError, possibly wrapped by Dexie or an
 *   aborted transaction) into a clear message in Indonesian and English. The write path keeps the edit in memory
 *   and shows this message; nothing typed is thrown away.
 * - Eviction: a marker in localStorage says "this browser had local data"; a marker in a tiny IndexedDB database
 *   says the same. If the first is there and the second is gone, the databases were evicted or cleared.
 */

export type PersistResult = 'granted' | 'denied' | 'unsupported';

export interface StorageEstimateInfo {
  usage: number;
  quota: number;
}

export interface StorageErrorInfo {
  kind: 'quota' | 'unavailable' | 'unknown';
  id: string;
  en: string;
}

export async function isPersisted(): Promise<PersistResult> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persisted) return 'unsupported';
  return (await navigator.storage.persisted()) ? 'granted' : 'denied';
}

export async function requestPersistence(): Promise<PersistResult> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return 'unsupported';
  if (await navigator.storage.persisted()) return 'granted';
  return (await navigator.storage.persist()) ? 'granted' : 'denied';
}

export async function estimateStorage(): Promise<StorageEstimateInfo | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const { usage, quota } = await navigator.storage.estimate();
  if (usage === undefined || quota === undefined) return null;
  return { usage, quota };
}

/** 1536 -> "1,5 KB" (id) / "1.5 KB" (en). Binary units, as browsers report quota in bytes. */
export function formatBytes(bytes: number, lang: 'id' | 'en' = 'id'): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', {
    maximumFractionDigits: digits,
  }).format(value);
  return `${text} ${units[unit]}`;
}

/** Walks the chain an error may be wrapped in: Dexie's `inner`, `cause`, a failed request's `target.error`. */
function errorChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  while (current && typeof current === 'object' && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    const o = current as { inner?: unknown; cause?: unknown; target?: { error?: unknown } };
    current = o.inner ?? o.cause ?? o.target?.error;
  }
  return chain;
}

export function isQuotaError(err: unknown): boolean {
  return errorChain(err).some((e) => {
    const o = e as { name?: unknown; code?: unknown; message?: unknown };
    return (
      o.name === 'QuotaExceededError' ||
      o.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
      o.code === 22 ||
      (typeof o.message === 'string' && /quota/i.test(o.message))
    );
  });
}

/** A clear bilingual message for a failed local write. */
export function describeStorageError(err: unknown): StorageErrorInfo {
  if (isQuotaError(err)) {
    return {
      kind: 'quota',
      id:
        'Ruang penyimpanan di perangkat ini penuh. Perubahan terakhir belum tersimpan, tetapi masih ada di layar: ' +
        'jangan tutup halaman ini. Kosongkan ruang (hapus berkas atau aplikasi yang tidak dipakai), lalu coba lagi.',
      en:
        'Storage on this device is full. Your last change is not saved yet but is still on screen: do not close ' +
        'this page. Free some space (delete unused files or apps), then try again.',
    };
  }
  const names = errorChain(err).map((e) => (e as { name?: unknown }).name);
  if (names.some((n) => n === 'InvalidStateError' || n === 'UnknownError' || n === 'DatabaseClosedError')) {
    return {
      kind: 'unavailable',
      id:
        'Penyimpanan di perangkat ini tidak dapat dipakai saat ini (mungkin mode penyamaran atau data situs ' +
        'sedang dihapus). Perubahan belum tersimpan. Muat ulang halaman lalu coba lagi.',
      en:
        'Storage on this device cannot be used right now (private mode, or site data being cleared). The change ' +
        'is not saved. Reload the page and try again.',
    };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return {
    kind: 'unknown',
    id: `Perubahan belum tersimpan di perangkat ini: ${detail}`,
    en: `The change was not saved on this device: ${detail}`,
  };
}

const LS_MARKER = 'rintis:local-data';
const MARKER_DB = 'rintis-durability';
const MARKER_STORE = 'marker';
const MARKER_KEY = 'local-data';

function openMarkerDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(MARKER_DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(MARKER_STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('marker db'));
  });
}

function markerRequest<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openMarkerDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(MARKER_STORE, mode);
        const req = run(tx.objectStore(MARKER_STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          reject(tx.error ?? new Error('marker tx'));
        };
      }),
  );
}

/** Records that this browser now holds local data (call after a record is saved; cheap to call again). */
export async function markLocalData(now = Date.now()): Promise<void> {
  if (localStorage.getItem(LS_MARKER) === null) localStorage.setItem(LS_MARKER, String(now));
  const existing = await markerRequest('readonly', (s) => s.get(MARKER_KEY));
  if (existing === undefined) await markerRequest('readwrite', (s) => s.put(now, MARKER_KEY));
}

/**
 * True when this browser had local data (localStorage marker) but the IndexedDB marker is gone: the browser evicted
 * or the user cleared the databases. Clearing both together (site data cleared) cannot be detected on the device.
 */
export async function detectEviction(): Promise<boolean> {
  if (typeof localStorage === 'undefined' || typeof indexedDB === 'undefined') return false;
  if (localStorage.getItem(LS_MARKER) === null) return false;
  const marker = await markerRequest('readonly', (s) => s.get(MARKER_KEY));
  return marker === undefined;
}

/** After the user read the warning: forget the old marker (a new one is written with the next saved record). */
export function acknowledgeEviction(): void {
  localStorage.removeItem(LS_MARKER);
}
