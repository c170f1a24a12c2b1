/**
 * Reads of one tenant's records written so that their cost does not hang on PostgreSQL's statistics.
 *
 * A tenant whose records came after the table was last analyzed (a regency just brought in, a tenant grown since)
 * is not in the statistics, and where every tenant the statistics know is in their list of common values (fewer
 * than about 100 tenants), PostgreSQL then expects it to hold one row. With that belief it read `max(version)` by
 * walking every row of the tenant (22 ms at 10,000 records, on every push and pull) and checked `id = ANY(...)`
 * as a filter over the tenant's rows instead of looking each id up (14 ms a push). Autoanalyze comes only after a
 * tenth of the table has changed: on a large table, days. These forms leave the planner one way to run them.
 */

/**
 * The tenant's highest version (a scalar subquery, null for none): one step down the `(tenant_id, version)` index.
 * `tenant` is a SQL expression, e.g. `$1`.
 */
export const tenantTopVersionSql = (tenant: string): string =>
  `(SELECT version FROM sync_records WHERE tenant_id = ${tenant} ORDER BY version DESC LIMIT 1)`;

export interface RecordsByIdOptions {
  /** The columns read, of `sync_records` (default: all). */
  columns?: string;
  /** A further condition on the row (its columns unqualified), e.g. the caller's visibility. */
  where?: string;
  /** Lock each row FOR UPDATE: in id order, as every locking read of records does, so two never deadlock. */
  lock?: boolean;
}

/**
 * A FROM item: the rows of `tenant` whose ids are in `ids` (a uuid[] parameter; repeats read once), each found by
 * its key (`(tenant_id, id)`), in id order, named `alias`. `tenant` and `ids` are SQL expressions, e.g. `$1`.
 * `OFFSET 0` keeps the subquery a lookup per id: pulled up into a join, it was planned as a scan of the tenant.
 */
export const recordsByIdSql = (
  tenant: string,
  ids: string,
  alias: string,
  { columns = '*', where, lock = false }: RecordsByIdOptions = {},
): string =>
  `(SELECT DISTINCT unnest(${ids}::uuid[]) AS wanted_id ORDER BY 1) AS wanted
   CROSS JOIN LATERAL (SELECT ${columns} FROM sync_records
     WHERE tenant_id = ${tenant} AND id = wanted.wanted_id${where ? ` AND ${where}` : ''} OFFSET 0${lock ? ' FOR UPDATE' : ''}) AS ${alias}`;
