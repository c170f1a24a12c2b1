/** Dates as typed by a person (no time zone), shown in a language's own format. */
const DATE_LOCALES = { id: 'id-ID', en: 'en-GB' } as const;

export function formatLocal(value: string, locale: keyof typeof DATE_LOCALES): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    dateStyle: 'medium',
    ...(h !== undefined ? { timeStyle: 'short' } : {}),
  }).format(date);
}
