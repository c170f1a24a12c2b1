/**
 * Opens the server's database: PostgreSQL when `databaseUrl` is set, otherwise embedded PGlite in `dataDir`
 * (`memory://` for tests). Both speak the same SQL; see `types.ts` for what a transaction guarantees.
 * Values come back alike on both: int8 as number, timestamptz as Date, text[] as string[], jsonb parsed.
 */
import type { Database } from './types';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export type { Database, Queryable } from './types';
export { migrate, listMigrations } from './migrate';

export interface DatabaseConfig {
  databaseUrl?: string | null;
  dataDir: string;
  /** PostgreSQL: prepare statements with parameters (default true; see `ServerConfig`). */
  databasePreparedStatements?: boolean;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    const db = openPostgres(config.databaseUrl, { prepare: config.databasePreparedStatements ?? true });
    // Fail at start, not at the first request, when the server is unreachable.
    try {
      await db.query('select 1');
    } catch (err) {
      await db.close();
      throw err;
    }
    return db;
  }
  return openPglite(config.dataDir);
}
