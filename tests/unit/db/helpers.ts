import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { databaseName, type OpenOptions } from '../../../src/lib/db/context';
import { DexieLocalStore } from '../../../src/lib/db/store';
import type { Draft } from '../../../src/shared/records';
import { aDraft } from '../../factories';

const opened: DexieLocalStore[] = [];

/** A store on a fresh database of its own (unique user id), closed and deleted by `cleanup`. */
export async function freshStore(opts: Partial<OpenOptions> = {}): Promise<DexieLocalStore> {
  const store = await DexieLocalStore.open({ userId: opts.userId ?? `test-${uuidv7()}`, ...opts });
  opened.push(store);
  return store;
}

export async function cleanup(): Promise<void> {
  const stores = opened.splice(0);
  for (const s of stores) s.close();
  for (const name of new Set(stores.map((s) => s.name))) await Dexie.delete(name);
}

export { databaseName };

/** A draft as the server sends it (another author, rev 3), with `over` on top. */
export function serverDraft(over: Parameters<typeof aDraft>[0] = {}): Draft {
  return aDraft({
    updatedAt: 2,
    createdBy: 'other',
    updatedBy: 'other',
    rev: 3,
    fieldVersions: { title: 3, 'sections.ringkasan': 2 },
    title: 'Judul server',
    ...over,
  });
}
