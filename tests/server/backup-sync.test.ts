/**
 * Backup and restore keep the synced data and the version sequence (issue #7): records pushed before the backup
 * come back identical in a pull from the restored database, and the next change after the restore gets a version
 * above every restored one, so phones that pulled before the backup (their cursor) still receive it. For both
 * documented procedures: a pg_dump / pg_restore round trip, and a copy of the stopped PGlite data folder.
 * (Accounts surviving the round trip: backup.test.ts.)
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { createTenant, createUser } from '../../src/server/accounts/service';
import { migrate, openDatabase } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';
import { sessionTokensSchema } from '../../src/shared/api';
import { newSessionBody } from '../../src/shared/domain';
import { flattenBody } from '../../src/shared/fieldPaths';
import {
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  type Change,
} from '../../src/shared/protocol';
import type { AnyRecord } from '../../src/shared/records';
import { createPostgresDatabase } from './support/databases';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from './support/passwords';

const run = promisify(execFile);
const LOGIN = 'cadangan-sinkron@contoh.go.id';
const PASSWORD = 'sandi-cadangan-2';
const DEVICE = 'backup-device-1';

async function client(db: Database) {
  const app = createApp({ db, config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' } });
  const res = await app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: LOGIN, password: PASSWORD }),
  });
  const { accessToken } = sessionTokensSchema.parse(await res.json());
  const headers = { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' };
  return {
    async push(changes: Change[]) {
      const r = await app.request('/api/sync/push', {
        method: 'POST',
        headers,
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: DEVICE, changes }),
      });
      expect(r.status).toBe(200);
      const body = pushResponseSchema.parse(await r.json());
      expect(body.results.every((x) => x.status === 'applied')).toBe(true);
      return body;
    },
    async pull(cursor = 0): Promise<{ records: AnyRecord[]; cursor: number }> {
      const records: AnyRecord[] = [];
      for (;;) {
        const r = await app.request(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${cursor}`, {
          headers,
        });
        const page = pullResponseSchema.parse(await r.json());
        records.push(...page.records);
        cursor = page.cursor;
        if (!page.hasMore) return { records, cursor };
      }
    },
  };
}

function sessions(count: number, from: number): Change[] {
  return Array.from({ length: count }, (_, i) => {
    const body = newSessionBody(new Date(Date.UTC(2026, 1, 1 + i)));
    body.notes = `Catatan sesi ${from + i}: tim sepakat merekap data kunjungan setiap minggu.`;
    const values = flattenBody('session', body as Record<string, unknown>);
    return {
      deviceId: DEVICE,
      seq: from + i,
      recordId: uuidv7(),
      kind: 'session',
      op: 'create',
      values,
      base: Object.fromEntries(Object.keys(values).map((p) => [p, 0])),
      editedAt: Date.now(),
    };
  });
}

interface Before {
  records: AnyRecord[];
  cursor: number;
  sent: Change[];
}

async function seed(db: Database): Promise<Before> {
  await migrate(db);
  const tenant = await createTenant(db, 'Kabupaten Cadangan');
  await createUser(db, {
    tenantId: tenant.id,
    name: 'Cadangan',
    email: LOGIN,
    phone: null,
    passwordHash: await testPasswordHash(PASSWORD),
    role: 'coordinator',
    unitIds: [],
  });
  const c = await client(db);
  const sent = sessions(40, 1);
  await c.push(sent);
  // An edit too, so a record's versions differ per field.
  // The first session (the tenant's seeded templates come before it).
  const first = (await c.pull()).records.find((r) => r.kind === 'session')!;
  await c.push([
    {
      deviceId: DEVICE,
      seq: 41,
      recordId: first.id,
      kind: 'session',
      op: 'update',
      values: { agreements: 'Kesepakatan ditambahkan sebelum pencadangan.' },
      base: { agreements: first.fieldVersions['agreements'] ?? 0 },
      editedAt: Date.now(),
    },
  ]);
  return { ...(await c.pull()), sent };
}

async function expectSameAfterRestore(restored: Database, before: Before) {
  expect(await migrate(restored)).toEqual([]);
  const c = await client(restored);
  const after = await c.pull();
  expect(after.cursor).toBe(before.cursor);
  const byId = (list: AnyRecord[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  expect(byId(after.records)).toEqual(byId(before.records));
  // The next change after the restore: a version above every restored one, seen from the old cursor.
  const next = await c.push(sessions(1, 100));
  const fresh = next.results[0]!;
  if (fresh.status !== 'applied') throw new Error('not applied');
  expect(fresh.record.rev).toBeGreaterThan(before.cursor);
  const since = await c.pull(before.cursor);
  expect(since.records.map((r) => r.id)).toEqual([fresh.recordId]);
  // A repeated change from before the backup is still recognised (idempotency survives the restore).
  const again = await c.push([before.sent[0]!]);
  expect(again.results[0]).toMatchObject({ status: 'applied', recordId: before.sent[0]!.recordId });
  expect((await c.pull(since.cursor)).records).toEqual([]);
}

describe('backup and restore keep synced records and the version sequence', () => {
  it('PostgreSQL: pg_dump / pg_restore', { timeout: 90_000 }, async () => {
    const source = await createPostgresDatabase();
    const target = await createPostgresDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'rintis-dump-sync-'));
    try {
      const db = await openDatabase({ dataDir: 'unused', databaseUrl: source.url });
      const before = await seed(db);
      await db.close();
      const file = join(dir, 'rintis.dump');
      await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, source.url]);
      await run('pg_restore', ['--no-owner', `--dbname=${target.url}`, file]);
      const restored = await openDatabase({ dataDir: 'unused', databaseUrl: target.url });
      try {
        await expectSameAfterRestore(restored, before);
      } finally {
        await restored.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      await source.drop();
      await target.drop();
    }
  });

  it('PGlite: a copy of the stopped data folder', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rintis-folder-sync-'));
    try {
      const db = await openDatabase({ dataDir: join(dir, 'data') });
      const before = await seed(db);
      await db.close();
      await cp(join(dir, 'data'), join(dir, 'copy'), { recursive: true });
      const restored = await openDatabase({ dataDir: join(dir, 'copy') });
      try {
        await expectSameAfterRestore(restored, before);
      } finally {
        await restored.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
