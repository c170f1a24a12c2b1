/**
 * The local store's code (Dexie, the zod record schemas, the template registry) is a separate chunk, loaded
 * while the shell paints: it is most of the app's JavaScript, and the first screen's budget is 60 KB gzip.
 * Screens render only once a store is open, so by then `dataModule()` is there.
 */
type DataModule = typeof import('../db');

let loaded: DataModule | null = null;
let loading: Promise<DataModule> | null = null;

/**
 * The data code in stages, each evaluated in a task of its own (issue #14). Imported at once, Dexie, the
 * templates (zod, the template schemas, their JSON checked as the module loads), the record schemas and the store
 * evaluate in one task of about half a second on a slow phone, which Lighthouse counts as blocking time; apart,
 * each is shorter and the page answers input in between. A chunk evaluates once, when the last file of the first
 * import that needs it arrives, so a stage that needs another's chunk starts only after that one ran: Dexie and
 * the templates download side by side, then the record schemas and the store (vite.config.ts gives the templates
 * and the record schemas a chunk each).
 */
export function loadDataModule(): Promise<DataModule> {
  loading ??= (async () => {
    await Promise.all([import('dexie'), import('../../shared/templates')]);
    // The record schemas' chunk is small and arrives first: it evaluates alone, the store's code after it.
    const [, db] = await Promise.all([import('../../shared/records'), import('../db')]);
    return db;
  })().then((mod) => (loaded = mod));
  return loading;
}

/** The loaded module; throws if called before `loadDataModule()` resolved (a bug, not a user error). */
export function dataModule(): DataModule {
  if (!loaded) throw new Error('Modul data belum dimuat / data module not loaded yet');
  return loaded;
}
