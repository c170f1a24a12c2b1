/**
 * Text normalisation for search, shared by the local store (which indexes the words of every record) and the
 * search box (which splits the query the same way): lowercase, accents stripped, split on anything that is not
 * a letter or digit. Pure: no browser or Node imports.
 */
import type { AnyRecord } from '../records';

/** Longest word kept in the index: longer runs are base64, links or keyboard mashing, not search terms. */
const MAX_WORD_LENGTH = 40;
/** Cap on distinct indexed words per record, so one huge record cannot bloat the index. */
export const MAX_INDEXED_WORDS = 3_000;

export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Normalised words of a text, in order, duplicates kept. */
export function splitWords(text: string): string[] {
  return normalizeText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && w.length <= MAX_WORD_LENGTH);
}

/** Distinct normalised words of a query, in order (the last one is matched as a prefix while typing). */
export function searchTerms(query: string): string[] {
  return [...new Set(splitWords(query))];
}

/** The text a person would search a record by. */
export function searchableText(record: AnyRecord): string {
  switch (record.kind) {
    case 'unit':
    case 'person':
      return record.name;
    case 'session':
      return [
        record.place,
        record.facilitatorName,
        record.topics,
        record.notes,
        record.agreements,
        ...Object.values(record.participants).map((p) => p.name),
        ...Object.values(record.actions).flatMap((a) => [a.what, a.who]),
      ].join('\n');
    case 'draft':
      return [
        record.title,
        record.team,
        ...Object.values(record.sections),
        ...Object.values(record.metadata).map((v) => (Array.isArray(v) ? v.join(' ') : v)),
      ].join('\n');
    case 'checklist':
      return Object.values(record.items)
        .map((i) => i.evidence)
        .join('\n');
    case 'conflict':
    case 'submission':
    case 'template':
    case 'programme':
      // Snapshots repeat their draft's words: searching finds the draft itself; templates, the drafts using them;
      // programme settings hold no words anyone searches for.
      return '';
    case 'comment':
      return [record.text, record.authorName].join('\n');
    case 'attachment':
      return record.name;
  }
}

/** Distinct normalised words of a record, for a multi-entry index. */
export function indexWords(record: AnyRecord): string[] {
  return [...new Set(splitWords(searchableText(record)))].slice(0, MAX_INDEXED_WORDS);
}
