import { describe, expect, it } from 'vitest';
import { dayAndMonth, formatLocal, formatTime } from '../../../src/lib/i18n/format';

const INTL_LOCALES = { id: 'id-ID', en: 'en-GB' } as const;

describe('formatLocal', () => {
  it('writes every month, with and without a time, as Intl.DateTimeFormat does', () => {
    for (const locale of ['id', 'en'] as const) {
      const dateOnly = new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: 'medium' });
      const withTime = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
        dateStyle: 'medium',
        timeStyle: 'short',
      });
      for (let month = 1; month <= 12; month++) {
        for (const [day, hour, minute] of [
          [1, 0, 0],
          [9, 9, 5],
          [28, 23, 59],
        ] as const) {
          const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const asDate = new Date(2026, month - 1, day, hour, minute);
          expect(formatLocal(date, locale)).toBe(dateOnly.format(asDate));
          expect(formatLocal(`${date}T${time}`, locale)).toBe(withTime.format(asDate));
        }
      }
    }
  });

  it('reads as a person would', () => {
    expect(formatLocal('2026-12-07', 'id')).toBe('7 Des 2026');
    expect(formatLocal('2026-08-17T09:05', 'id')).toBe('17 Agu 2026, 09.05');
    expect(formatLocal('2026-09-07T21:30', 'en')).toBe('7 Sept 2026, 21:30');
  });

  it('rolls an impossible day over as Date does, and leaves text that is not a date as it is', () => {
    expect(formatLocal('2026-02-31', 'id')).toBe('3 Mar 2026');
    expect(formatLocal('besok pagi', 'id')).toBe('besok pagi');
    expect(formatLocal('2026-12-07T9:05', 'en')).toBe('2026-12-07T9:05');
  });

  it("writes the sync status's day and time as toLocaleDateString and toLocaleTimeString do", () => {
    for (const locale of ['id', 'en'] as const) {
      for (let month = 0; month < 12; month++) {
        const at = new Date(2026, month, 3, 14, 5);
        expect(dayAndMonth(at, locale)).toBe(
          at.toLocaleDateString(INTL_LOCALES[locale], { day: 'numeric', month: 'short' }),
        );
        expect(formatTime(at, locale)).toBe(
          at.toLocaleTimeString(INTL_LOCALES[locale], { hour: '2-digit', minute: '2-digit' }),
        );
      }
    }
  });
});
