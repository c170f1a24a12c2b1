/**
 * Every strings table of the app, found by looking for `defineStrings(` in src: each key is there and not empty in
 * both languages, plural in both or in neither, with the same `{placeholders}`; and the words follow
 * docs/vocabulary.md. The typecheck catches a missing key in a table; this catches the rest (an empty text, a
 * placeholder misspelt in one language, a word the vocabulary retired).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/shared/format';
import type { Locale } from '../../../src/lib/i18n/index.svelte';
import { ENGLISH, type EnglishNamespace } from '../../../src/lib/i18n/english';
import { REVIEW_STATUS_LABELS } from '../../../src/shared/domain/review';
import { ROLE_LABELS } from '../../../src/shared/roles';

const ROOT = join(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

type Tables = Readonly<Record<Locale, Readonly<Record<string, Message>>>>;
type DefinedTables = { id: Tables['id']; en: Tables['en'] | EnglishNamespace };
const isStrings = (v: unknown): v is { tables: DefinedTables } =>
  typeof v === 'function' && 'tables' in v && typeof v.tables === 'object';
/** A table in the lazily loaded English chunk is named by its namespace there. */
const resolved = ({ id, en }: DefinedTables): Tables => ({
  id,
  en: typeof en === 'string' ? ENGLISH[en] : en,
});

/** Every `defineStrings` result each strings file exports, by file. */
async function allTables(): Promise<{ file: string; tables: Tables }[]> {
  const files = sourceFiles(join(ROOT, 'src')).filter((f) =>
    /=\s*defineStrings[<(]/.test(readFileSync(f, 'utf8')),
  );
  const found: { file: string; tables: Tables }[] = [];
  for (const file of files) {
    const mod: Record<string, unknown> = await import(file);
    const tables = Object.values(mod).filter(isStrings);
    // A file that defines strings but exports none would escape every check below.
    expect(tables.length, relative(ROOT, file)).toBeGreaterThan(0);
    for (const t of tables) found.push({ file: relative(ROOT, file), tables: resolved(t.tables) });
  }
  return found;
}

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((p) => p[1]!))].sort();

describe('strings tables', () => {
  it('are found in every file that defines strings', async () => {
    const found = await allTables();
    expect(new Set(found.map((f) => f.file)).size).toBeGreaterThanOrEqual(21);
    expect(found.reduce((n, f) => n + Object.keys(f.tables.id).length, 0)).toBeGreaterThan(1000);
  });

  it('have every key, not empty, in both languages, plural in both or neither, with the same placeholders', async () => {
    const problems: string[] = [];
    for (const { file, tables } of await allTables()) {
      const keys = new Set([...Object.keys(tables.id), ...Object.keys(tables.en)]);
      for (const key of keys) {
        const where = `${file} ${key}`;
        const id = tables.id[key];
        const en = tables.en[key];
        if (id === undefined || en === undefined) {
          problems.push(`${where}: missing in ${id === undefined ? 'id' : 'en'}`);
          continue;
        }
        if (typeof id !== typeof en) problems.push(`${where}: plural in one language only`);
        if (typeof en !== 'string' && en.one === undefined)
          problems.push(`${where}: English plural without one`);
        const expected = placeholders(forms(id)[0]!);
        for (const [lang, message] of [
          ['id', id],
          ['en', en],
        ] as const) {
          for (const text of forms(message)) {
            if (text.trim() === '') problems.push(`${where}: empty in ${lang}`);
            const found = placeholders(text);
            if (found.join() !== expected.join())
              problems.push(`${where}: ${lang} has {${found.join('},{')}}, id has {${expected.join('},{')}}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

/**
 * Words docs/vocabulary.md retires, per language. "draf"/"draft" stays only for a template version uploaded and
 * not yet active (the template import screen), which is a different thing from a proposal.
 */
const RETIRED: Record<Locale, RegExp[]> = {
  id: [
    /\brancangan\b/i,
    /\bdraf\b/i,
    /\bsaringan\b/i,
    /\bsaring\b/i,
    /\bdata pokok\b/i,
    /\bbrowser\b/i,
    /\breview\b/i,
    /\btahap\b/i,
    /\bkoordinator\b/i,
    /\bfasilitator\b/i,
    /\busulan\b/i,
    /^(apa|siapa)$/i,
  ],
  en: [/\bdrafts?\b/i, /\bcoordinators?\b/i, /^(what|who)$/i],
};
const TEMPLATE_DRAFT_KEYS = new Set(['status.draft', 'intro', 'upload', 'uploaded']);
const allowed = (file: string, key: string) =>
  file.endsWith('templates/import-strings.ts') && TEMPLATE_DRAFT_KEYS.has(key);

describe('vocabulary', () => {
  it('no strings table uses a retired word', async () => {
    const problems: string[] = [];
    for (const { file, tables } of await allTables())
      for (const lang of ['id', 'en'] as const)
        for (const [key, message] of Object.entries(tables[lang]))
          for (const text of forms(message)) {
            // Placeholders are names in code, not words on screen.
            const words = text.replace(/\{\w+\}/g, '');
            for (const word of RETIRED[lang])
              if (word.test(words) && !allowed(file, key)) problems.push(`${file} ${lang} ${key}: ${text}`);
          }
    expect(problems).toEqual([]);
  });

  it('status and role names use it too', () => {
    for (const label of [...Object.values(REVIEW_STATUS_LABELS), ...Object.values(ROLE_LABELS)])
      for (const lang of ['id', 'en'] as const)
        for (const word of RETIRED[lang]) expect(label[lang], label[lang]).not.toMatch(word);
    expect(REVIEW_STATUS_LABELS.draft).toEqual({ id: 'Belum diajukan', en: 'Not submitted' });
    expect(ROLE_LABELS.coordinator.id).toBe('Admin lokal');
    expect(ROLE_LABELS.facilitator.id).toBe('Pendamping');
  });
});
