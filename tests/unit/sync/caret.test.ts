/** Where the caret goes when another person's change is merged into the text someone is typing. */
import { describe, expect, it } from 'vitest';
import { mapOffset } from '../../../src/shared/caret';

/** `|` marks the caret in `before`; returns `after` with the mapped caret marked. */
const caretIn = (before: string, after: string): string => {
  const at = before.indexOf('|');
  const mapped = mapOffset(before.replace('|', ''), after, at);
  return `${after.slice(0, mapped)}|${after.slice(mapped)}`;
};

describe('mapOffset', () => {
  it('stays put when the change is after the caret', () => {
    expect(caretIn('Tiga| perawat. Satu motor.', 'Tiga perawat. Dua motor.')).toBe(
      'Tiga| perawat. Dua motor.',
    );
  });

  it('moves with the text when the change is before the caret', () => {
    expect(caretIn('Tiga perawat. Satu motor|', 'Empat perawat. Satu motor')).toBe(
      'Empat perawat. Satu motor|',
    );
  });

  it('stays before text inserted right at the caret (the word being typed goes on)', () => {
    expect(caretIn('Dana des|', 'Dana des dan warga')).toBe('Dana des| dan warga');
  });

  it('keeps its word when changes land on both sides of it', () => {
    expect(
      caretIn(
        'Satu motor.\nDana des| untuk bensin.\nTiga perawat.',
        'Dua motor.\nDana des untuk bensin.\nEmpat perawat.',
      ),
    ).toBe('Dua motor.\nDana des| untuk bensin.\nEmpat perawat.');
  });

  it('keeps its place in a paragraph when an earlier paragraph grows and a later one shrinks', () => {
    const before = 'A b c.\n\nKalimat ini| sedang diketik.\n\nX y z w.';
    const after = 'A b c d e f.\n\nKalimat ini sedang diketik.\n\nX.';
    expect(caretIn(before, after)).toBe('A b c d e f.\n\nKalimat ini| sedang diketik.\n\nX.');
  });

  it('stays within the text when the text shrinks around it', () => {
    const mapped = mapOffset('abc def ghi', 'abc', 9);
    expect(mapped).toBeGreaterThanOrEqual(0);
    expect(mapped).toBeLessThanOrEqual(3);
  });

  it('is the identity for an unchanged text', () => {
    expect(mapOffset('sama', 'sama', 2)).toBe(2);
  });
});
