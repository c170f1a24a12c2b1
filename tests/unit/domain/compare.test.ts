import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareSections,
  defaultComparison,
  diffWords,
  sortSubmissions,
} from '../../../src/shared/domain/compare';

const side = (parts: ReturnType<typeof diffWords>, which: 'before' | 'after') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === (which === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('diffWords', () => {
  it('marks a replaced word as removed then added, the rest kept', () => {
    expect(diffWords('Layanan antar obat ke rumah.', 'Layanan antar jemput obat ke rumah warga.')).toEqual([
      { kind: 'same', text: 'Layanan antar ' },
      { kind: 'added', text: 'jemput ' },
      { kind: 'same', text: 'obat ke ' },
      { kind: 'removed', text: 'rumah.' },
      { kind: 'added', text: 'rumah warga.' },
    ]);
  });

  it('gives one "same" part for equal texts and nothing for two empty ones', () => {
    expect(diffWords('Sama saja.', 'Sama saja.')).toEqual([{ kind: 'same', text: 'Sama saja.' }]);
    expect(diffWords('', '')).toEqual([]);
  });

  it('shows a new text as added and a cleared one as removed', () => {
    expect(diffWords('', 'Baru ditulis.')).toEqual([{ kind: 'added', text: 'Baru ditulis.' }]);
    expect(diffWords('Dihapus semua.', '')).toEqual([{ kind: 'removed', text: 'Dihapus semua.' }]);
  });

  it('keeps paragraphs: line breaks are tokens like spaces', () => {
    const parts = diffWords('Satu.\n\nDua.', 'Satu.\n\nDua dan tiga.');
    expect(side(parts, 'after')).toBe('Satu.\n\nDua dan tiga.');
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['Dua dan tiga.']);
  });

  it('gives both texts back exactly from its parts (property)', () => {
    const word = fc.constantFrom('obat', 'puskesmas', 'antar', 'warga', 'Desa', '.', 'layanan');
    const text = fc
      .array(fc.tuple(word, fc.constantFrom(' ', '  ', '\n', '\n\n')), { maxLength: 30 })
      .map((pairs) => pairs.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = diffWords(a, b);
        expect(side(parts, 'before')).toBe(a);
        expect(side(parts, 'after')).toBe(b);
        // Runs of one kind are joined.
        for (let i = 1; i < parts.length; i++) expect(parts[i]!.kind).not.toBe(parts[i - 1]!.kind);
      }),
    );
  });

  it('compares a long section with a small edit quickly', () => {
    const long = Array.from({ length: 3_000 }, (_, i) => `kata${i}`).join(' ');
    const edited = long.replace('kata1500', 'kata1500 baru');
    const started = performance.now();
    const parts = diffWords(long, edited);
    expect(performance.now() - started).toBeLessThan(200);
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([{ kind: 'added', text: 'baru ' }]);
  });
});

describe('compareSections', () => {
  it('lists sections in template order, then the others, with their status and word counts', () => {
    const result = compareSections(
      { ringkasan: 'Antar obat.', latar: 'Jauh.', lama: 'Bagian lama.' },
      { ringkasan: 'Antar jemput obat.', latar: 'Jauh.', baru: 'Bagian baru sekali.' },
      ['latar', 'ringkasan', 'tujuan'],
    );
    expect(result.map((s) => [s.key, s.status, s.addedWords, s.removedWords])).toEqual([
      ['latar', 'same', 0, 0],
      ['ringkasan', 'changed', 1, 0],
      ['baru', 'added', 3, 0],
      ['lama', 'removed', 0, 2],
    ]);
    expect(result[0]!.changed).toBe(false);
  });
});

describe('choosing submissions', () => {
  const s = (id: string, number: number, submittedAt: number) => ({ id, number, submittedAt });

  it('compares the last two by default, oldest first', () => {
    const list = [s('c', 3, 30), s('a', 1, 10), s('b', 2, 20)];
    expect(defaultComparison(list)).toEqual({ before: s('b', 2, 20), after: s('c', 3, 30) });
    expect(defaultComparison([s('a', 1, 10)])).toEqual({ before: null, after: s('a', 1, 10) });
    expect(defaultComparison([])).toBeNull();
  });

  it('orders two phones that both counted "2" by time, then id', () => {
    expect(sortSubmissions([s('y', 2, 20), s('x', 2, 20), s('a', 1, 10)]).map((x) => x.id)).toEqual([
      'a',
      'x',
      'y',
    ]);
  });
});
