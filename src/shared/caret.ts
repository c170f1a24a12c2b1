/**
 * Where a caret (or a selection end) goes when the text under it changes without the person typing: another
 * person's edit merged into the field they are writing in. Pure, shared by the text fields and the sync fuzz
 * that models a person typing.
 *
 * The shared start and end of the two texts are cut off first (a remote edit is usually one place); only the
 * changed middle is compared word by word (LCS from node-diff3), so a caret between two changed places stays
 * between them.
 */
import { diffIndices } from 'node-diff3';

/** Words and the whitespace between them, both kept, so joining the tokens gives the text back. */
const tokens = (text: string): string[] => text.match(/\s+|\S+/g) ?? [];

/** Maps `offset` in `before` to the matching offset in `after`. */
export function mapOffset(before: string, after: string, offset: number): number {
  const at = Math.max(0, Math.min(offset, before.length));
  if (before === after) return at;
  const shortest = Math.min(before.length, after.length);
  let head = 0;
  while (head < shortest && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < shortest - head && before[before.length - 1 - tail] === after[after.length - 1 - tail])
    tail++;
  // In the unchanged start, or in the unchanged end: exact.
  if (at <= head) return at;
  if (at >= before.length - tail) return at + (after.length - before.length);
  // Inside the changed middle: map through a word diff of the middles.
  const oldMid = before.slice(head, before.length - tail);
  const newMid = after.slice(head, after.length - tail);
  const a = tokens(oldMid);
  const b = tokens(newMid);
  const rel = at - head;
  // Character offset where each token starts.
  const starts = (list: string[]) => {
    const out: number[] = [];
    let pos = 0;
    for (const t of list) {
      out.push(pos);
      pos += t.length;
    }
    out.push(pos);
    return out;
  };
  const aStart = starts(a);
  const bStart = starts(b);
  let shift = 0; // tokens of `b` minus tokens of `a` before the current point
  for (const hunk of diffIndices(a, b)) {
    const [aFrom, aLen] = hunk.buffer1;
    const [bFrom, bLen] = hunk.buffer2;
    const hunkStart = aStart[aFrom]!;
    const hunkEnd = aStart[aFrom + aLen]!;
    if (rel < hunkStart || (aLen === 0 && rel === hunkStart)) break;
    if (rel < hunkEnd) {
      // Inside replaced words: keep the distance from the hunk's start, within the new words.
      const newStart = bStart[bFrom]!;
      const newEnd = bStart[bFrom + bLen]!;
      return head + Math.min(newStart + (rel - hunkStart), newEnd);
    }
    shift = bStart[bFrom + bLen]! - hunkEnd;
  }
  return head + rel + shift;
}
