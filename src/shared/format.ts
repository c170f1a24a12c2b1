/** Values for the `{name}` placeholders of a message template. */
export type TemplateVars = Record<string, string | number>;

/**
 * A message template with its `{name}` placeholders filled in. A placeholder without a value stays as written, so
 * a missing parameter shows on screen instead of vanishing. Pure: the phone's strings, the server's and the shared
 * readiness labels all fill their templates here.
 */
export function format(template: string, vars?: TemplateVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Plural categories of the CLDR rules `Intl.PluralRules` answers with. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/**
 * A message that depends on the number in its `count` parameter: one template per plural category the language
 * has ("1 change", "2 changes"). `other` is always there; Indonesian has no other category, so its plural
 * messages are `{ other }` alone.
 */
export type PluralMessage = { readonly other: string } & {
  readonly [C in Exclude<PluralCategory, 'other'>]?: string;
};

/** One entry of a strings table: a template, or plural templates chosen by `count`. */
export type Message = string | PluralMessage;

/**
 * The table of a second language for a source table `T`: the same keys, a template where the source has one and
 * plural templates (with `one`, as English needs) where the source is plural. Used as `satisfies
 * Translation<typeof id>`, so a missing key or a plural written as a plain string fails the typecheck.
 */
export type Translation<T> = {
  [K in keyof T]: T[K] extends string ? string : PluralMessage & { readonly one: string };
};

// One PluralRules per language: building one is the costly part, choosing is cheap.
const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural category of `count` in `lang` (a BCP 47 tag: 'id', 'en'). */
export function pluralCategory(lang: string, count: number): PluralCategory {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

/**
 * The template of a message for `vars.count` in `lang`: a plain template as it is; of plural templates the one of
 * the count's category, else `other` (also when `count` is missing or not a number, so nothing vanishes).
 */
export function selectTemplate(message: Message, lang: string, vars?: TemplateVars): string {
  if (typeof message === 'string') return message;
  const count = vars?.count;
  if (typeof count !== 'number') return message.other;
  return message[pluralCategory(lang, count)] ?? message.other;
}

/** A message in `lang` with its template chosen for `vars.count` and its placeholders filled in. */
export function formatMessage(message: Message, lang: string, vars?: TemplateVars): string {
  return format(selectTemplate(message, lang, vars), vars);
}
