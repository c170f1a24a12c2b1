/**
 * Units merged away (see units/merge.ts): a change written offline may still name one, and lands in the unit
 * that was kept.
 */
import { recordIdSchema } from '../../shared/records';
import { jsonEqual } from '../../shared/fieldPaths';
import type { Change } from '../../shared/protocol';
import { UNIT_FIELDS, remapUnitValue, unitIdsInValues } from '../../shared/domain/units';
import { recordsByIdSql } from './lookups';

/** A record id as text (`mergedInto` holds one); anything else is read as not merged, and never cast. */
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** Where the unit whose body is `body` was merged (a uuid), or null. */
const mergedIntoOf = (body: string): string =>
  `CASE WHEN ${body}->>'mergedInto' ~ '${UUID_PATTERN}' THEN (${body}->>'mergedInto')::uuid END`;

/**
 * The SQL that reads where each of the units `$ids` (a uuid[] parameter) of tenant `$tenant` lives now if it was
 * merged away, following chains of merges (A merged into B, later B into C: A -> C): a `chain` CTE (for a
 * `WITH RECURSIVE`) and a scalar subquery giving `[{id, target}]` or null. Units never merged are left out.
 * Read in the push's first read (push.ts), after it took the units lock (`UNITS_LOCK`) shared.
 *
 * Every unit is found by its key (lookups.ts), the named ones and each step of a chain (a lateral subquery,
 * `OFFSET 0` so it is not flattened into a join). PostgreSQL runs the recursive step once even when no unit named
 * was merged, and the join on `id::text` it replaced, planned with the tenant's table on the outside, read every
 * record of the tenant to find none: 30 ms at 10,000 records, on every push naming a unit.
 */
export const mergedTargetsSql = (tenant: string, ids: string) => ({
  chain: `chain(id, target, depth) AS (
       SELECT u.id::text, ${mergedIntoOf('u.body')}, 1
       FROM ${recordsByIdSql(tenant, ids, 'u', { columns: 'id, body', where: "kind = 'unit'" })}
       WHERE ${mergedIntoOf('u.body')} IS NOT NULL
       UNION ALL
       SELECT chain.id, ${mergedIntoOf('s.body')}, chain.depth + 1
       FROM chain CROSS JOIN LATERAL (
         SELECT body FROM sync_records WHERE tenant_id = ${tenant} AND id = chain.target AND kind = 'unit' OFFSET 0
       ) AS s
       WHERE ${mergedIntoOf('s.body')} IS NOT NULL AND chain.depth < 50
     )`,
  targets: `(SELECT jsonb_agg(jsonb_build_object('id', id, 'target', target))
       FROM (SELECT DISTINCT ON (id) id, target FROM chain ORDER BY id, depth DESC) AS ends)`,
});

/**
 * The units the changes name (in a unit field), lower case: a push that names none takes no units lock and reads
 * no merges.
 */
export function unitsNamed(changes: readonly Change[]): string[] {
  const named = new Set<string>();
  for (const change of changes)
    for (const id of unitIdsInValues(change.kind, change.values))
      if (recordIdSchema.safeParse(id).success) named.add(id.toLowerCase());
  return [...named];
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
