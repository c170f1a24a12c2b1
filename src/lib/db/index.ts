/**
 * The local store, the only path to IndexedDB. One database per signed-in user (`rintis-user-<id>`), and
 * `rintis-guest` before sign-in, so a shared phone never mixes people's data. The roles a caller can depend on
 * are in types.ts.
 */
import { liveQuery } from 'dexie';
import { readable, type Readable } from 'svelte/store';
import type { OpenOptions } from './context';
import { DexieLocalStore } from './store';
import type { LocalStore } from './types';

export { databaseName, type OpenOptions } from './context';
export { StoreError, type StoreErrorCode } from './errors';
export type {
  AttachmentStore,
  BackupStore,
  BlobStore,
  ImportCounts,
  ImportedRecord,
  ListQuery,
  LocalStore,
  MetaStore,
  OutboxEntry,
  QuarantineStore,
  QuarantinedRecord,
  RecordStore,
  SyncStore,
} from './types';

export async function openLocalStore(opts: OpenOptions): Promise<LocalStore> {
  return DexieLocalStore.open(opts);
}

export interface LiveObserver<T> {
  next: (value: T) => void;
  error?: (error: unknown) => void;
}

/**
 * A Dexie live query: re-runs `fn` whenever the tables it read change, in this tab or another one (Dexie
 * broadcasts between tabs).
 * - `observe(fn)` returns a Svelte readable that holds `undefined` until the first result; errors are logged
 *   and the last good value stays.
 * - `observe(fn, { next, error })` calls the observer and returns the function that ends the subscription (fits
 *   a `$effect` cleanup).
 */
export function observe<T>(fn: () => Promise<T>): Readable<T | undefined>;
export function observe<T>(fn: () => Promise<T>, observer: LiveObserver<T>): () => void;
export function observe<T>(
  fn: () => Promise<T>,
  observer?: LiveObserver<T>,
): Readable<T | undefined> | (() => void) {
  const logError = (e: unknown) => console.error('Rintis: live query failed', e);
  if (observer) {
    const subscription = liveQuery(fn).subscribe({ next: observer.next, error: observer.error ?? logError });
    return () => subscription.unsubscribe();
  }
  return readable<T | undefined>(undefined, (set) => {
    const subscription = liveQuery(fn).subscribe({ next: set, error: logError });
    return () => subscription.unsubscribe();
  });
}
