/**
 * Translation: `t(key, params)` reads the current locale (a rune), so every string re-renders when the user
 * switches language. Indonesian is the default and the source; the choice is kept in localStorage and
 * `<html lang>` follows it.
 */
import { formatMessage, type Message, type TemplateVars, type Translation } from '../../shared/format';
import { en } from './en';
import { formatLocal } from './format';
import { id, type MessageKey } from './id';

export type { MessageKey };
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'rintis.locale';

function readStored(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'id';
  } catch {
    // Storage can be blocked (private mode, policies): Indonesian is the safe default.
    return 'id';
  }
}

class LocaleState {
  #current = $state<Locale>(readStored());

  constructor() {
    this.#applyLang();
  }

  get current(): Locale {
    return this.#current;
  }

  set(locale: Locale): void {
    this.#current = locale;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Not persisted: the choice still holds for this visit.
    }
    this.#applyLang();
  }

  /** For tests: back to the stored (or default) locale. */
  reset(): void {
    this.#current = readStored();
    this.#applyLang();
  }

  #applyLang(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.#current;
  }
}

export const locale = new LocaleState();

/** A feature's strings: `st(key, params)` in the current language, `st.in(lang)` in a given one. */
export interface Strings<K extends string> {
  (key: K, params?: TemplateVars): string;
  /** The same strings in `lang`, whatever the screen shows (a document's language, both languages in a log). */
  in(lang: Locale): (key: K, params?: TemplateVars) => string;
  /** Both tables as written, for the test that checks every table (keys, placeholders, words). */
  readonly tables: Readonly<Record<Locale, Readonly<Record<K, Message>>>>;
}

/** The keys of a feature's strings (`StringKey<typeof st>`). */
export type StringKey<S> = S extends Strings<infer K> ? K : never;

/**
 * One set of strings from its Indonesian table (the source) and its English one, which must have every key, and
 * plural templates (`{ one, other }`, chosen by the `count` parameter) where Indonesian has them (`{ other }`).
 * Its table says `satisfies Translation<typeof id>` so an extra key is caught there too. Each feature's strings
 * file makes its own lookup with it (`at`, `st`, `ut`, ...): the template of a key in the current language, with
 * `{name}` parameters filled in.
 */
export function defineStrings<T extends Record<string, Message>>(tables: {
  id: T;
  en: NoInfer<Translation<T>>;
}): Strings<keyof T & string> {
  type K = keyof T & string;
  const inLang = (lang: Locale) => (key: K, params?: TemplateVars) =>
    formatMessage(tables[lang][key], lang, params);
  return Object.assign((key: K, params?: TemplateVars) => inLang(locale.current)(key, params), {
    in: inLang,
    tables,
  });
}

export const t = defineStrings({ id, en });

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
