import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeText, mergeValue } from '../../../src/shared/merge';

describe('mergeText', () => {
  it('takes the only side that changed', () => {
    expect(mergeText('a', 'a', 'b')).toBe('b');
    expect(mergeText('a', 'b', 'a')).toBe('b');
    expect(mergeText('a', 'b', 'b')).toBe('b');
  });

  it('merges edits to different paragraphs', () => {
    const base = 'Latar belakang.\n\nTujuan awal.\n\nManfaat.';
    const ours = 'Latar belakang yang baru.\n\nTujuan awal.\n\nManfaat.';
    const theirs = 'Latar belakang.\n\nTujuan awal.\n\nManfaat bagi warga.';
    expect(mergeText(base, ours, theirs)).toBe(
      'Latar belakang yang baru.\n\nTujuan awal.\n\nManfaat bagi warga.',
    );
  });

  it('merges edits to adjacent lines by words', () => {
    expect(mergeText('a\nb', 'A\nb', 'a\nB')).toBe('A\nB');
  });

  it('merges edits to different words of one line', () => {
    expect(
      mergeText(
        'pelayanan cepat di puskesmas',
        'pelayanan sangat cepat di puskesmas',
        'pelayanan cepat di kecamatan',
      ),
    ).toBe('pelayanan sangat cepat di kecamatan');
  });

  it('reports a conflict when both change the same words', () => {
    expect(mergeText('target 10 desa', 'target 12 desa', 'target 15 desa')).toBeNull();
  });

  it('reports a conflict when both insert at the same place', () => {
    expect(mergeText('', 'versi fasilitator', 'versi inovator')).toBeNull();
  });

  it('merges edits to different sentences of one long paragraph', () => {
    const base = 'Antrean panjang setiap pagi. Warga menunggu dua jam. Petugas kewalahan.';
    const ours = 'Antrean sangat panjang setiap pagi. Warga menunggu dua jam. Petugas kewalahan.';
    const theirs = 'Antrean panjang setiap pagi. Warga menunggu dua jam. Petugas kewalahan melayani.';
    expect(mergeText(base, ours, theirs)).toBe(
      'Antrean sangat panjang setiap pagi. Warga menunggu dua jam. Petugas kewalahan melayani.',
    );
    expect(
      mergeText(base, 'Antrean pendek setiap pagi. Warga menunggu dua jam. Petugas kewalahan.', ours),
    ).toBe(null);
  });

  it('merges an edit at the start with one at the end of a long note quickly and exactly', () => {
    const base = Array.from({ length: 400 }, (_, i) => `kalimat ${i} tentang layanan puskesmas.`).join(' ');
    const merged = mergeText(base, `Pembuka. ${base}`, `${base} Penutup.`);
    expect(merged).toBe(`Pembuka. ${base} Penutup.`);
  });

  it('keeps line breaks and trailing text exactly', () => {
    expect(mergeText('x\ny\n', 'x\ny\nz\n', 'w\nx\ny\n')).toBe('w\nx\ny\nz\n');
  });
});

describe('mergeValue', () => {
  it('is clean when only one side changed', () => {
    expect(mergeValue(1, 1, 2)).toEqual({ clean: true, value: 2 });
    expect(mergeValue(1, 2, 1)).toEqual({ clean: true, value: 2 });
    expect(mergeValue(undefined, 'x', 'x')).toEqual({ clean: true, value: 'x' });
  });

  it('keeps the server value and the loser for unequal numbers, arrays and booleans', () => {
    expect(mergeValue(1, 2, 3)).toEqual({ clean: false, winner: 2, loser: 3 });
    expect(mergeValue(['a'], ['b'], ['c'])).toEqual({ clean: false, winner: ['b'], loser: ['c'] });
    expect(mergeValue(undefined, true, false)).toEqual({ clean: false, winner: true, loser: false });
  });

  it('merges objects key by key (status vs evidence of one checklist item)', () => {
    const base = { status: null, evidence: 'SK bupati' };
    expect(
      mergeValue(
        base,
        { status: 'terpenuhi', evidence: 'SK bupati' },
        { status: null, evidence: 'SK bupati no. 5' },
      ),
    ).toEqual({
      clean: true,
      value: { status: 'terpenuhi', evidence: 'SK bupati no. 5' },
    });
    expect(
      mergeValue(base, { status: 'terpenuhi', evidence: '' }, { status: 'belum', evidence: '' }).clean,
    ).toBe(false);
  });

  it('treats a removed map entry against an edit as a conflict', () => {
    expect(mergeValue({ a: 1 }, null, { a: 2 })).toEqual({ clean: false, winner: null, loser: { a: 2 } });
  });

  it('treats a string against a non-string as a conflict', () => {
    expect(mergeValue('a', 'b', 5).clean).toBe(false);
  });
});

const text = fc
  .array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', ' ', '\n', '\n\n', 'x', 'y'), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('merge properties', () => {
  it('is the identity when the sides agree', () => {
    fc.assert(fc.property(text, text, (b, x) => mergeText(b, x, x) === x));
  });

  it('takes the changed side when the other did not change', () => {
    fc.assert(fc.property(text, text, (b, x) => mergeText(b, b, x) === x && mergeText(b, x, b) === x));
  });

  it('is symmetric: a clean merge gives the same text whichever side is on the server', () => {
    fc.assert(
      fc.property(text, text, text, (b, x, y) => {
        const xy = mergeText(b, x, y);
        const yx = mergeText(b, y, x);
        return (xy === null) === (yx === null) && (xy === null || xy === yx);
      }),
    );
  });

  it('never loses a side silently: not clean keeps both values', () => {
    const json = fc.jsonValue({ maxDepth: 2 });
    fc.assert(
      fc.property(json, json, json, (b, x, y) => {
        const r = mergeValue(b, x, y);
        if (!r.clean) return r.winner === x && r.loser === y;
        return true;
      }),
    );
  });

  it('a clean text merge keeps every line both sides added', () => {
    const line = fc.stringMatching(/^[a-z]{3,8}$/);
    fc.assert(
      fc.property(fc.array(line, { minLength: 2, maxLength: 6 }), line, line, (baseLines, add1, add2) => {
        const base = baseLines.join('\n');
        const ours = [`${add1}1`, ...baseLines].join('\n');
        const theirs = [...baseLines, `${add2}2`].join('\n');
        const merged = mergeText(base, ours, theirs);
        return merged !== null && merged.includes(`${add1}1`) && merged.includes(`${add2}2`);
      }),
    );
  });
});
