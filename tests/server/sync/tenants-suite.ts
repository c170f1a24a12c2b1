/**
 * Writes ordered per tenant, on PGlite and on a real PostgreSQL (called from tenants-pglite / tenants-postgres):
 * each tenant draws its own versions (src/server/sync/versions.ts), and migration 014 moves a store that drew
 * them from one global sequence onto per-tenant sequences without a version going back.
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

export function tenantVersionsSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`versions per tenant on ${name}`, () => {
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

        expect(await migrate(db)).toContain('014_tenant_versions.sql');
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_class WHERE relname = 'sync_version_seq'`,
        );
        expect(Number(rows[0]!.n)).toBe(0);

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
