/**
 * What changed from one template version to the next (the import's preview) and which version a new one
 * succeeds (issue #15). Pure: no browser or Node imports.
 */
import type { Label, ProposalTemplate } from '../templates';

/** One difference between two templates, in the order a reader checks them. */
export type TemplateChange =
  | { kind: 'section-added'; key: string; label: Label }
  | { kind: 'section-removed'; key: string; label: Label }
  | { kind: 'section-renamed'; key: string; from: Label; to: Label }
  | { kind: 'word-limit'; key: string; label: Label; from: number | null; to: number | null }
  | { kind: 'weight'; key: string; label: Label; from: number | null; to: number | null }
  | { kind: 'field-added'; key: string; label: Label }
  | { kind: 'field-removed'; key: string; label: Label };

const sameLabel = (a: Label, b: Label) => a.id === b.id && a.en === b.en;

/** What changed from `prev` to `next`: sections added, removed, renamed, their word limits and weights. */
export function templateChanges(prev: ProposalTemplate, next: ProposalTemplate): TemplateChange[] {
  const changes: TemplateChange[] = [];
  const before = new Map(prev.sections.map((s) => [s.key, s]));
  const after = new Map(next.sections.map((s) => [s.key, s]));
  for (const s of next.sections) {
    const old = before.get(s.key);
    if (!old) {
      changes.push({ kind: 'section-added', key: s.key, label: s.label });
      continue;
    }
    if (!sameLabel(old.label, s.label))
      changes.push({ kind: 'section-renamed', key: s.key, from: old.label, to: s.label });
    if (old.maxWords !== s.maxWords)
      changes.push({ kind: 'word-limit', key: s.key, label: s.label, from: old.maxWords, to: s.maxWords });
    if (old.weight !== s.weight)
      changes.push({ kind: 'weight', key: s.key, label: s.label, from: old.weight, to: s.weight });
  }
  for (const s of prev.sections)
    if (!after.has(s.key)) changes.push({ kind: 'section-removed', key: s.key, label: s.label });
  const fieldsBefore = new Set(prev.metadataFields.map((f) => f.key));
  const fieldsAfter = new Set(next.metadataFields.map((f) => f.key));
  for (const f of next.metadataFields)
    if (!fieldsBefore.has(f.key)) changes.push({ kind: 'field-added', key: f.key, label: f.label });
  for (const f of prev.metadataFields)
    if (!fieldsAfter.has(f.key)) changes.push({ kind: 'field-removed', key: f.key, label: f.label });
  return changes;
}

/** What a version succeeds: the newest older version of its key, else the template its record `replaces`. */
export function predecessorOf<T extends { key: string; version: number }>(
  next: { key: string; version: number; replaces: string | null },
  known: readonly T[],
): T | undefined {
  const newest = (list: T[]) => list.sort((a, b) => b.version - a.version)[0];
  const older = known.filter((t) => t.key === next.key && t.version < next.version);
  if (older.length > 0) return newest(older);
  return next.replaces ? newest(known.filter((t) => t.key === next.replaces)) : undefined;
}
