/** Plural messages: the template is chosen by the `count` parameter with the language's CLDR rules. */
import { afterEach, describe, expect, it } from 'vitest';
import { formatMessage, pluralCategory, selectTemplate } from '../../../src/shared/format';
import { defineStrings, locale, t } from '../../../src/lib/i18n/index.svelte';
import { st } from '../../../src/lib/sync/strings';
import { at } from '../../../src/ui/attachments/strings';
import { ft } from '../../../src/ui/followups/strings';
import { pt } from '../../../src/ui/people/strings';
import { ct } from '../../../src/ui/comments/strings';
import { tit } from '../../../src/ui/templates/import-strings';

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

describe('the app’s count messages', () => {
  it('say 1 change, 1 conflict, 2 changes in English and the same word in Indonesian', () => {
    expect(st.in('en')('status.pending', { count: 1 })).toBe('1 change not sent yet');
    expect(st.in('en')('status.pending', { count: 2 })).toBe('2 changes not sent yet');
    expect(st.in('en')('status.conflicts', { count: 1 })).toBe('1 conflict waiting');
    expect(st.in('en')('headline.offlineWaiting', { count: 1 })).toBe('Offline — 1 change waiting');
    expect(st.in('id')('status.pending', { count: 1 })).toBe('1 perubahan belum terkirim');
    expect(st.in('id')('status.pending', { count: 2 })).toBe('2 perubahan belum terkirim');
  });

  it('say (1 file), 1 day, 1 person, 1 word', () => {
    expect(at.in('en')('storageUsage', { bytes: '2 MB', count: 1 })).toBe('Attachments take 2 MB (1 file).');
    expect(at.in('en')('storageUsage', { bytes: '4 MB', count: 2 })).toBe('Attachments take 4 MB (2 files).');
    expect(ft.in('en')('overdue', { count: 1 })).toBe('Overdue by 1 day');
    expect(ft.in('en')('soon', { count: 3 })).toBe('Due in 3 days');
    expect(pt.in('en')('count', { count: 1 })).toBe('1 person');
    expect(pt.in('en')('count', { count: 2 })).toBe('2 people');
    expect(ct.in('en')('badge', { count: 1 })).toBe('1 open comment');
    expect(t.in('en')('drafts.wordsPlain', { count: 1 })).toBe('1 word');
    expect(t.in('en')('drafts.wordsPlain', { count: 0 })).toBe('0 words');
    expect(tit.in('en')('problemsTitle', { count: 1 })).toBe('The file cannot be imported (1 problem)');
    expect(ft.in('id')('overdue', { count: 1 })).toBe('Terlambat 1 hari');
  });
});
