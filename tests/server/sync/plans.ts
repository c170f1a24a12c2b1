/**
 * What a statement read, from PostgreSQL's own account of running it (EXPLAIN ANALYZE): for tests that a read
 * costs what it asks for, whatever the table holds.
 */
import { expect } from 'vitest';
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
 * Runs `sql` under EXPLAIN ANALYZE and sums, over its scans of `relation`, the rows read: those returned and
 * those read only to be dropped by a filter or a recheck, over every loop. Also returns the scans' index
 * conditions.
 */
export async function rowsRead(
  db: Database,
  relation: string,
  sql: string,
  params: unknown[],
): Promise<{ rows: number; indexConditions: string[] }> {
  const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
    params,
  );
  const scans = nodesOf(rows[0]!['QUERY PLAN'][0].Plan).filter((n) => n['Relation Name'] === relation);
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
