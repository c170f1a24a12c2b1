/**
 * What a search hit shows: the few words around the first match, so a person sees why a record came up.
 * Pure: no browser or Node imports.
 */
import { normalizeText, searchTerms } from './search';

/** Characters of context either side of the first match. */
const CONTEXT = 60;

/**
 * The part of `texts` (the first one holding a term) around the first term found, with an ellipsis where cut;
 * the start of the first text when no term is found. Normalisation keeps string lengths for Latin text, so
 * positions found in the normalised text point into the original.
 */
export function snippet(texts: readonly string[], query: string): string {
  const terms = searchTerms(query);
  const candidates = texts.filter((t) => t.trim().length > 0);
  for (const text of candidates) {
    const folded = normalizeText(text);
    if (folded.length !== text.length) continue;
    let at = -1;
    for (const term of terms) {
      const i = folded.indexOf(term);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at < 0) continue;
    const start = Math.max(0, at - CONTEXT);
    const end = Math.min(text.length, at + CONTEXT * 2);
    const cut = text.slice(start, end).replace(/\s+/g, ' ').trim();
    return `${start > 0 ? '…' : ''}${cut}${end < text.length ? '…' : ''}`;
  }
  const first = (candidates[0] ?? '').replace(/\s+/g, ' ').trim();
  return first.length > CONTEXT * 3 ? `${first.slice(0, CONTEXT * 3)}…` : first;
}
