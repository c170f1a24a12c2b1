/**
 * The server's side of the access rules. `canRead`, `canWrite` and `unitIdsOf` live in `src/shared/access.ts`
 * (the phone uses the same ones to offer only what the server accepts); an `AuthContext` is their principal.
 * Pull repeats `canRead` in SQL here: keep `visibilitySql` in step with it.
 */
import type { AuthContext } from '../auth/types';

/**
 * The SQL twin of `canRead` for the pull query; parameters start at `$first` (all, unit ids, user id). `table`
 * qualifies the columns when a query joins sync_records to itself (file downloads check attachment and parent).
 */
export function visibilitySql(first: number, table = ''): string {
  const [all, units, user] = [first, first + 1, first + 2].map((n) => `$${n}`);
  const t = table ? `${table}.` : '';
  return `(${all}::boolean OR ${t}kind IN ('unit', 'person', 'template', 'programme') OR ${t}unit_ids && ${units}::text[] OR (cardinality(${t}unit_ids) = 0 AND ${t}created_by = ${user}))`;
}

export const visibilityParams = (auth: AuthContext): unknown[] => [
  auth.unitIds === null,
  auth.unitIds ?? [],
  auth.userId,
];
