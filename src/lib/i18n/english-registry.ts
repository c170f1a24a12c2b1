/**
 * Where the lazily loaded English tables live once fetched (`loadEnglish` in index.svelte.ts) or registered by a
 * test's setup. Plain module, no runes: pure code that labels things in both languages at once (conflict-parts.ts)
 * reads it too, without importing the English tables into the precached chunks.
 */
import type { Message } from '../../shared/format';
import type { EnglishNamespace } from './english';

type Table = Readonly<Record<string, Message>>;

/** Not reactive on purpose: the screen switches to English (the `locale` rune) only after they are all here. */
const englishTables = new Map<EnglishNamespace, Table>();

/** Registers the English tables (what `english.ts` exports): `loadEnglish` does it, and tests' setup files. */
export function registerEnglish(tables: Readonly<Record<EnglishNamespace, Table>>): void {
  for (const [namespace, table] of Object.entries(tables))
    englishTables.set(namespace as EnglishNamespace, table);
}

export function englishLoaded(): boolean {
  return englishTables.size > 0;
}

/** A namespace's English table, or undefined before the English chunk is here. */
export function englishTable(namespace: EnglishNamespace): Table | undefined {
  return englishTables.get(namespace);
}
