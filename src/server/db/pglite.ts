/** Embedded PostgreSQL (PGlite, WASM): the zero-setup default. One connection; PGlite queues queries itself. */
import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './types';

type Rows<Row> = { rows: Row[] };

/**
 * Parameterless SQL goes through the simple protocol (`exec`) so a migration file with several statements runs
 * as one call, as it does on node-postgres; the rows of the last statement are returned.
 */
async function run<Row>(target: PGlite | Transaction, sql: string, params?: unknown[]): Promise<Rows<Row>> {
  if (params && params.length > 0) {
    const result = await target.query<Row>(sql, params);
    return { rows: result.rows };
  }
  const results = await target.exec(sql);
  return { rows: (results.at(-1)?.rows ?? []) as Row[] };
}

export async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    query: <Row extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
      run<Row>(pg, sql, params),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      pg.transaction(async (tx) => {
        const q: Queryable = {
          query: <Row extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
            run<Row>(tx, sql, params),
        };
        return fn(q);
      }),
    listen: async (channel, onPayload) => {
      const unsubscribe = await pg.listen(channel, onPayload);
      return async () => {
        if (!pg.closed) await unsubscribe();
      };
    },
    close: async () => {
      if (!pg.closed) await pg.close();
    },
  };
}
