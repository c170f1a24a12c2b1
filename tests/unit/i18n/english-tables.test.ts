import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGLISH, type EnglishNamespace } from '../../../src/lib/i18n/english';
import { id as mainId } from '../../../src/lib/i18n/id';

/** Every source file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

const SRC = join(import.meta.dirname, '../../../src');
/** Strings files whose English table is lazy: `defineStrings({ id, en: '<namespace>' })`. */
const lazy = sources(SRC).flatMap((path) => {
  const m = /defineStrings(?:<\w+>)?\(\{ id, en: '(\w+)' \}\)/.exec(readFileSync(path, 'utf8'));
  return m ? [{ path, namespace: m[1] as EnglishNamespace }] : [];
});

describe('the lazily loaded English tables', () => {
  it('each namespace is named by exactly one strings file, and every table in english.ts is used', () => {
    const named = lazy.map((l) => l.namespace).sort();
    expect(named).toEqual(Object.keys(ENGLISH).sort());
  });

  it.each(lazy.map((l) => [relative(SRC, l.path), l] as const))(
    '%s has the same keys in Indonesian and in its English table',
    async (_name, { path, namespace }) => {
      const module = (await import(path)) as { id?: Record<string, string> };
      const source = path.endsWith('index.svelte.ts') ? mainId : module.id;
      expect(source, `${path} exports its Indonesian table as \`id\``).toBeDefined();
      expect(Object.keys(ENGLISH[namespace]).sort()).toEqual(Object.keys(source ?? {}).sort());
    },
  );
});
