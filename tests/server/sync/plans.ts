/**
 * What a statement read, from PostgreSQL's own account of running it (EXPLAIN ANALYZE): for tests that a read
 * costs what it asks for, whatever the table holds.
 */
import { expect } from 'vitest';
import { escapeLiteral } from 'pg';
import type { Database } from '../../../src/server/db/types';

interface PlanNode {
  'Relation Name'?: string;
  'Index Cond'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * How PostgreSQL plans a statement: `custom` for the values given (an unnamed statement), `generic` for any
 * values (what a prepared statement runs after its first executions: the server's connections prepare every
 * statement with parameters, db/postgres.ts).
 */
export type PlanKind = 'custom' | 'generic';

let probes = 0;

/** A value as a SQL literal (strings, numbers, and arrays of them), as the prepared statement's types read it. */
const literal = (value: unknown): string =>
  Array.isArray(value)
    ? escapeLiteral(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`)
    : escapeLiteral(String(value));

async function explain(db: Database, sql: string, params: unknown[], plan: PlanKind): Promise<PlanNode> {
  type Explained = { 'QUERY PLAN': [{ Plan: PlanNode }] };
  if (plan === 'custom') {
    const { rows } = await db.query<Explained>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    return rows[0]!['QUERY PLAN'][0].Plan;
  }
  const name = `rows_read_probe_${++probes}`;
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await tx.query(`PREPARE ${name} AS ${sql}`);
    // EXPLAIN EXECUTE takes no parameters of its own: the values go in as literals.
    const { rows } = await tx.query<Explained>(
      `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${name}(${params.map(literal).join(', ')})`,
    );
    await tx.query(`DEALLOCATE ${name}`);
    return rows[0]!['QUERY PLAN'][0].Plan;
  });
}

/**
 * Runs `sql` under EXPLAIN ANALYZE (planned as `plan` says) and sums, over its scans of `relation`, the rows
 * read: those returned and those read only to be dropped by a filter or a recheck, over every loop. Also returns
 * the scans' index conditions.
 */
export async function rowsRead(
  db: Database,
  relation: string,
  sql: string,
  params: unknown[],
  plan: PlanKind = 'custom',
): Promise<{ rows: number; indexConditions: string[] }> {
  const scans = nodesOf(await explain(db, sql, params, plan)).filter((n) => n['Relation Name'] === relation);
  expect(scans.length).toBeGreaterThan(0);
  return {
    rows: scans.reduce(
      (sum, n) =>
        sum +
        (n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) *
          n['Actual Loops'],
      0,
    ),
    indexConditions: scans.flatMap((n) => (n['Index Cond'] ? [n['Index Cond']] : [])),
  };
}
