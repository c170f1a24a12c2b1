/**
 * Tenants apart, on PGlite and on a real PostgreSQL (called from tenants-pglite / tenants-postgres): each tenant
 * draws its own versions (src/server/sync/versions.ts), migration 014 moves a store that drew them from one
 * global sequence onto per-tenant sequences without a version going back, and every table of tenant data is
 * keyed by its tenant first (migration 015), so the store can be distributed by tenant (docs/scale.md).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { migrate } from '../../../src/server/db/index';
import type { Database } from '../../../src/server/db/types';
import type { PushResponse } from '../../../src/shared/protocol';
import { CAST, UNIT_A, seedUsers, syncApp } from './helpers';
import { Device, draftBody, pull, push } from './fixtures';

const MIGRATIONS = fileURLToPath(new URL('../../../src/server/db/migrations/', import.meta.url));

/** The SQL docs/operations.md gives for raising the version counters after restoring an older backup. */
function restoreSql(): string {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/operations.md', import.meta.url)), 'utf8');
  const block = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((b) => b.includes('tenant_versions'));
  if (!block) throw new Error('docs/operations.md no longer raises tenant_versions');
  return block;
}

/** A folder holding the migrations numbered below `version`. */
function migrationsBefore(version: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rintis-migrations-'));
  for (const f of readdirSync(MIGRATIONS).filter((f) => /^\d+_/.test(f) && Number.parseInt(f, 10) < version))
    copyFileSync(join(MIGRATIONS, f), join(dir, f));
  return dir;
}

const rev = (res: PushResponse): number => {
  const result = res.results[0]!;
  if (result.status !== 'applied') throw new Error(`change refused: ${result.code} ${result.message}`);
  return result.record.rev;
};

/** A record row as the old code wrote it, at a version drawn from the old global sequence. */
async function oldRow(db: Database, tenantId: string, unitId: string | null): Promise<number> {
  const { rows } = await db.query<{ version: string }>(
    `INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, unit_ids,
       created_by, updated_by, created_at, updated_at)
     VALUES ($1, $2, 'draft', $3, '{}', '{}', nextval('sync_version_seq'), $4, 'server', 'server', 0, 0)
     RETURNING version`,
    [uuidv7(), tenantId, JSON.stringify(draftBody(unitId)), unitId === null ? [] : [unitId]],
  );
  return Number(rows[0]!.version);
}

/**
 * The tables not keyed by tenant, and why: each is global by nature, not tenant data. Keep this list short; a
 * table missing from the database fails the test too, so it cannot go stale.
 */
export const GLOBAL_TABLES: Record<string, string> = {
  schema_migrations: 'the migrations applied to this database: one list per database',
  server_settings: 'settings of the deployment (e.g. the first administrator set up), not of a tenant',
  tenants: 'the tenants themselves, keyed by their id (which every other key leads with)',
  users:
    'the sign-in directory: an account is found by its login before its tenant is known (one row per account, ' +
    'tens of thousands nationally: kept whole on the coordinator, a Citus reference table)',
  refresh_tokens: 'the sign-in directory: a session is found by its token before its tenant is known',
  token_families: 'the sign-in directory: the sessions of an account, reached from its token',
  sign_in_devices:
    'the sign-in directory: a remembered device is found by its token before its tenant is known',
  sign_in_limits: 'rate limits of sign-in attempts, by address and login, before any tenant is known',
  sign_in_spray: 'rate limits of sign-in attempts, by address and login, before any tenant is known',
};

/** Every table of the current schema with its primary key's columns, in order (none: an empty list). */
async function primaryKeys(db: Database): Promise<Map<string, string[]>> {
  const { rows } = await db.query<{ table_name: string; key: string[] | null }>(
    `SELECT c.relname AS table_name,
       (SELECT array_agg(a.attname::text ORDER BY k.ord)
          FROM pg_index i, unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord), pg_attribute a
         WHERE i.indrelid = c.oid AND i.indisprimary AND a.attrelid = c.oid AND a.attnum = k.attnum) AS key
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
     ORDER BY c.relname`,
  );
  return new Map(rows.map((r) => [r.table_name, r.key ?? []]));
}

