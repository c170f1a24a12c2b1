/**
 * Units as the app uses them: which are offered for new records, which records point at a unit (what a merge
 * moves), and how a guest's units are matched to an account's by name. Pure: runs on the phone and the server.
 */
import type { RecordKind } from '../records';

/** What the rules here need of a unit record. */
export interface UnitLike {
  id: string;
  name: string;
  deleted?: boolean;
  archived?: boolean | undefined;
  mergedInto?: string | null | undefined;
}

/** Offered in pickers and for new records: not deleted, not archived, not merged away. */
export const isActiveUnit = (unit: UnitLike): boolean =>
  !unit.deleted && unit.archived !== true && (unit.mergedInto ?? null) === null;

/**
 * The units a picker offers: the active ones, plus any the record already names (an archived unit a draft
 * still belongs to must show as chosen, not vanish from the form).
 */
export function unitChoices<U extends UnitLike>(units: readonly U[], selected: readonly string[] = []): U[] {
  return units.filter((u) => isActiveUnit(u) || (!u.deleted && selected.includes(u.id)));
}

/** The body field of each kind that names units: one id (`unitId`) or a list (`unitIds`). */
export const UNIT_FIELDS: Partial<Record<RecordKind, 'unitId' | 'unitIds'>> = {
  session: 'unitIds',
  person: 'unitIds',
  draft: 'unitId',
  checklist: 'unitId',
  comment: 'unitId',
  submission: 'unitId',
  attachment: 'unitId',
};

/** Kinds whose records a merge moves, in the order the confirmation lists them. */
export const UNIT_REFERRING_KINDS = [
  'session',
  'draft',
  'checklist',
  'submission',
  'comment',
  'attachment',
  'person',
] as const satisfies readonly RecordKind[];
export type UnitReferringKind = (typeof UNIT_REFERRING_KINDS)[number];

/** Whether a record body names `unitId`. */
export function namesUnit(kind: RecordKind, body: Record<string, unknown>, unitId: string): boolean {
  const field = UNIT_FIELDS[kind];
  if (!field) return false;
  const value = body[field];
  return field === 'unitId' ? value === unitId : Array.isArray(value) && value.includes(unitId);
}

/**
 * A unit field's value with ids replaced through `map` (old id -> id it now lives at); a list keeps its order
 * and loses the duplicates a replacement makes. Returns the value unchanged (same reference) when nothing maps.
 */
export function remapUnitValue(value: unknown, map: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return map.get(value) ?? value;
  if (!Array.isArray(value) || !value.some((v) => typeof v === 'string' && map.has(v))) return value;
  const out: unknown[] = [];
  for (const v of value) {
    const to = typeof v === 'string' ? (map.get(v) ?? v) : v;
    if (!out.includes(to)) out.push(to);
  }
  return out;
}

/** The unit ids a change's values name (its unit field), to look up whether any was merged away. */
export function unitIdsInValues(kind: RecordKind, values: Record<string, unknown>): string[] {
  const field = UNIT_FIELDS[kind];
  if (!field || !Object.hasOwn(values, field)) return [];
  const value = values[field];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** How many records of each kind name the unit (what a merge of it would move). */
export function countUnitReferences(
  records: Iterable<{ kind: RecordKind; deleted?: boolean } & Record<string, unknown>>,
  unitId: string,
): Record<UnitReferringKind, number> & { total: number } {
  const counts = Object.fromEntries(UNIT_REFERRING_KINDS.map((k) => [k, 0])) as Record<
    UnitReferringKind,
    number
  >;
  let total = 0;
  for (const record of records) {
    if (!(UNIT_REFERRING_KINDS as readonly string[]).includes(record.kind)) continue;
    if (!namesUnit(record.kind, record, unitId)) continue;
    counts[record.kind as UnitReferringKind]++;
    total++;
  }
  return { ...counts, total };
}

/** The form of a unit name two people would call the same: case, spacing and width folded. */
export const unitNameKey = (name: string): string =>
  name.normalize('NFKC').toLocaleLowerCase('id').replace(/\s+/g, ' ').trim();

/**
 * Guest units matched to an account's units by name (case-, space- and width-insensitive). Only active units
 * match: new data never lands in a unit someone archived or merged away (the person is asked instead).
 */
export function matchUnitsByName<G extends UnitLike, T extends UnitLike>(
  guestUnits: readonly G[],
  accountUnits: readonly T[],
): { matched: Map<string, T>; unmatched: G[] } {
  const byName = new Map<string, T>();
  for (const unit of accountUnits) {
    const key = unitNameKey(unit.name);
    if (isActiveUnit(unit) && !byName.has(key)) byName.set(key, unit);
  }
  const matched = new Map<string, T>();
  const unmatched: G[] = [];
  for (const unit of guestUnits) {
    const match = byName.get(unitNameKey(unit.name));
    if (match) matched.set(unit.id, match);
    else unmatched.push(unit);
  }
  return { matched, unmatched };
}
