/**
 * Word counting as proposal forms count words: a word is a run of characters between spaces that holds at
 * least one letter or digit. So "anak-anak" (reduplication), "dan/atau", "25%" and "1.000.000" are one word
 * each, while a lone dash, bullet, punctuation mark or emoji is none. Em and en dashes and ellipses separate
 * words even without spaces around them. Pure: no browser or Node imports.
 */

/** Whitespace (incl. no-break and zero-width spaces) and the punctuation that separates words without spaces. */
const SEPARATORS = /[\s\u200b\u2060\ufeff\u2013\u2014\u2026]+/u;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(SEPARATORS)) if (token && HAS_WORD_CHAR.test(token)) n++;
  return n;
}
