/**
 * Units merged away (see units/merge.ts): a change written offline may still name one, and lands in the unit
 * that was kept.
 */
import type { Queryable } from '../db/types';
import { recordIdSchema } from '../../shared/records';
import { jsonEqual } from '../../shared/fieldPaths';
import type { Change } from '../../shared/protocol';
import { UNIT_FIELDS, remapUnitValue, unitIdsInValues } from '../../shared/domain/units';
import { UNITS_LOCK } from './locks';

/**
 * Where each of `unitIds` lives now if it was merged away: old id -> the unit at the end of its chain of merges
 * (A merged into B, later B into C: A -> C). Units never merged are left out.
 */
async function mergedUnitTargets(
  db: Queryable,
  tenantId: string,
  unitIds: string[],
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; target: string }>(
    `WITH RECURSIVE chain(id, target, depth) AS (
       SELECT id::text, body->>'mergedInto', 1 FROM sync_records
       WHERE tenant_id = $1 AND kind = 'unit' AND id = ANY($2::uuid[]) AND body->>'mergedInto' IS NOT NULL
       UNION ALL
       SELECT chain.id, s.body->>'mergedInto', chain.depth + 1
       FROM chain JOIN sync_records s ON s.id::text = chain.target AND s.tenant_id = $1 AND s.kind = 'unit'
       WHERE s.body->>'mergedInto' IS NOT NULL AND chain.depth < 50
     )
     SELECT DISTINCT ON (id) id, target FROM chain ORDER BY id, depth DESC`,
    [tenantId, unitIds],
  );
  return new Map(rows.map((r) => [r.id, r.target]));
}

/**
 * Where each merged-away unit the changes name lives now (old id -> kept id, following chains of merges), read
 * under the units lock held shared until the commit (see UNITS_LOCK). Nothing is read, and no lock taken, when
 * no change names a unit.
 */
export async function mergedUnitsNamed(
  tx: Queryable,
  tenantId: string,
  changes: readonly Change[],
): Promise<Map<string, string>> {
  const named = new Set<string>();
  for (const change of changes)
    for (const id of unitIdsInValues(change.kind, change.values))
      if (recordIdSchema.safeParse(id).success) named.add(id.toLowerCase());
  if (named.size === 0) return new Map();
  await tx.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [UNITS_LOCK, tenantId]);
  return mergedUnitTargets(tx, tenantId, [...named]);
}

/** A change with the merged-away units its unit field names replaced by the units they were merged into. */
export function withUnitsMapped(change: Change, merged: ReadonlyMap<string, string>): Change {
  const field = UNIT_FIELDS[change.kind];
  if (!field || !Object.hasOwn(change.values, field)) return change;
  const lower = (v: unknown) =>
    typeof v === 'string'
      ? v.toLowerCase()
      : Array.isArray(v)
        ? v.map((x: unknown) => (typeof x === 'string' ? x.toLowerCase() : x))
        : v;
  const before = change.values[field];
  const after = remapUnitValue(lower(before), merged);
  if (jsonEqual(after, lower(before))) return change;
  return { ...change, values: { ...change.values, [field]: after } };
}
