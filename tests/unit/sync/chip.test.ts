/**
 * The header's one word never says more than the full sentence, and the button's name holds both: the word a
 * sighted person reads (WCAG 2.5.3) and the sentence with the count.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/lib/i18n/index.svelte';
import type { SyncHeadline } from '../../../src/lib/sync/headline';
import { st } from '../../../src/lib/sync/strings';
import { chipName, syncChip } from '../../../src/ui/sync/chip';
import { headlineText } from '../../../src/ui/sync/facts';

const HEADLINES: SyncHeadline[] = [
  { state: 'synced' },
  { state: 'syncing', waiting: 2 },
  { state: 'offline', waiting: 0 },
  { state: 'offline', waiting: 3 },
  { state: 'error', waiting: 1 },
  { state: 'waiting', waiting: 4 },
  { state: 'unconfirmed' },
  { state: 'signed-out' },
  { state: 'rejected', count: 2 },
];

afterEach(() => locale.set('id'));

describe('sync chip', () => {
  it.each(['id', 'en'] as const)(
    '%s: the name holds the word and the whole sentence, for every state',
    (lang) => {
      locale.set(lang);
      for (const headline of HEADLINES) {
        for (const lastSyncAt of [null, 1_700_000_000_000]) {
          const word = st(syncChip(headline).word);
          const sentence = headlineText({ headline, lastSyncAt });
          const name = chipName(word, sentence);
          expect(name.toLowerCase()).toContain(word.toLowerCase());
          expect(name).toContain(sentence);
        }
      }
    },
  );

  it('says "Tersinkron" only when the headline is synced', () => {
    for (const headline of HEADLINES) {
      const said = st(syncChip(headline).word);
      expect(said === 'Tersinkron').toBe(headline.state === 'synced');
    }
  });

  it('counts what waits or was refused, and shows no zero', () => {
    expect(syncChip({ state: 'offline', waiting: 3 }).count).toBe(3);
    expect(syncChip({ state: 'offline', waiting: 0 }).count).toBeNull();
    expect(syncChip({ state: 'rejected', count: 2 }).count).toBe(2);
    expect(syncChip({ state: 'synced' }).count).toBeNull();
    expect(syncChip({ state: 'rejected', count: 2 }).tone).toBe('problem');
  });

  it('leads with the word when the sentence does not hold it', () => {
    locale.set('id');
    expect(chipName('Terjeda', 'Masuk untuk sinkronisasi')).toBe('Terjeda — Masuk untuk sinkronisasi');
    expect(chipName('Luring', 'Luring — 2 perubahan menunggu')).toBe('Luring — 2 perubahan menunggu');
  });
});
