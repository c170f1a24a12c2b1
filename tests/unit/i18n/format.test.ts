/** `format` (shared) fills message templates; `defineStrings` makes a feature's lookup that follows the language. */
import { afterEach, describe, expect, it } from 'vitest';
import { format } from '../../../src/shared/format';
import { defineStrings, locale } from '../../../src/lib/i18n/index.svelte';

describe('format', () => {
  it('fills every placeholder, numbers included, and leaves one without a value as written', () => {
    expect(format('{n} catatan dari {unit}, {missing}', { n: 3, unit: 'Puskesmas Malili' })).toBe(
      '3 catatan dari Puskesmas Malili, {missing}',
    );
  });

  it('returns the template as it is without values', () => {
    expect(format('Gagal: {error}')).toBe('Gagal: {error}');
  });
});

describe('defineStrings', () => {
  afterEach(() => locale.set('id'));

  it('reads the template in the current language at each call', () => {
    const lookup = defineStrings({ id: { saved: 'Tersimpan: {name}' }, en: { saved: 'Saved: {name}' } });
    locale.set('id');
    expect(lookup('saved', { name: 'Rancangan A' })).toBe('Tersimpan: Rancangan A');
    locale.set('en');
    expect(lookup('saved', { name: 'Draft A' })).toBe('Saved: Draft A');
  });

  it('reads a given language whatever the screen shows', () => {
    const lookup = defineStrings({ id: { saved: 'Tersimpan: {name}' }, en: { saved: 'Saved: {name}' } });
    locale.set('id');
    expect(lookup.in('en')('saved', { name: 'Draft A' })).toBe('Saved: Draft A');
    expect(lookup.in('id')('saved')).toBe('Tersimpan: {name}');
  });
});