export function tenantVersionsSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`tenants apart on ${name}`, () => {
    it('keys every table of tenant data by its tenant first', async () => {
      const { db, done } = await open();
      try {
        await migrate(db);
        const keys = await primaryKeys(db);
        const { rows: columns } = await db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.columns
           WHERE table_schema = current_schema() AND column_name = 'tenant_id'`,
        );
        // The catalog query itself is checked against a key known from the migrations.
        expect(keys.get('file_blobs')).toEqual(['tenant_id', 'sha256']);
        const wrong = [...keys]
          .filter(([table]) => !(table in GLOBAL_TABLES))
          .filter(([, key]) => key[0] !== 'tenant_id')
          .map(([table, key]) => `${table} (${key.join(', ') || 'no primary key'})`);
        expect(wrong).toEqual([]);
        // Listed tables exist, have a key, and are not tenant data keyed otherwise by mistake.
        for (const table of Object.keys(GLOBAL_TABLES))
          expect(keys.get(table)?.length, table).toBeGreaterThan(0);
        expect(keys.get('tenants')).toEqual(['id']);
        const tenantData = new Set(columns.map((c) => c.table_name));
        expect([...tenantData].filter((t) => t in GLOBAL_TABLES)).toEqual(['users']);
        expect([...keys.keys()].filter((t) => !(t in GLOBAL_TABLES)).sort()).toEqual(
          [...tenantData].filter((t) => !(t in GLOBAL_TABLES)).sort(),
        );
      } finally {
        await done();
      }
    });

    it('lets two tenants hold a record and its change log under the same record id', async () => {
      const { db, done } = await open();
      try {
        await migrate(db);
        const seeded = await seedUsers(db, CAST);
        const app = syncApp(db, seeded.tokens);
        // Two phones of two tenants that make up the same device id and record id (a copied backup, a bug).
        const here = new Device('phone-same-0001', 'innoA');
        const there = new Device('phone-same-0001', 'other');
        const mine = here.create(draftBody(UNIT_A, { title: 'Punya kami' }));
        const theirs = {
          ...there.create(draftBody(null, { title: 'Punya mereka' })),
          recordId: mine.recordId,
        };
        expect(rev(await push(app, 'innoA', [mine]))).toBe(1);
        expect(rev(await push(app, 'other', [theirs]))).toBe(1);
        const title = async (token: string) =>
          (await pull(app, token, 0)).records.find((r) => r.id === mine.recordId);
        expect(await title('innoA')).toMatchObject({ title: 'Punya kami' });
        expect(await title('other')).toMatchObject({ title: 'Punya mereka' });
        // Each edit merges against its own tenant's change log.
        const edited = there.update(mine.recordId, { title: 'Diubah mereka' }, { title: 1 });
        expect(rev(await push(app, 'other', [edited]))).toBe(2);
        expect(await title('innoA')).toMatchObject({ title: 'Punya kami', rev: 1 });
        expect(await title('other')).toMatchObject({ title: 'Diubah mereka', rev: 2 });
      } finally {
        await done();
      }
    });

    it('gives each tenant its own versions, one by one, whatever other tenants write', async () => {
      const { db, done } = await open();
      try {
        await migrate(db);
        const seeded = await seedUsers(db, CAST);
        const app = syncApp(db, seeded.tokens);
        const here = new Device('phone-here-0001', 'innoA');
        const there = new Device('phone-there-001', 'other');
        const revs: number[][] = [[], []];
        for (let i = 0; i < 4; i++) {
          revs[0]!.push(rev(await push(app, 'innoA', [here.create(draftBody(UNIT_A))])));
          revs[1]!.push(rev(await push(app, 'other', [there.create(draftBody(null))])));
        }
        expect(revs).toEqual([
          [1, 2, 3, 4],
          [1, 2, 3, 4],
        ]);
        const { rows } = await db.query<{ tenant_id: string; last: string }>(
          'SELECT tenant_id, last FROM tenant_versions ORDER BY tenant_id',
        );
        expect(rows.map((r) => [r.tenant_id, Number(r.last)])).toEqual(
          [seeded.auth.innoA!.tenantId, seeded.auth.other!.tenantId].sort().map((t) => [t, 4]),
        );
      } finally {
        await done();
      }
    });

    it('moves a store off the global sequence: each tenant goes on above its own highest version', async () => {
      const { db, done } = await open();
      try {
        await migrate(db, migrationsBefore(14));
        const seeded = await seedUsers(db, CAST);
        const [here, there] = [seeded.auth.innoA!.tenantId, seeded.auth.other!.tenantId];
        // Versions of the two tenants interleaved, as one global sequence drew them.
        const old: Record<string, number[]> = { [here]: [], [there]: [] };
        for (let i = 0; i < 5; i++) old[here]!.push(await oldRow(db, here, UNIT_A));
        for (let i = 0; i < 2; i++) old[there]!.push(await oldRow(db, there, null));
        old[here]!.push(await oldRow(db, here, UNIT_A));
        const top = (t: string) => Math.max(...old[t]!);
        // A change-log entry and an idempotency row as the old code wrote them: no tenant column yet.
        const { rows: last } = await db.query<{ id: string }>(
          'SELECT id FROM sync_records WHERE version = $1',
          [top(there)],
        );
        await db.query(
          `INSERT INTO sync_changes (record_id, path, version, value, device_id, user_id)
           VALUES ($1, 'title', $2, '"lama"', 'phone-old', $3)`,
          [last[0]!.id, top(there), seeded.auth.other!.userId],
        );
        await db.query(
          `INSERT INTO sync_processed (user_id, device_id, seq, record_id, result)
           VALUES ($1, 'phone-old', 1, $2, '{"status":"applied"}')`,
          [seeded.auth.other!.userId, last[0]!.id],
        );

        expect(await migrate(db)).toContain('014_tenant_versions.sql');
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_class WHERE relname = 'sync_version_seq'`,
        );
        expect(Number(rows[0]!.n)).toBe(0);
        // Migration 015 gave them their tenant.
        const { rows: moved } = await db.query<{ log: string; processed: string }>(
          `SELECT (SELECT tenant_id FROM sync_changes WHERE device_id = 'phone-old') AS log,
                  (SELECT tenant_id FROM sync_processed WHERE device_id = 'phone-old') AS processed`,
        );
        expect(moved[0]).toEqual({ log: there, processed: there });

        const app = syncApp(db, seeded.tokens);
        const cursor = (await pull(app, 'coord', 0)).cursor;
        expect(cursor).toBe(top(here));
        const created = new Device('phone-after-001', 'innoA').create(
          draftBody(UNIT_A, { title: 'Sesudah' }),
        );
        expect(rev(await push(app, 'innoA', [created]))).toBe(top(here) + 1);
        // A phone holding the cursor from before the move gets what was written after it.
        expect((await pull(app, 'coord', cursor)).records.map((r) => r.id)).toEqual([created.recordId]);
        const elsewhere = new Device('phone-after-002', 'other').create(draftBody(null));
        expect(rev(await push(app, 'other', [elsewhere]))).toBe(top(there) + 1);

        // After restoring an older backup, the operations guide's SQL puts every tenant above what phones saw.
        await db.query(restoreSql());
        const later = new Device('phone-after-003', 'other').create(draftBody(null));
        expect(rev(await push(app, 'other', [later]))).toBe(top(there) + 1 + 10_000_000 + 1);
      } finally {
        await done();
      }
    });
  });
}
