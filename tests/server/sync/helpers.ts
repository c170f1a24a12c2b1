/**
 * Test harness for the sync suites, on the real parts: `openDatabase` (PGlite in memory, or a fresh PostgreSQL
 * database), `migrate`, the real `createApp` (requireAuth, gzip, error handling) and real users with real access
 * tokens. Tests name callers by short keys ('innoA', 'coord', ...): `syncApp` swaps a key in the Authorization
 * header for that user's signed token, and passes anything else through (so a bad token meets the real 401).
 */
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { migrate, openDatabase } from '../../../src/server/db/index';
import type { Database } from '../../../src/server/db/types';
import type { AuthContext, Role } from '../../../src/server/auth/types';
import { createApp } from '../../../src/server/app';
import { TEST_PASSWORD_HASH_COST } from '../support/passwords';
import { signAccessToken } from '../../../src/server/auth/tokens';
import { createPostgresDatabase } from '../support/databases';
import { writeRecordsAsServer } from '../../../src/server/sync/serverWrites';

export const AUTH_SECRET = 'sync-test-secret-0123456789abcdef';

export async function pgliteDatabase(): Promise<Database> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  return db;
}

/** A fresh PostgreSQL database; `drop` removes it. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  return createPostgresDatabase();
}

/** A database handle (its own connection pool: a "server process") on `url`. */
export async function postgresDatabase(url: string, runMigrations = true): Promise<Database> {
  const db = await openDatabase({ dataDir: 'unused', databaseUrl: url });
  if (runMigrations) await migrate(db);
  return db;
}

/** A suite's database: a fresh PostgreSQL database of its own (dropped by `done`), or an in-memory PGlite. */
export interface SuiteDatabase {
  db: Database;
  done: () => Promise<void>;
}

export async function openFreshPostgres(): Promise<SuiteDatabase> {
  const fresh = await freshPostgres();
  const db = await postgresDatabase(fresh.url);
  return {
    db,
    done: async () => {
      await db.close();
      await fresh.drop();
    },
  };
}

export async function openPglite(): Promise<SuiteDatabase> {
  const db = await pgliteDatabase();
  return { db, done: () => db.close() };
}

export interface UserSpec {
  tenant: string;
  role: Role;
  unitIds: string[];
}

/**
 * Creates the tenants and users (rows as the accounts service writes them; the password is never used here, so
 * no slow hash) and returns each key's AuthContext and access token.
 */
export async function seedUsers(
  db: Database,
  specs: Record<string, UserSpec>,
): Promise<{
  auth: Record<string, AuthContext>;
  tokens: Record<string, string>;
  tenants: Record<string, string>;
}> {
  const tenants: Record<string, string> = {};
  for (const spec of Object.values(specs)) {
    if (tenants[spec.tenant]) continue;
    const id = uuidv7();
    await db.query('insert into tenants (id, name) values ($1, $2)', [id, spec.tenant]);
    tenants[spec.tenant] = id;
  }
  const auth: Record<string, AuthContext> = {};
  const tokens: Record<string, string> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const id = uuidv7();
    const tenantId = tenants[spec.tenant]!;
    await db.query(
      `insert into users (id, tenant_id, name, email, role, unit_ids, password_hash)
       values ($1, $2, $3, $4, $5, $6, 'unused')`,
      [id, tenantId, key, `${key}-${randomBytes(6).toString('hex')}@contoh.go.id`, spec.role, spec.unitIds],
    );
    auth[key] = {
      userId: id,
      tenantId,
      role: spec.role,
      unitIds: spec.role === 'coordinator' ? null : spec.unitIds,
      canWrite: spec.role !== 'viewer',
    };
    tokens[key] = (await signAccessToken(AUTH_SECRET, { userId: id, tenantId })).token;
  }
  return { auth, tokens, tenants };
}

/** Unit records with these ids in the tenant (as an import writes them), so accounts may be given them. */
export async function seedUnits(db: Database, tenantId: string, unitIds: readonly string[]): Promise<void> {
  await db.transaction((tx) =>
    writeRecordsAsServer(
      tx,
      { tenantId, userId: 'server', deviceId: 'server-test' },
      unitIds.map((id, i) => ({
        op: 'create' as const,
        kind: 'unit' as const,
        id,
        body: { name: `Unit uji ${i + 1} ${id.slice(-4)}`, type: 'puskesmas', demo: false },
      })),
    ),
  );
}

export interface SyncTestApp {
  request(input: string, init?: RequestInit): Promise<Response>;
}

/** The real app on `db`; every call builds on the same instance until `restart` (a new process on the same db). */
export function syncApp(db: Database, tokens: Record<string, string>): SyncTestApp {
  const app = createApp({
    db,
    config: { passwordHashCost: TEST_PASSWORD_HASH_COST, authSecret: AUTH_SECRET, logLevel: 'silent' },
  });
  return {
    async request(input, init = {}) {
      const headers = new Headers(init.headers);
      const key = /^Bearer (\S+)$/.exec(headers.get('authorization') ?? '')?.[1];
      if (key && tokens[key]) headers.set('authorization', `Bearer ${tokens[key]}`);
      return app.request(input, { ...init, headers });
    },
  };
}

export const UNIT_A = '0190a000-0000-7000-8000-00000000000a';
export const UNIT_B = '0190a000-0000-7000-8000-00000000000b';

/** The cast of the suites: one regency with two units, a viewer, and a coordinator of another regency. */
export const CAST: Record<string, UserSpec> = {
  coord: { tenant: 'Kabupaten Contoh', role: 'coordinator', unitIds: [] },
  innoA: { tenant: 'Kabupaten Contoh', role: 'innovator', unitIds: [UNIT_A] },
  facA: { tenant: 'Kabupaten Contoh', role: 'facilitator', unitIds: [UNIT_A] },
  innoB: { tenant: 'Kabupaten Contoh', role: 'innovator', unitIds: [UNIT_B] },
  viewer: { tenant: 'Kabupaten Contoh', role: 'viewer', unitIds: [UNIT_A] },
  other: { tenant: 'Kota Lain', role: 'coordinator', unitIds: [] },
};
