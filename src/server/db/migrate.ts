/**
 * Versioned migrations: `migrations/NNN_name.sql`, applied in order at start. All pending files run in one
 * transaction that first takes a transaction-level advisory lock, so two processes starting at once against the
 * same PostgreSQL queue up instead of racing: the second one sees the first one's rows in `schema_migrations`
 * and applies nothing. A file that fails rolls back the whole run and the server does not start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './types';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Arbitrary constant shared by every Rintis process ("rintis" in ASCII). */
const MIGRATION_LOCK_KEY = 0x72696e746973;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .map((f) => ({
      version: Number.parseInt(f.slice(0, f.indexOf('_')), 10),
      name: f,
      sql: readFileSync(`${dir}/${f}`, 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`Dua migrasi bernomor sama / two migrations share a number: ${migrations[i]!.name}`);
    }
  }
  return migrations;
}

/** Applies pending migrations; returns the names of those applied by this call (empty when up to date). */
export async function migrate(db: Database, dir?: string): Promise<string[]> {
  const migrations = listMigrations(dir);
  return db.transaction(async (tx) => {
    // A migration may take longer than a request's statement timeout on a big database.
    await tx.query('set local statement_timeout = 0');
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(
      `create table if not exists schema_migrations (
         version integer primary key,
         name text not null,
         applied_at timestamptz not null default now()
       )`,
    );
    const { rows } = await tx.query<{ version: number }>('select version from schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.query(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
