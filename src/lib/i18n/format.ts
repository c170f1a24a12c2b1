/** Dates as typed by a person (no time zone), shown in a language's own format. */
const DATE_LOCALES = { id: 'id-ID', en: 'en-GB' } as const;

export function formatLocal(value: string, locale: keyof typeof DATE_LOCALES): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
  return formatter(locale, h !== undefined).format(date);
}

// Building an Intl.DateTimeFormat costs far more than formatting with one; a list of 50 sessions on a slow
// phone would pay it 50 times per render. One per locale and style is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: keyof typeof DATE_LOCALES, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(DATE_LOCALES[locale], {
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}
