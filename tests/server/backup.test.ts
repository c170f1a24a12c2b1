/**
 * Backup and restore as the operations notes (src/server/README.md) describe them: a copy of the stopped PGlite
 * data folder, and a pg_dump / pg_restore round trip for PostgreSQL. After restoring, the same people sign in.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { createTenant, createUser } from '../../src/server/accounts/service';
import { migrate, openDatabase } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';
import { createPostgresDatabase } from './support/databases';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from './support/passwords';

const run = promisify(execFile);
const LOGIN = 'cadangan@contoh.go.id';
const PASSWORD = 'sandi-cadangan-1';

async function seed(db: Database): Promise<void> {
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
}

async function canSignIn(db: Database): Promise<boolean> {
  const app = createApp({ db, config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' } });
  const res = await app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: LOGIN, password: PASSWORD }),
  });
  return res.status === 200;
}

describe('backup and restore', () => {
  it('PGlite: a copy of the stopped data folder is a full backup', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rintis-backup-'));
    try {
      const original = await openDatabase({ dataDir: join(dir, 'data') });
      await seed(original);
      await original.close();
      await cp(join(dir, 'data'), join(dir, 'copy'), { recursive: true });
      const restored = await openDatabase({ dataDir: join(dir, 'copy') });
      try {
        expect(await migrate(restored)).toEqual([]);
        expect(await canSignIn(restored)).toBe(true);
      } finally {
        await restored.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: pg_dump then pg_restore into an empty database', { timeout: 90_000 }, async () => {
    const source = await createPostgresDatabase();
    const target = await createPostgresDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'rintis-dump-'));
    try {
      const db = await openDatabase({ dataDir: 'unused', databaseUrl: source.url });
      await seed(db);
      await db.close();
      const file = join(dir, 'rintis.dump');
      await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, source.url]);
      await run('pg_restore', ['--no-owner', `--dbname=${target.url}`, file]);
      const restored = await openDatabase({ dataDir: 'unused', databaseUrl: target.url });
      try {
        expect(await migrate(restored)).toEqual([]);
        expect(await canSignIn(restored)).toBe(true);
      } finally {
        await restored.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      await source.drop();
      await target.drop();
    }
  });
});
