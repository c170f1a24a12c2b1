/** Plural messages: the template is chosen by the `count` parameter with the language's CLDR rules. */
import { afterEach, describe, expect, it } from 'vitest';
import { formatMessage, pluralCategory, selectTemplate } from '../../../src/shared/format';
import { defineStrings, locale } from '../../../src/lib/i18n/index.svelte';

const pending = {
  id: { other: '{count} perubahan belum terkirim' },
  en: { one: '{count} change not sent yet', other: '{count} changes not sent yet' },
};

describe('pluralCategory', () => {
  it('follows each language: English has one and other, Indonesian only other', () => {
    expect([0, 1, 2, 21].map((n) => pluralCategory('en', n))).toEqual(['other', 'one', 'other', 'other']);
    expect([0, 1, 2].map((n) => pluralCategory('id', n))).toEqual(['other', 'other', 'other']);
  });
});

describe('formatMessage', () => {
  it('chooses the English template by count', () => {
    expect(formatMessage(pending.en, 'en', { count: 1 })).toBe('1 change not sent yet');
    expect(formatMessage(pending.en, 'en', { count: 2 })).toBe('2 changes not sent yet');
    expect(formatMessage(pending.en, 'en', { count: 0 })).toBe('0 changes not sent yet');
  });

  it('uses the one Indonesian template for every count', () => {
    expect(formatMessage(pending.id, 'id', { count: 1 })).toBe('1 perubahan belum terkirim');
    expect(formatMessage(pending.id, 'id', { count: 5 })).toBe('5 perubahan belum terkirim');
  });

  it('falls back to other without a numeric count, and leaves plain templates alone', () => {
    expect(selectTemplate(pending.en, 'en')).toBe('{count} changes not sent yet');
    expect(selectTemplate(pending.en, 'en', { count: '1' })).toBe('{count} changes not sent yet');
    expect(formatMessage('Tersimpan: {name}', 'id', { name: 'A', count: 1 })).toBe('Tersimpan: A');
  });

  it('falls back to other for a category the message does not spell out', () => {
    // Arabic has "two"; a message that only has one and other still reads.
    expect(formatMessage({ one: 'one {count}', other: 'many {count}' }, 'ar', { count: 2 })).toBe('many 2');
  });
});

describe('defineStrings with plurals', () => {
  afterEach(() => locale.set('id'));

  it('picks the plural template of the current language', () => {
    const lookup = defineStrings({ id: { pending: pending.id }, en: { pending: pending.en } });
    locale.set('en');
    expect(lookup('pending', { count: 1 })).toBe('1 change not sent yet');
    expect(lookup('pending', { count: 2 })).toBe('2 changes not sent yet');
    expect(lookup.in('id')('pending', { count: 1 })).toBe('1 perubahan belum terkirim');
  });

  it('rejects at compile time an English table that is not plural where Indonesian is', () => {
    defineStrings({
      id: { pending: pending.id, saved: 'Tersimpan' },
      // @ts-expect-error: a plural key must be plural (with `one`) in English too
      en: { pending: '{count} changes not sent yet', saved: 'Saved' },
    });
    defineStrings({
      id: { pending: pending.id },
      // @ts-expect-error: English plural needs its `one` form
      en: { pending: { other: '{count} changes not sent yet' } },
    });
    defineStrings({
      id: { saved: 'Tersimpan' },
      // @ts-expect-error: a plain key stays plain
      en: { saved: { one: 'Saved', other: 'Saved' } },
    });
  });
});
