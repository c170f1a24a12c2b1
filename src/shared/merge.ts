/**
 * Merge rules for one field path, pure (runs on the server, in tests and could run on the phone).
 *
 * The server calls `mergeValue(base, current, incoming)` only when an incoming change is stale for a path (another
 * device wrote the path since the change's base version):
 * - equal values, or only one side changed since the base: clean, no conflict;
 * - strings: three-way merge with node-diff3, first by line (paragraphs are lines), then by sentence inside the
 *   lines that collide, then by word inside the sentences that collide; clean when every hunk merges;
 * - plain objects (a checklist item, a follow-up action): merged key by key with these same rules, so a status
 *   change and an evidence edit of one item both survive;
 * - anything else (numbers, booleans, arrays, a removed map entry against an edit): not clean.
 * When not clean the value already on the server stays (it is what others have already seen and synced: keeping it
 * moves nobody's screen under them) and the incoming value is kept in a conflict record, never dropped.
 */
import { diff3Merge } from 'node-diff3';
import { jsonEqual } from './fieldPaths';

export type MergeResult = { clean: true; value: unknown } | { clean: false; winner: unknown; loser: unknown };

interface Diff3Region {
  ok?: string[];
  conflict?: { a: string[]; o: string[]; b: string[] };
}

const merge3 = (a: string[], o: string[], b: string[]): Diff3Region[] =>
  diff3Merge(a, o, b, { excludeFalseConflicts: true }) as Diff3Region[];

/** Lines with their line breaks kept, so joining the tokens gives the text back exactly. */
const lines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
/** Words and the whitespace between them, both kept as tokens. */
const words = (text: string): string[] => text.match(/\s+|\S+/g) ?? [];

/** Sentences with the whitespace after them kept (between lines and words: long paragraphs stay cheap to merge). */
const sentences = (text: string): string[] => (text === '' ? [] : text.split(/(?<=[.!?]\s+)(?=\S)/));

/** Length of the run of tokens that all three lists share at their start (or, with `fromEnd`, at their end). */
function sharedRun(a: string[], o: string[], b: string[], fromEnd: boolean, limit: number): number {
  let n = 0;
  while (n < limit) {
    const at = (list: string[]) => list[fromEnd ? list.length - 1 - n : n];
    const token = at(o);
    if (token !== at(a) || token !== at(b)) break;
    n++;
  }
  return n;
}

function mergeTokens(
  base: string,
  ours: string,
  theirs: string,
  split: (t: string) => string[],
  onConflict: (o: string, a: string, b: string) => string | null,
): string | null {
  const a = split(ours);
  const o = split(base);
  const b = split(theirs);
  // What all three share at the start and the end is kept as it is; only the middle goes to diff3, whose
  // longest-common-subsequence step grows with the square of its input (it runs inside the server's write lock).
  const shortest = Math.min(a.length, o.length, b.length);
  const head = sharedRun(a, o, b, false, shortest);
  const tail = sharedRun(a, o, b, true, shortest - head);
  const mid = (list: string[]) => list.slice(head, list.length - tail);
  let out = o.slice(0, head).join('');
  for (const region of merge3(mid(a), mid(o), mid(b))) {
    if (region.ok) out += region.ok.join('');
    else if (region.conflict) {
      const { a, o, b } = region.conflict;
      const merged = onConflict(o.join(''), a.join(''), b.join(''));
      if (merged === null) return null;
      out += merged;
    }
  }
  return out + o.slice(o.length - tail).join('');
}

/**
 * Three-way text merge: `ours` is the server's current text, `theirs` the incoming edit, both made from `base`.
 * Returns the merged text, or null when both sides changed the same words.
 */
export function mergeText(base: string, ours: string, theirs: string): string | null {
  if (ours === theirs || base === theirs) return ours;
  if (base === ours) return theirs;
  return mergeTokens(base, ours, theirs, lines, (o, a, b) =>
    mergeTokens(o, a, b, sentences, (so, sa, sb) => mergeTokens(so, sa, sb, words, () => null)),
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges one path's value: see the file comment. `base` is undefined when the path did not exist at the base. */
export function mergeValue(base: unknown, current: unknown, incoming: unknown): MergeResult {
  if (jsonEqual(current, incoming) || jsonEqual(base, incoming)) return { clean: true, value: current };
  if (jsonEqual(base, current)) return { clean: true, value: incoming };
  if (typeof current === 'string' && typeof incoming === 'string') {
    const merged = mergeText(typeof base === 'string' ? base : '', current, incoming);
    return merged === null
      ? { clean: false, winner: current, loser: incoming }
      : { clean: true, value: merged };
  }
  if (isPlainObject(current) && isPlainObject(incoming)) {
    const b = isPlainObject(base) ? base : {};
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(current), ...Object.keys(incoming)])) {
      const r = mergeValue(b[key], current[key], incoming[key]);
      if (!r.clean) return { clean: false, winner: current, loser: incoming };
      if (r.value !== undefined) out[key] = r.value;
    }
    return { clean: true, value: out };
  }
  return { clean: false, winner: current, loser: incoming };
}
