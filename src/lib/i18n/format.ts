/**
 * Dates as typed by a person (no time zone), shown in a language's own format: what `Intl.DateTimeFormat` gives
 * with `dateStyle: 'medium'` (and `timeStyle: 'short'`) for id-ID and en-GB, "7 Des 2026, 09.05" and
 * "7 Dec 2026, 09:05". Written out instead of asking Intl: building the first DateTimeFormat loads ICU's date
 * patterns, about 0.1 s on a slow phone (4x CPU) in the home screen's first render, for two fixed formats.
 * tests/unit/i18n/format-local.test.ts checks every month against Intl.
 */
const FORMATS = {
  id: {
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
    timeSeparator: '.',
  },
  en: {
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'],
    timeSeparator: ':',
  },
} as const;

const twoDigits = (n: number) => String(n).padStart(2, '0');

export type DateLocale = keyof typeof FORMATS;

export function formatLocal(value: string, locale: DateLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi] = m;
  // Through Date, as Intl did: an impossible day (31 February) rolls over the same way.
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
  return formatDate(date, locale, h !== undefined);
}

/** A moment in the phone's time zone: "7 Des 2026", with its time "7 Des 2026, 09.05". */
export function formatDate(date: Date, locale: DateLocale, withTime: boolean): string {
  const day = `${dayAndMonth(date, locale)} ${date.getFullYear()}`;
  return withTime ? `${day}, ${formatTime(date, locale)}` : day;
}

/** "7 Des" (en: "7 Dec"). */
export function dayAndMonth(date: Date, locale: DateLocale): string {
  return `${date.getDate()} ${FORMATS[locale].months[date.getMonth()]}`;
}

/** "09.05" (en: "09:05"). */
export function formatTime(date: Date, locale: DateLocale): string {
  return `${twoDigits(date.getHours())}${FORMATS[locale].timeSeparator}${twoDigits(date.getMinutes())}`;
}
