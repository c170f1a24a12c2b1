/**
 * The local store's code (Dexie, the zod record schemas, the template registry) is a separate chunk, loaded
 * while the shell paints: it is most of the app's JavaScript, and the first screen's budget is 60 KB gzip.
 * Screens render only once a store is open, so by then `dataModule()` is there.
 */
type DataModule = typeof import('../db');

let loaded: DataModule | null = null;
let loading: Promise<DataModule> | null = null;

export function loadDataModule(): Promise<DataModule> {
  loading ??= import('../db').then((mod) => (loaded = mod));
  return loading;
}

/** The loaded module; throws if called before `loadDataModule()` resolved (a bug, not a user error). */
export function dataModule(): DataModule {
  if (!loaded) throw new Error('Modul data belum dimuat / data module not loaded yet');
  return loaded;
}
