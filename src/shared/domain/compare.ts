/**
 * A readable comparison of a draft's sections between two versions (two submissions): per section, the words
 * kept, removed and added, in reading order. Pure (runs in the browser and in fast tests).
 *
 * Words are compared, not characters: a reviewer reads "antar obat" replaced by "antar jemput obat", not letters
 * moving. Whitespace is kept as its own tokens, so joining the parts of one side gives that side's text back
 * exactly. The shared start and end are skipped before the longest-common-subsequence pass (node-diff3, the
 * library the merge already uses), which keeps long sections with small edits cheap.
 */
import { diffComm } from 'node-diff3';

export type DiffPartKind = 'same' | 'removed' | 'added';
export interface DiffPart {
  kind: DiffPartKind;
  text: string;
}

export interface SectionComparison {
  key: string;
  parts: DiffPart[];
  /** Whether anything differs. */
  changed: boolean;
  /** Words added and removed (whitespace not counted). */
  addedWords: number;
  removedWords: number;
  /** The section exists on one side only. */
  status: 'same' | 'changed' | 'added' | 'removed';
}

/** Words and the whitespace between them, both kept as tokens. */
const tokens = (text: string): string[] => text.match(/\s+|\S+/g) ?? [];
const countWords = (list: string[]) => list.filter((t) => /\S/.test(t)).length;

function push(parts: DiffPart[], kind: DiffPartKind, list: string[]): void {
  if (list.length === 0) return;
  const text = list.join('');
  const last = parts.at(-1);
  if (last?.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/** The word-level difference from `before` to `after`: same, removed and added runs in reading order. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  const parts: DiffPart[] = [];
  push(parts, 'same', a.slice(0, start));
  const middleA = a.slice(start, a.length - end);
  const middleB = b.slice(start, b.length - end);
  for (const region of diffComm(middleA, middleB)) {
    if (region.common) push(parts, 'same', region.common);
    else {
      push(parts, 'removed', region.buffer1);
      push(parts, 'added', region.buffer2);
    }
  }
  push(parts, 'same', a.slice(a.length - end));
  return parts;
}

/**
 * Every section of either version, in `order` (the template's) first and then any others alphabetically, with
 * the difference from `before` to `after`.
 */
export function compareSections(
  before: Record<string, string>,
  after: Record<string, string>,
  order: readonly string[] = [],
): SectionComparison[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const ordered = [
    ...order.filter((k) => keys.has(k)),
    ...[...keys].filter((k) => !order.includes(k)).sort(),
  ];
  return ordered.map((key) => {
    const a = before[key];
    const b = after[key];
    const parts = diffWords(a ?? '', b ?? '');
    const removed = parts.filter((p) => p.kind === 'removed');
    const added = parts.filter((p) => p.kind === 'added');
    const changed = removed.length > 0 || added.length > 0;
    return {
      key,
      parts,
      changed,
      addedWords: added.reduce((n, p) => n + countWords(tokens(p.text)), 0),
      removedWords: removed.reduce((n, p) => n + countWords(tokens(p.text)), 0),
      status:
        a === undefined && b !== undefined
          ? 'added'
          : b === undefined
            ? 'removed'
            : changed
              ? 'changed'
              : 'same',
    };
  });
}

/** The two submissions compared by default: the last two (or the only one, against nothing). */
export function defaultComparison<T extends { number: number; submittedAt: number; id: string }>(
  submissions: readonly T[],
): { before: T | null; after: T } | null {
  const sorted = sortSubmissions(submissions);
  const after = sorted.at(-1);
  if (!after) return null;
  return { before: sorted.at(-2) ?? null, after };
}

/** Oldest first: by submission time, then number, then id (two phones may both count "2"). */
export function sortSubmissions<T extends { number: number; submittedAt: number; id: string }>(
  submissions: readonly T[],
): T[] {
  return [...submissions].sort(
    (x, y) =>
      x.submittedAt - y.submittedAt || x.number - y.number || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
}

/** A revision request as the comparison shows it (a comment written with "Minta revisi"). */
export interface RevisionRequestNote {
  id: string;
  text: string;
  authorName: string;
  sectionKey: string;
  createdAt: number;
}

/**
 * The words in the authors' own voices that go with comparing `before` with `after`: the revision requests
 * written after the older submission and before the newer one (comments marked `revisionRequest`, oldest
 * first), and what the author of the newer one said they changed. Times are the phones' clocks: a request is
 * placed by when it was written, as the reviewer and the author saw the order.
 */
export function submissionNotes(
  before: { submittedAt: number } | null,
  after: { submittedAt: number; note?: string | undefined },
  comments: readonly {
    id: string;
    text: string;
    authorName: string;
    sectionKey: string;
    createdAt: number;
    deleted: boolean;
    parentId: string | null;
    revisionRequest?: boolean | undefined;
  }[],
): { revisionRequests: RevisionRequestNote[]; changeNote: string | null } {
  const since = before?.submittedAt ?? -Infinity;
  const revisionRequests = comments
    .filter(
      (c) =>
        c.revisionRequest === true &&
        !c.deleted &&
        c.parentId === null &&
        c.createdAt > since &&
        c.createdAt <= after.submittedAt,
    )
    .sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1))
    .map(({ id, text, authorName, sectionKey, createdAt }) => ({
      id,
      text,
      authorName,
      sectionKey,
      createdAt,
    }));
  const changeNote = after.note?.trim() ? after.note.trim() : null;
  return { revisionRequests, changeNote };
}
