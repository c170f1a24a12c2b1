/**
 * Which conflicts wait for a decision: when one path conflicted again and again (someone kept typing and every
 * save met the other version), only the newest one per path; choosing it settles the older ones. Kept apart from
 * the labels (templates, word lists) so the header's status can count with it without loading them.
 */
import type { Conflict } from '../../shared/records';

/** Newest first by server version (one global sequence), then by id (UUIDv7: time-ordered). */
const newerFirst = (a: Conflict, b: Conflict): number => b.rev - a.rev || b.id.localeCompare(a.id);

/**
 * The conflicts to show: unresolved ones, only the newest per record and path (older ones on that path are what
 * the person kept typing over; the one-tap choice resolves them with it, see `supersededBy`). Newest first.
 */
export function latestPerPath(conflicts: readonly Conflict[]): Conflict[] {
  const seen = new Set<string>();
  const out: Conflict[] = [];
  for (const c of conflicts.filter((x) => !x.resolved).toSorted(newerFirst)) {
    const key = `${c.recordId}\u0000${c.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

/**
 * The unresolved conflicts a choice on `chosen` settles besides itself: same record and path, not newer than it.
 * A newer one (arrived after the card was drawn) stays, so nobody resolves a version they have not seen.
 */
export function supersededBy(chosen: Conflict, conflicts: readonly Conflict[]): Conflict[] {
  return conflicts.filter(
    (c) =>
      c.id !== chosen.id &&
      !c.resolved &&
      c.recordId === chosen.recordId &&
      c.path === chosen.path &&
      newerFirst(c, chosen) > 0,
  );
}
