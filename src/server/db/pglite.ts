/** Embedded PostgreSQL (PGlite, WASM): the zero-setup default. One connection; PGlite queues queries itself. */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
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

export class DatabaseInUseError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder (the admin command while the
 * server runs) would corrupt it. A lock file with the owner's pid refuses that; a lock left by a dead process is
 * taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, 'rintis.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
        throw new DatabaseInUseError(
          `Basis data di ${dataDir} sedang dipakai proses ${owner}; hentikan server dulu atau pakai DATABASE_URL / ` +
            `the database in ${dataDir} is in use by process ${owner}; stop the server first or use DATABASE_URL`,
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new DatabaseInUseError(`Tidak dapat mengunci ${lockPath} / cannot lock ${lockPath}`);
}

export async function openPglite(dataDir: string): Promise<Database> {
  let unlock = async () => undefined as void;
  if (!dataDir.startsWith('memory://')) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir);
  } catch (err) {
    await unlock();
    throw err;
  }
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
      await unlock();
    },
  };
}
