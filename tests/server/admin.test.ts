/** The admin command as a person runs it: a real process under tsx, on PGlite (DATA_DIR) and on DATABASE_URL. */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { migrate, openDatabase } from '../../src/server/db/index';
import { accountSchema } from '../../src/shared/api';
import { createPostgresDatabase } from './support/databases';
import { cleanEnv, runScript } from './support/spawn';

const ADMIN = 'src/server/admin.ts';

describe.each(['pglite', 'postgres'] as const)('admin command on %s', (kind) => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  let dbConfig: { dataDir: string; databaseUrl?: string };
  let fileDir: string;

  beforeAll(async () => {
    fileDir = await mkdtemp(join(tmpdir(), 'rintis-admin-files-'));
    if (kind === 'pglite') {
      const dir = await mkdtemp(join(tmpdir(), 'rintis-admin-'));
      dbConfig = { dataDir: join(dir, 'pglite') };
      env = cleanEnv({ DATA_DIR: dbConfig.dataDir, FILE_DIR: fileDir });
      cleanup = () => rm(dir, { recursive: true, force: true });
    } else {
      const pg = await createPostgresDatabase();
      dbConfig = { dataDir: 'unused', databaseUrl: pg.url };
      env = cleanEnv({ DATABASE_URL: pg.url, FILE_DIR: fileDir });
      cleanup = pg.drop;
    }
  });

  afterAll(async () => {
    await cleanup?.();
    await rm(fileDir, { recursive: true, force: true });
  });

  const admin = (...args: string[]) => runScript(ADMIN, args, env);

  it('prints help', async () => {
    const res = await admin('--help');
    expect(res.code).toBe(0);
    for (const command of ['create-tenant', 'create-user', 'list-tenants', 'list-users', 'files:cleanup']) {
      expect(res.stdout).toContain(command);
    }
  });

  // Each PGlite run starts a process and opens the data folder: a few seconds each.
  it('creates the first tenant and coordinator, who can then sign in', { timeout: 120_000 }, async () => {
    const tenantRun = await admin('create-tenant', '--name', 'Kabupaten Sleman', '--json');
    expect(tenantRun.stderr).toBe('');
    expect(tenantRun.code).toBe(0);
    const tenant = JSON.parse(tenantRun.stdout) as { id: string; name: string };
    expect(tenant.name).toBe('Kabupaten Sleman');

    const userRun = await admin(
      'create-user',
      '--tenant',
      tenant.id,
      '--name',
      'Sri Koordinator',
      '--phone',
      '0812-3456-7890',
      '--password',
      'sandi-pertama-1',
      '--role',
      'coordinator',
      '--json',
    );
    expect(userRun.code).toBe(0);
    const account = accountSchema.parse(JSON.parse(userRun.stdout));
    expect(account).toMatchObject({ role: 'coordinator', phone: '6281234567890', tenantId: tenant.id });

    const list = await admin('list-users', '--tenant', tenant.id);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Sri Koordinator');
    const tenants = await admin('list-tenants');
    expect(tenants.stdout).toContain('Kabupaten Sleman');

    // The server, on the same database, lets that coordinator in.
    const db = await openDatabase(dbConfig);
    try {
      const app = createApp({ db, config: { logLevel: 'silent' } });
      const res = await app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: '+6281234567890', password: 'sandi-pertama-1' }),
      });
      expect(res.status).toBe(200);
    } finally {
      await db.close();
    }

    const duplicate = await admin(
      'create-user',
      '--tenant',
      tenant.id,
      '--name',
      'Lagi',
      '--phone',
      '081234567890',
      '--password',
      'sandi-pertama-1',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('sudah dipakai');
    expect(duplicate.stderr).toContain('already used');
  });

  it(
    'removes orphan files past FILE_ORPHAN_DAYS (files:cleanup), listing them only with --dry-run',
    { timeout: 120_000 },
    async () => {
      const tenantId = 'tenant-admin-files';
      const [orphan, recent] = ['yatim', 'baru'].map((text) => {
        const bytes = Buffer.from(`berkas ${text}`);
        return { bytes, sha: createHash('sha256').update(bytes).digest('hex') };
      });
      const db = await openDatabase(dbConfig);
      try {
        await migrate(db);
        await mkdir(join(fileDir, 'blobs', tenantId), { recursive: true });
        for (const [file, days] of [
          [orphan!, 40],
          [recent!, 2],
        ] as const) {
          await writeFile(join(fileDir, 'blobs', tenantId, file.sha), file.bytes);
          await db.query(
            `INSERT INTO file_blobs (tenant_id, sha256, size, mime, created_by, unreferenced_since)
           VALUES ($1, $2, $3, 'application/pdf', 'u', now() - make_interval(days => $4))`,
            [tenantId, file.sha, file.bytes.length, days],
          );
        }
      } finally {
        await db.close();
      }

      const dry = await admin('files:cleanup', '--dry-run', '--json');
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({
        dryRun: true,
        files: [{ tenantId, sha256: orphan!.sha, size: orphan!.bytes.length }],
        releasedBytes: orphan!.bytes.length,
      });
      expect(existsSync(join(fileDir, 'blobs', tenantId, orphan!.sha))).toBe(true);

      const real = await admin('files:cleanup');
      expect(real.code).toBe(0);
      expect(real.stdout).toContain(`Dihapus / removed: ${tenantId}/${orphan!.sha}`);
      expect(real.stdout).toContain('Dihapus / removed: 1 berkas/files');
      expect(existsSync(join(fileDir, 'blobs', tenantId, orphan!.sha))).toBe(false);
      expect(existsSync(join(fileDir, 'blobs', tenantId, recent!.sha))).toBe(true);

      // A shorter grace, as FILE_ORPHAN_DAYS sets it, takes the recent one too.
      const shorter = await runScript(ADMIN, ['files:cleanup', '--json'], { ...env, FILE_ORPHAN_DAYS: '1' });
      expect(JSON.parse(shorter.stdout)).toMatchObject({ files: [{ sha256: recent!.sha }] });
      expect(existsSync(join(fileDir, 'blobs', tenantId, recent!.sha))).toBe(false);
    },
  );

  it('explains mistakes in both languages and exits 1', { timeout: 120_000 }, async () => {
    const noTenant = await admin(
      'create-user',
      '--name',
      'X',
      '--email',
      'x@contoh.id',
      '--password',
      'abcdefgh1',
    );
    expect(noTenant.code).toBe(1);
    expect(noTenant.stderr).toContain('--tenant wajib diisi / --tenant is required');

    const unknownTenant = await admin(
      'create-user',
      '--tenant',
      'tidak-ada',
      '--name',
      'X',
      '--email',
      'x@contoh.id',
      '--password',
      'abcdefgh1',
    );
    expect(unknownTenant.code).toBe(1);
    expect(unknownTenant.stderr).toContain('Tenant tidak ditemukan / Tenant not found');

    const weak = await admin(
      'create-user',
      '--tenant',
      't',
      '--name',
      'X',
      '--email',
      'x@contoh.id',
      '--password',
      '123',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('Kata sandi minimal 8 karakter / password needs at least 8 characters');

    const role = await admin(
      'create-user',
      '--tenant',
      't',
      '--name',
      'X',
      '--email',
      'x@y.id',
      '--password',
      'abcdefgh1',
      '--role',
      'raja',
    );
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('invalid --role');

    const unknown = await admin('hapus-semua');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Perintah tidak dikenal / unknown command');

    const badOption = await admin('list-tenants', '--frobnicate');
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toContain('Opsi tidak sah / invalid option');
  });
});
