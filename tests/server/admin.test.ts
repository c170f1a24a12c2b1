/** The admin command as a person runs it: a real process under tsx, on PGlite (DATA_DIR) and on DATABASE_URL. */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from './support/passwords';
import { listMigrations, migrate, openDatabase } from '../../src/server/db/index';
import { createTenant, createUser } from '../../src/server/accounts/service';
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
  /** With `input` piped on standard input, as a script would send a password. */
  const adminWithInput = (input: string, ...args: string[]) => runScript(ADMIN, args, env, input);

  it('prints help', async () => {
    const res = await admin('--help');
    expect(res.code).toBe(0);
    for (const command of [
      'create-tenant',
      'create-user',
      'reset-password',
      'list-tenants',
      'list-users',
      'files:cleanup',
      'migrate',
    ]) {
      expect(res.stdout).toContain(command);
    }
  });

  it(
    'migrate applies the pending migrations on a new database, names them, then finds nothing to do',
    { timeout: 120_000 },
    async () => {
      // A database of its own: the other tests here have already migrated theirs.
      let freshEnv: NodeJS.ProcessEnv;
      let dispose: () => Promise<void>;
      if (kind === 'pglite') {
        const dir = await mkdtemp(join(tmpdir(), 'rintis-admin-migrate-'));
        freshEnv = cleanEnv({ DATA_DIR: join(dir, 'pglite'), FILE_DIR: fileDir });
        dispose = () => rm(dir, { recursive: true, force: true });
      } else {
        const pg = await createPostgresDatabase();
        freshEnv = cleanEnv({ DATABASE_URL: pg.url, FILE_DIR: fileDir });
        dispose = pg.drop;
      }
      try {
        const all = listMigrations().map((m) => m.name);
        const first = await runScript(ADMIN, ['migrate', '--json'], freshEnv);
        expect(first.stderr).toBe('');
        expect(first.code).toBe(0);
        expect(JSON.parse(first.stdout)).toEqual({ database: kind, applied: all, total: all.length });

        const again = await runScript(ADMIN, ['migrate'], freshEnv);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain(`database ${kind} is up to date (${all.length} migrasi/migrations)`);
        expect(again.stdout).not.toContain('applied:');
      } finally {
        await dispose();
      }
    },
  );

  // Each PGlite run starts a process and opens the data folder: a few seconds each.
  it('creates the first tenant and coordinator, who can then sign in', { timeout: 120_000 }, async () => {
    const tenantRun = await admin('create-tenant', '--name', 'Kabupaten Sleman', '--json');
    expect(tenantRun.stderr).toBe('');
    expect(tenantRun.code).toBe(0);
    const tenant = JSON.parse(tenantRun.stdout) as { id: string; name: string };
    expect(tenant.name).toBe('Kabupaten Sleman');

    // The password comes on standard input (not a terminal here), never as an argument.
    const userRun = await adminWithInput(
      'sandi-pertama-1\n',
      'create-user',
      '--tenant',
      tenant.id,
      '--name',
      'Sri Koordinator',
      '--phone',
      '0812-3456-7890',
      '--role',
      'coordinator',
      '--json',
    );
    expect(userRun.stderr).toBe('');
    expect(userRun.code).toBe(0);
    expect(userRun.stdout).not.toContain('sandi-pertama-1');
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
      const app = createApp({
        db,
        config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' },
      });
      const res = await app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: '+6281234567890', password: 'sandi-pertama-1' }),
      });
      expect(res.status).toBe(200);
    } finally {
      await db.close();
    }

    const duplicate = await adminWithInput(
      'sandi-pertama-1\n',
      'create-user',
      '--tenant',
      tenant.id,
      '--name',
      'Lagi',
      '--phone',
      '081234567890',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('sudah dipakai');
    expect(duplicate.stderr).toContain('already used');
  });

  it(
    'reset-password prints a one-time password once, signs every device out and forces a change',
    { timeout: 120_000 },
    async () => {
      const tenantRun = await admin('create-tenant', '--name', 'Kota Reset', '--json');
      const tenant = JSON.parse(tenantRun.stdout) as { id: string };
      const created = await adminWithInput(
        'sandi-lama-sekali-1\n',
        'create-user',
        '--tenant',
        tenant.id,
        '--name',
        'Lupa Sandi',
        '--email',
        'lupa@contoh.go.id',
      );
      expect(created.code).toBe(0);

      const db = await openDatabase(dbConfig);
      let refreshToken: string;
      try {
        const app = createApp({
          db,
          config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' },
        });
        const res = await app.request('/api/auth/sign-in', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ login: 'lupa@contoh.go.id', password: 'sandi-lama-sekali-1' }),
        });
        expect(res.status).toBe(200);
        refreshToken = ((await res.json()) as { refreshToken: string }).refreshToken;
      } finally {
        await db.close();
      }

      const unknown = await admin('reset-password', '--login', 'tidak.ada@contoh.go.id');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Akun tidak ditemukan / Account not found');

      const reset = await admin('reset-password', '--login', 'LUPA@contoh.go.id', '--json');
      expect(reset.stderr).toBe('');
      expect(reset.code).toBe(0);
      const { account, oneTimePassword } = JSON.parse(reset.stdout) as {
        account: { mustChangePassword: boolean };
        oneTimePassword: string;
      };
      expect(account.mustChangePassword).toBe(true);
      expect(oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

      const db2 = await openDatabase(dbConfig);
      try {
        const app = createApp({
          db: db2,
          config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' },
        });
        const signIn = (password: string) =>
          app.request('/api/auth/sign-in', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ login: 'lupa@contoh.go.id', password }),
          });
        expect((await signIn('sandi-lama-sekali-1')).status).toBe(401);
        const fresh = await signIn(oneTimePassword);
        expect(fresh.status).toBe(200);
        expect(
          ((await fresh.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword,
        ).toBe(true);
        const refresh = await app.request('/api/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken }),
        });
        expect(refresh.status).toBe(401);
      } finally {
        await db2.close();
      }
    },
  );

  it(
    'reset-password asks for --tenant when the login is used in several tenants, and resets only that one',
    { timeout: 120_000 },
    async () => {
      // Logins are unique per tenant: the same email in two tenants (create-user accepts the second).
      const db = await openDatabase(dbConfig);
      let tenants: { id: string; name: string }[];
      try {
        await migrate(db);
        tenants = [await createTenant(db, 'Kabupaten Satu'), await createTenant(db, 'Kota Dua')];
        await createUser(db, {
          tenantId: tenants[0]!.id,
          name: 'Ani Satu',
          email: 'ani@contoh.go.id',
          phone: null,
          passwordHash: await testPasswordHash('sandi-ani-satu-1'),
          role: 'facilitator',
          unitIds: [],
        });
      } finally {
        await db.close();
      }
      const second = await adminWithInput(
        'sandi-ani-dua-22\n',
        'create-user',
        '--tenant',
        tenants[1]!.id,
        '--name',
        'Ani Dua',
        '--email',
        'ani@contoh.go.id',
      );
      expect(second.stderr).toBe('');
      expect(second.code).toBe(0);

      const ambiguous = await admin('reset-password', '--login', 'ani@contoh.go.id');
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.stderr).toContain('Login ini dipakai di 2 tenant; pilih satu dengan --tenant');
      expect(ambiguous.stderr).toContain('this login is used in 2 tenants; choose one with --tenant');
      for (const t of tenants) expect(ambiguous.stderr).toContain(`--tenant ${t.id}  ${t.name}`);

      const reset = await admin(
        'reset-password',
        '--login',
        'ani@contoh.go.id',
        '--tenant',
        tenants[1]!.id,
        '--json',
      );
      expect(reset.stderr).toBe('');
      expect(reset.code).toBe(0);
      const { account } = JSON.parse(reset.stdout) as { account: { name: string; tenantId: string } };
      expect(account).toMatchObject({ name: 'Ani Dua', tenantId: tenants[1]!.id });
      const elsewhere = await admin('reset-password', '--login', 'ani@contoh.go.id', '--tenant', 'tidak-ada');
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toContain('Akun tidak ditemukan / Account not found');

      // Only Ani Dua must change her password; Ani Satu still signs in with hers.
      const db2 = await openDatabase(dbConfig);
      try {
        const { rows } = await db2.query<{ name: string; must_change_password: boolean }>(
          `select name, must_change_password from users where email = 'ani@contoh.go.id' order by name`,
        );
        expect(rows).toEqual([
          { name: 'Ani Dua', must_change_password: true },
          { name: 'Ani Satu', must_change_password: false },
        ]);
      } finally {
        await db2.close();
      }
    },
  );

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
    const noTenant = await admin('create-user', '--name', 'X', '--email', 'x@contoh.id');
    expect(noTenant.code).toBe(1);
    expect(noTenant.stderr).toContain('--tenant wajib diisi / --tenant is required');

    const unknownTenant = await adminWithInput(
      'sandi-yang-panjang-1\n',
      'create-user',
      '--tenant',
      'tidak-ada',
      '--name',
      'X',
      '--email',
      'x@contoh.id',
    );
    expect(unknownTenant.code).toBe(1);
    expect(unknownTenant.stderr).toContain('Tenant tidak ditemukan / Tenant not found');

    const weak = await adminWithInput(
      '123\n',
      'create-user',
      '--tenant',
      't',
      '--name',
      'X',
      '--email',
      'x@contoh.id',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain(
      'Kata sandi baru minimal 10 karakter / The new password needs at least 10 characters',
    );
    const common = await adminWithInput(
      'Password12345!\n',
      'create-user',
      '--tenant',
      't',
      '--name',
      'X',
      '--email',
      'x@contoh.id',
    );
    expect(common.code).toBe(1);
    expect(common.stderr).toContain('terlalu umum');
    expect(common.stderr).toContain('too common');
    const nothing = await adminWithInput(
      '',
      'create-user',
      '--tenant',
      't',
      '--name',
      'X',
      '--email',
      'x@contoh.id',
    );
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('Tidak ada kata sandi di standar input / no password on standard input');

    const role = await admin(
      'create-user',
      '--tenant',
      't',
      '--name',
      'X',
      '--email',
      'x@y.id',
      '--role',
      'raja',
    );
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('invalid --role');

    const unknown = await admin('hapus-semua');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Perintah tidak dikenal / unknown command');

    // A password as an argument is refused with the reason, before anything else happens.
    for (const args of [
      [
        'create-user',
        '--tenant',
        't',
        '--name',
        'X',
        '--email',
        'x@y.id',
        '--password',
        'sandi-panjang-sekali',
      ],
      ['create-user', '--tenant', 't', '--name', 'X', '--email', 'x@y.id', '--password=sandi-panjang-sekali'],
      ['reset-password', '--login', 'x@y.id', '--password', 'sandi-panjang-sekali'],
    ]) {
      const refused = await admin(...args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--password tidak diterima');
      expect(refused.stderr).toContain('--password is refused');
      expect(refused.stderr).toContain('npm log');
      expect(refused.stdout + refused.stderr).not.toContain('sandi-panjang-sekali');
    }

    const badOption = await admin('list-tenants', '--frobnicate');
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toContain('Opsi tidak sah / invalid option');
  });
});
