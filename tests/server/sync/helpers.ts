/**
 * Test harness for the sync suites: a Database on PGlite (in memory) or on a fresh PostgreSQL database, the
 * migrations applied, and a Hono app that mounts the real sync routes behind a token -> AuthContext table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Database, Queryable } from '../../../src/server/db/types';
import type { AuthContext } from '../../../src/server/auth/types';
import type { AppEnv } from '../../../src/server/http/env';
import { createSyncRoutes } from '../../../src/server/sync/routes';
import { SyncEvents } from '../../../src/server/sync/events';

const MIGRATIONS = join(import.meta.dirname, '../../../src/server/db/migrations');
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function migrate(db: Database): Promise<void> {
  for (const file of readdirSync(MIGRATIONS)
    .filter((f) => /^\d+_sync.*\.sql$/.test(f))
    .sort()) {
    const sql = readFileSync(join(MIGRATIONS, file), 'utf8');
    if (db.kind === 'pglite') await (db as PgliteDb).raw.exec(sql);
    else await db.query(sql);
  }
}

interface PgliteDb extends Database {
  raw: PGlite;
}

export async function pgliteDatabase(): Promise<Database> {
  const raw = await PGlite.create();
  let chain: Promise<unknown> = Promise.resolve();
  const db: PgliteDb = {
    kind: 'pglite',
    raw,
    query: async (sql, params) => (await raw.query(sql, params)) as never,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => {
      const run = chain.then(() =>
        raw.transaction(async (tx) =>
          fn({ query: async (sql, params) => (await tx.query(sql, params)) as never }),
        ),
      );
      chain = run.catch(() => undefined);
      return run;
    },
    listen: async (channel, onPayload) => {
      const stop = await raw.listen(channel, onPayload);
      return () => stop();
    },
    close: () => raw.close(),
  };
  await migrate(db);
  return db;
}

/** A fresh PostgreSQL database; `drop` removes it. */
export async function freshPostgres(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function postgresDatabase(url: string, runMigrations = true): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // Idle clients see the test database dropped at the end; that is expected, not a failure.
  pool.on('error', () => undefined);
  const listeners: pg.PoolClient[] = [];
  const db: Database = {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params)) as never,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({ query: async (sql, params) => (await client.query(sql, params)) as never });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    listen: async (channel, onPayload) => {
      const client = await pool.connect();
      listeners.push(client);
      client.on('notification', (n) => {
        if (n.channel === channel) onPayload(n.payload ?? '');
      });
      await client.query(`LISTEN ${channel}`);
      return async () => {
        await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
        client.release();
        listeners.splice(listeners.indexOf(client), 1);
      };
    },
    close: async () => {
      for (const c of listeners.splice(0)) c.release();
      await pool.end();
    },
  };
  if (runMigrations) await migrate(db);
  return db;
}

/** Tokens are the keys of `users`; a request without a known token gets 401. */
export function syncApp(db: Database, users: Record<string, AuthContext>, events?: SyncEvents) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/api/sync/*', async (c, next) => {
    const token = c.req.header('authorization')?.replace(/^Bearer /, '') ?? '';
    const auth = users[token];
    if (!auth)
      return c.json(
        { error: { code: 'unauthorized', message: 'Belum masuk', messageEn: 'Not signed in' } },
        401,
      );
    c.set('auth', auth);
    await next();
  });
  app.route('/api/sync', createSyncRoutes(events ? { db, events } : { db }));
  return app;
}

export const TENANT = 'kab-contoh';
export const UNIT_A = '0190a000-0000-7000-8000-00000000000a';
export const UNIT_B = '0190a000-0000-7000-8000-00000000000b';

export const USERS: Record<string, AuthContext> = {
  coord: { userId: 'u-coord', tenantId: TENANT, role: 'coordinator', unitIds: null, canWrite: true },
  innoA: { userId: 'u-inno-a', tenantId: TENANT, role: 'innovator', unitIds: [UNIT_A], canWrite: true },
  facA: { userId: 'u-fac-a', tenantId: TENANT, role: 'facilitator', unitIds: [UNIT_A], canWrite: true },
  innoB: { userId: 'u-inno-b', tenantId: TENANT, role: 'innovator', unitIds: [UNIT_B], canWrite: true },
  viewer: { userId: 'u-viewer', tenantId: TENANT, role: 'viewer', unitIds: null, canWrite: false },
  other: { userId: 'u-other', tenantId: 'kota-lain', role: 'coordinator', unitIds: null, canWrite: true },
};
