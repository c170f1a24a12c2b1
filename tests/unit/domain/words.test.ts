import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countWords } from '../../../src/shared/domain/words';

describe('countWords (Indonesian text)', () => {
  it.each([
    ['', 0],
    ['   \n\t  ', 0],
    ['Pelayanan publik', 2],
    ['Pelayanan    publik   yang  cepat', 4],
    ['Baris satu\nbaris dua\r\n\r\nbaris tiga', 6],
    ['anak-anak bermain di taman', 4],
    ['kupu-kupu, sayur-mayur, dan bolak-balik.', 4],
    ['Data, analisis; hasil: selesai!', 4],
    ['Target 25% tercapai pada 2023 dengan Rp 1.000.000', 8],
    ['- butir pertama\n- butir kedua', 4],
    ['Bagus 👍 sekali 🎉🎉', 2],
    ['... — ! ? 👍', 0],
    ['tujuan—hasil', 2],
    ['dan/atau', 1],
    ['Ké-se-hat-an  masyarakat', 2],
    ['kata\u00a0berikutnya\u200bdan', 3],
    ['(1) Kepastian hukum; (2) keterbukaan', 5],
  ])('%j -> %i', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it('counts a long section quickly and exactly', () => {
    const text = Array.from({ length: 600 }, (_, i) => `kata${i}`).join(' \n ');
    expect(countWords(text)).toBe(600);
  });
});

describe('countWords properties', () => {
  it('is additive over a space and ignores extra whitespace', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(countWords(`${a} ${b}`)).toBe(countWords(a) + countWords(b));
        expect(countWords(`  ${a}\n\n\t${b}  `)).toBe(countWords(`${a} ${b}`));
      }),
    );
  });
});
