/**
 * Translation: `t(key, params)` reads the current locale (a rune), so every string re-renders when the user
 * switches language. Indonesian is the default and the source; the choice is kept in localStorage and
 * `<html lang>` follows it.
 *
 * Most English tables are not in the precache: they load in one chunk (`english.ts`) when English is chosen, and
 * the service worker keeps that chunk once fetched. The Indonesian majority never downloads them (issue #14's
 * precache budget); an English phone loads them before the first render (`locale.restore()` in main.ts).
 */
import { formatMessage, type Message, type TemplateVars, type Translation } from '../../shared/format';
import { formatLocal } from './format';
import { id, type MessageKey } from './id';
import type { EnglishNamespace } from './english';
import { englishLoaded, englishTable, registerEnglish } from './english-registry';

export { englishLoaded, registerEnglish };

export type { MessageKey };
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'rintis.locale';

/** Fetches the English tables' chunk (from the service worker's cache once fetched online). */
export async function loadEnglish(): Promise<void> {
  if (englishLoaded()) return;
  const { ENGLISH } = await import('./english');
  registerEnglish(ENGLISH);
}

function readStored(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'id';
  } catch {
    // Storage can be blocked (private mode, policies): Indonesian is the safe default.
    return 'id';
  }
}

/** A stored choice of English counts only once its tables are here; until then the screen speaks Indonesian. */
function usable(locale: Locale): Locale {
  return locale === 'en' && !englishLoaded() ? 'id' : locale;
}

class LocaleState {
  #current = $state<Locale>(usable(readStored()));

  constructor() {
    this.#applyLang();
  }

  get current(): Locale {
    return this.#current;
  }

  /** The stored choice, after loading its tables: main.ts awaits it before the first render. */
  async restore(): Promise<void> {
    if (readStored() === 'en') await this.choose('en').catch(() => undefined);
  }

  /**
   * What the language setting calls: loads English first (rejects, changing nothing, when it cannot be fetched:
   * offline before English was ever used on this phone).
   */
  async choose(locale: Locale): Promise<void> {
    if (locale === 'en') await loadEnglish();
    this.set(locale);
  }

  /** Switches at once; English needs its tables registered (`choose` loads them; tests' setup registers them). */
  set(locale: Locale): void {
    this.#current = usable(locale);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Not persisted: the choice still holds for this visit.
    }
    this.#applyLang();
  }

  /** For tests: back to the stored (or default) locale. */
  reset(): void {
    this.#current = usable(readStored());
    this.#applyLang();
  }

  #applyLang(): void {
    // Only a change: index.html already says "id", and writing the attribute again restyles the whole page.
    if (typeof document !== 'undefined' && document.documentElement.lang !== this.#current)
      document.documentElement.lang = this.#current;
  }
}

export const locale = new LocaleState();

/** A feature's strings: `st(key, params)` in the current language, `st.in(lang)` in a given one. */
export interface Strings<K extends string> {
  (key: K, params?: TemplateVars): string;
  /** The same strings in `lang`, whatever the screen shows (a document's language, both languages in a log). */
  in(lang: Locale): (key: K, params?: TemplateVars) => string;
  /** Both tables as written, for the test that checks every table (keys, placeholders, words). */
  readonly tables: {
    readonly id: Readonly<Record<K, Message>>;
    readonly en: Readonly<Record<K, Message>> | EnglishNamespace;
  };
}

/** The keys of a feature's strings (`StringKey<typeof st>`). */
export type StringKey<S> = S extends Strings<infer K> ? K : never;

/**
 * One set of strings from its Indonesian table (the source) and its English one, which must have every key, and
 * plural templates (`{ one, other }`, chosen by the `count` parameter) where Indonesian has them (`{ other }`).
 * Its table says `satisfies Translation<typeof id>` so an extra key is caught there too. Each feature's strings
 * file makes its own lookup with it (`at`, `st`, `ut`, ...): the template of a key in the current language, with
 * `{name}` parameters filled in.
 *
 * `en` is the table itself, or the namespace under which `english.ts` lists it (a table in the lazily loaded
 * English chunk). Until that chunk is here a key falls back to its Indonesian text, never to nothing.
 */
export function defineStrings<T extends Record<string, Message>>(tables: {
  id: T;
  en: NoInfer<Translation<T>> | EnglishNamespace;
}): Strings<keyof T & string> {
  type K = keyof T & string;
  const source: Record<K, Message> = tables.id;
  const { en } = tables;
  const english = (): Readonly<Record<string, Message>> | undefined =>
    typeof en === 'string' ? englishTable(en) : en;
  // Until the English chunk is here a key falls back to its Indonesian text (and Indonesian plural rules).
  const inLang = (lang: Locale) => (key: K, params?: TemplateVars) => {
    const message = lang === 'en' ? english()?.[key] : undefined;
    return message === undefined
      ? formatMessage(source[key], 'id', params)
      : formatMessage(message, 'en', params);
  };
  return Object.assign((key: K, params?: TemplateVars) => inLang(locale.current)(key, params), {
    in: inLang,
    tables,
  });
}

export const t = defineStrings({ id, en: 'main' });

/** Picks the current language from template data (`{ id, en }` objects in the template files). */
export function pick(text: { id: string; en: string } | undefined): string {
  if (!text) return '';
  return locale.current === 'en' ? text.en : text.id;
}

/** Shared schema messages are "Indonesian / English": show the half in the current language. */
export function localizeMessage(message: string): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  return (locale.current === 'en' ? parts[1] : parts[0]) ?? message;
}

/** `YYYY-MM-DDTHH:mm` or `YYYY-MM-DD` (local, as typed) shown in the current language. */
export function formatLocalDateTime(value: string): string {
  return formatLocal(value, locale.current);
}
