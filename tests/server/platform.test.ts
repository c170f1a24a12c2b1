/**
 * The server platform (database layer, migrations, auth, accounts, HTTP hardening) as one suite, run on PGlite
 * and on a fresh PostgreSQL database. HTTP calls go through `app.request()`: the real app, no socket.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { Validator } from '@seriousme/openapi-schema-validator';
import { uuidv7 } from 'uuidv7';
import { createApp } from '../../src/server/app';
import { createTenant, createUser } from '../../src/server/accounts/service';
import { requireAuth } from '../../src/server/auth/middleware';
import { getAuthSecret, signAccessToken, ACCESS_TOKEN_TTL_MS } from '../../src/server/auth/tokens';
import { listMigrations, migrate, openDatabase } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';
import type { AppEnv } from '../../src/server/http/env';
import { apiErrorSchema } from '../../src/shared/protocol';
import { accountListResponseSchema, sessionTokensSchema, type SessionTokens } from '../../src/shared/api';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './support/databases';
import { seedUnits } from './sync/helpers';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from './support/passwords';

const PASSWORD = 'kata-sandi-rahasia';
const METRICS_TOKEN = 'metrics-token-for-tests-0123';

type App = ReturnType<typeof createApp>;

function post(app: App, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function expectApiError(res: Response, status: number, code?: string) {
  expect(res.status).toBe(status);
  const body = apiErrorSchema.parse(await res.json());
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.messageEn.length).toBeGreaterThan(0);
  expect(body.error.message).not.toBe(body.error.messageEn);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

describe.each(DATABASE_KINDS)('server platform on %s', (kind) => {
  let t: TestDatabase;
  let db: Database;
  let app: App;
  const ids = { tenantA: '', tenantB: '', unit1: uuidv7(), unit2: uuidv7() };
  const logins = {
    coordinator: 'koordinator@contoh.go.id',
    innovator: '081234567001',
    facilitator: 'fasilitator@contoh.go.id',
    viewer: 'pengamat@contoh.go.id',
    otherCoordinator: 'koordinator@lain.go.id',
  };

  async function signIn(login: string, password = PASSWORD): Promise<SessionTokens> {
    const res = await post(app, '/api/auth/sign-in', { login, password });
    expect(res.status).toBe(200);
    return sessionTokensSchema.parse(await res.json());
  }
  const bearer = (s: SessionTokens) => ({ Authorization: `Bearer ${s.accessToken}` });

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    db = t.db;
    await migrate(db);
    ids.tenantA = (await createTenant(db, 'Kabupaten Contoh')).id;
    ids.tenantB = (await createTenant(db, 'Kota Lain')).id;
    // Accounts may only be given units of their tenant.
    await seedUnits(db, ids.tenantA, [ids.unit1, ids.unit2]);
    const base = {
      tenantId: ids.tenantA,
      passwordHash: await testPasswordHash(PASSWORD),
      phone: null,
      unitIds: [] as string[],
    };
    await createUser(db, {
      ...base,
      name: 'Kia Koordinator',
      email: logins.coordinator,
      role: 'coordinator',
    });
    await createUser(db, {
      ...base,
      name: 'Ina Inovator',
      email: null,
      phone: logins.innovator,
      role: 'innovator',
      unitIds: [ids.unit1],
    });
    await createUser(db, {
      ...base,
      name: 'Fajar Fasilitator',
      email: logins.facilitator,
      role: 'facilitator',
      unitIds: [ids.unit1, ids.unit2],
    });
    await createUser(db, { ...base, name: 'Vina Pengamat', email: logins.viewer, role: 'viewer' });
    await createUser(db, {
      ...base,
      tenantId: ids.tenantB,
      name: 'Lain Koordinator',
      email: logins.otherCoordinator,
      role: 'coordinator',
    });
    app = createApp({
      db,
      config: {
        passwordHashCost: TEST_PASSWORD_HASH_COST,
        logLevel: 'silent',
        corsOrigins: ['https://mitra.example'],
      },
    });
  });

  afterAll(async () => {
    await t?.dispose();
  });

  describe('migrations', () => {
    it('records every migration once; running again applies nothing', async () => {
      expect(await migrate(db)).toEqual([]);
      const { rows } = await db.query<{ version: number }>(
        'select version from schema_migrations order by 1',
      );
      expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    });

    it('two concurrent migrate calls on a fresh database apply each file exactly once', async () => {
      const fresh = await openTestDatabase(kind);
      // On PostgreSQL a second pool is a second session, as a second server process would be.
      const second = fresh.url ? await openDatabase({ dataDir: 'unused', databaseUrl: fresh.url }) : fresh.db;
      try {
        const [a, b] = await Promise.all([migrate(fresh.db), migrate(second)]);
        const all = listMigrations().map((m) => m.name);
        expect([...a, ...b].sort()).toEqual([...all].sort());
        expect(a.length === 0 || b.length === 0).toBe(true);
        const { rows } = await fresh.db.query<{ n: number }>('select count(*) as n from schema_migrations');
        expect(rows[0]!.n).toBe(all.length);
      } finally {
        if (second !== fresh.db) await second.close();
        await fresh.dispose();
      }
    });

    it('a failing migration rolls back and leaves nothing half-applied', async () => {
      const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const dir = await mkdtemp(join(tmpdir(), 'rintis-mig-'));
      const fresh = await openTestDatabase(kind);
      try {
        await writeFile(join(dir, '001_ok.sql'), 'create table good_one (id int);');
        await writeFile(
          join(dir, '002_bad.sql'),
          'create table bad_one (id int); select * from missing_table;',
        );
        await expect(migrate(fresh.db, dir)).rejects.toThrow();
        const { rows } = await fresh.db.query(
          `select table_name from information_schema.tables where table_name in ('good_one', 'bad_one', 'schema_migrations')`,
        );
        expect(rows).toEqual([]);
      } finally {
        await fresh.dispose();
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('returns the same value types on both databases', async () => {
      const { rows } = await db.query<{ n: number; at: Date; units: string[]; doc: unknown }>(
        `select 42::int8 as n, now() as at, array['a','b']::text[] as units, '{"x":1}'::jsonb as doc`,
      );
      expect(rows[0]).toEqual({ n: 42, at: expect.any(Date), units: ['a', 'b'], doc: { x: 1 } });
    });

    it('a transaction that throws leaves nothing behind', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`insert into tenants (id, name) values ($1, 'Sementara')`, [uuidv7()]);
          throw new Error('batal');
        }),
      ).rejects.toThrow('batal');
      const { rows } = await db.query(`select 1 from tenants where name = 'Sementara'`);
      expect(rows).toEqual([]);
    });

    it('runs statements issued together in a transaction in the order issued, each with its own rows', async () => {
      const id = uuidv7();
      const [inserted, counted] = await db.transaction((tx) =>
        Promise.all([
          tx.query<{ id: string }>(`insert into tenants (id, name) values ($1, 'Berurutan') returning id`, [
            id,
          ]),
          tx.query<{ n: number }>(`select count(*)::int as n from tenants where id = $1`, [id]),
        ]),
      );
      expect({ inserted: inserted.rows, counted: counted.rows }).toEqual({
        inserted: [{ id }],
        counted: [{ n: 1 }],
      });
      await db.query('delete from tenants where id = $1', [id]);
    });

    it('fails a transaction with the error of the statement that failed among those issued together', async () => {
      const id = uuidv7();
      const attempt = db.transaction((tx) =>
        Promise.all([
          tx.query(`insert into tenants (id, name) values ($1, 'Gagal bersama')`, [id]),
          tx.query(`select 1 / $1::int as n`, [0]),
          tx.query(`select count(*) from tenants`),
        ]),
      );
      await expect(attempt).rejects.toMatchObject({ code: '22012' });
      expect((await db.query(`select 1 from tenants where id = $1`, [id])).rows).toEqual([]);
      // The connection is whole again for whoever takes it next.
      const again = await db.transaction((tx) => tx.query<{ n: number }>(`select $1::int as n`, [7]));
      expect(again.rows).toEqual([{ n: 7 }]);
    });
  });

  describe('sign-in and sessions', () => {
    it('signs in by email (any case) and by phone number in another spelling', async () => {
      const byEmail = await signIn(logins.coordinator.toUpperCase());
      expect(byEmail.user).toMatchObject({ role: 'coordinator', tenantName: 'Kabupaten Contoh' });
      expect(byEmail.accessExpiresAt - Date.now()).toBeLessThanOrEqual(ACCESS_TOKEN_TTL_MS);
      const byPhone = await signIn('+62 812-3456-7001');
      expect(byPhone.user).toMatchObject({ role: 'innovator', unitIds: [ids.unit1], phone: '6281234567001' });
    });

    it('refuses a wrong password and an unknown login alike, in both languages', async () => {
      await expectApiError(
        await post(app, '/api/auth/sign-in', { login: logins.viewer, password: 'salah-sekali' }),
        401,
        'invalid-credentials',
      );
      await expectApiError(
        await post(app, '/api/auth/sign-in', { login: 'tidak.ada@contoh.go.id', password: PASSWORD }),
        401,
        'invalid-credentials',
      );
    });

    it('makes that login wait after 5 failures, even with the right password, with Retry-After', async () => {
      const login = logins.facilitator;
      for (let i = 0; i < 5; i++) {
        expect((await post(app, '/api/auth/sign-in', { login, password: `salah-${i}` })).status).toBe(401);
      }
      const limited = await post(app, '/api/auth/sign-in', { login, password: PASSWORD });
      const retryAfter = Number(limited.headers.get('Retry-After'));
      await expectApiError(limited, 429, 'too-many-attempts');
      // A growing delay (1 minute first), not a 15-minute lock: tests/security/sign-in.test.ts has the rest.
      expect(retryAfter).toBeGreaterThan(50);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Another login is not affected.
      await signIn(logins.coordinator);
      await db.query('delete from sign_in_limits');
      await db.query('delete from sign_in_spray');
    });

    it('rotates the refresh token: the new one works; the old one presented again ends the device session', async () => {
      const first = await signIn(logins.coordinator);
      const res = await post(app, '/api/auth/refresh', { refreshToken: first.refreshToken });
      expect(res.status).toBe(200);
      const second = sessionTokensSchema.parse(await res.json());
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect((await app.request('/api/me', { headers: bearer(second) })).status).toBe(200);
      const third = sessionTokensSchema.parse(
        await (await post(app, '/api/auth/refresh', { refreshToken: second.refreshToken })).json(),
      );
      // Reuse of a replaced token (a stolen copy): refused, and the family is revoked (tests/server/passwords.test.ts).
      await expectApiError(
        await post(app, '/api/auth/refresh', { refreshToken: first.refreshToken }),
        401,
        'refresh-reused',
      );
      await expectApiError(await post(app, '/api/auth/refresh', { refreshToken: third.refreshToken }), 401);
    });

    it('two refreshes racing with one token: exactly one succeeds', async () => {
      const s = await signIn(logins.coordinator);
      const results = await Promise.all([
        post(app, '/api/auth/refresh', { refreshToken: s.refreshToken }),
        post(app, '/api/auth/refresh', { refreshToken: s.refreshToken }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('sign-out revokes the refresh token; unknown tokens are refused', async () => {
      const s = await signIn(logins.coordinator);
      const out = await post(app, '/api/auth/sign-out', { refreshToken: s.refreshToken });
      expect(out.status).toBe(200);
      await expectApiError(await post(app, '/api/auth/refresh', { refreshToken: s.refreshToken }), 401);
      await expectApiError(
        await post(app, '/api/auth/refresh', { refreshToken: 'x'.repeat(43) }),
        401,
        'refresh-unknown',
      );
    });

    it('refuses a missing, forged or expired access token with 401', async () => {
      await expectApiError(await app.request('/api/me'), 401, 'unauthenticated');
      const s = await signIn(logins.coordinator);
      const forged = await signAccessToken('another-secret-another-secret-1234', {
        userId: s.user.id,
        tenantId: s.user.tenantId,
      });
      await expectApiError(
        await app.request('/api/me', { headers: { Authorization: `Bearer ${forged.token}` } }),
        401,
        'invalid-token',
      );
      const secret = await getAuthSecret(db);
      const old = await signAccessToken(
        secret,
        { userId: s.user.id, tenantId: s.user.tenantId },
        Date.now() - ACCESS_TOKEN_TTL_MS - 60_000,
      );
      const expired = await app.request('/api/me', { headers: { Authorization: `Bearer ${old.token}` } });
      await expectApiError(expired, 401, 'token-expired');
    });

    it('keeps the generated signing secret in the database, so a restarted app accepts old tokens', async () => {
      const s = await signIn(logins.coordinator);
      const restarted = createApp({
        db,
        config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' },
      });
      expect((await restarted.request('/api/me', { headers: bearer(s) })).status).toBe(200);
      const { rows } = await db.query(`select 1 from server_settings where key = 'auth_secret'`);
      expect(rows).toHaveLength(1);
    });

    it('GET /api/me returns the signed-in user', async () => {
      const s = await signIn(logins.innovator);
      const res = await app.request('/api/me', { headers: bearer(s) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(s.user);
    });

    it('requireAuth sets the scope per role: units, whole tenant, read-only viewer', async () => {
      const probe = new Hono<AppEnv>();
      probe.use('*', requireAuth({ db }));
      probe.get('/whoami', (c) => c.json(c.get('auth')));
      const scope = async (login: string) => {
        const s = await signIn(login);
        return (await (await probe.request('/whoami', { headers: bearer(s) })).json()) as Record<
          string,
          unknown
        >;
      };
      expect(await scope(logins.innovator)).toMatchObject({
        role: 'innovator',
        unitIds: [ids.unit1],
        canWrite: true,
      });
      expect(await scope(logins.facilitator)).toMatchObject({
        unitIds: [ids.unit1, ids.unit2],
        canWrite: true,
      });
      expect(await scope(logins.coordinator)).toMatchObject({
        unitIds: null,
        canWrite: true,
        tenantId: ids.tenantA,
      });
      expect(await scope(logins.viewer)).toMatchObject({ unitIds: [], canWrite: false });
    });
  });

  describe('accounts', () => {
    it('a coordinator lists only their own tenant', async () => {
      const s = await signIn(logins.coordinator);
      const res = await app.request('/api/accounts', { headers: bearer(s) });
      expect(res.status).toBe(200);
      const { accounts } = accountListResponseSchema.parse(await res.json());
      expect(accounts.map((a) => a.name).sort()).toEqual(
        ['Fajar Fasilitator', 'Ina Inovator', 'Kia Koordinator', 'Vina Pengamat'].sort(),
      );
      expect(accounts.every((a) => a.tenantId === ids.tenantA)).toBe(true);
    });

    it('a coordinator creates an account that can then sign in; a taken login is 409', async () => {
      const s = await signIn(logins.coordinator);
      const request = {
        name: 'Nia Baru',
        email: 'nia@contoh.go.id',
        phone: null,
        password: 'sandi-baru-123',
        role: 'innovator',
        unitIds: [ids.unit2],
      };
      const res = await post(app, '/api/accounts', request, bearer(s));
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ name: 'Nia Baru', tenantId: ids.tenantA, disabled: false });
      const nia = await signIn('nia@contoh.go.id', 'sandi-baru-123');
      expect(nia.user.unitIds).toEqual([ids.unit2]);
      await expectApiError(
        await post(app, '/api/accounts', { ...request, email: 'NIA@contoh.go.id' }, bearer(s)),
        409,
        'login-taken',
      );
    });

    it('innovators, facilitators and viewers get 403', async () => {
      for (const login of [logins.innovator, logins.facilitator, logins.viewer]) {
        const s = await signIn(login);
        await expectApiError(await app.request('/api/accounts', { headers: bearer(s) }), 403, 'forbidden');
        const created = await post(
          app,
          '/api/accounts',
          {
            name: 'X',
            email: 'x@y.id',
            phone: null,
            password: 'abcdefgh-ijk',
            role: 'coordinator',
            unitIds: [],
          },
          bearer(s),
        );
        await expectApiError(created, 403, 'forbidden');
      }
    });

    it("another tenant's account is invisible: PATCH answers 404", async () => {
      const other = await signIn(logins.otherCoordinator);
      const s = await signIn(logins.viewer);
      const res = await app.request(`/api/accounts/${s.user.id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', ...bearer(other) },
        body: JSON.stringify({ disabled: true }),
      });
      await expectApiError(res, 404, 'not-found');
      const list = accountListResponseSchema.parse(
        await (await app.request('/api/accounts', { headers: bearer(other) })).json(),
      );
      expect(list.accounts.map((a) => a.name)).toEqual(['Lain Koordinator']);
    });

    it('PATCH changes role and units; disabling revokes sessions at once', async () => {
      const coord = await signIn(logins.coordinator);
      const created = await post(
        app,
        '/api/accounts',
        {
          name: 'Dedi',
          email: 'dedi@contoh.go.id',
          phone: null,
          password: 'sandi-dedi-1',
          role: 'viewer',
          unitIds: [],
        },
        bearer(coord),
      );
      const dedi = (await created.json()) as { id: string };
      const patch = (body: unknown) =>
        app.request(`/api/accounts/${dedi.id}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', ...bearer(coord) },
          body: JSON.stringify(body),
        });
      const promoted = await patch({ role: 'facilitator', unitIds: [ids.unit1] });
      expect(promoted.status).toBe(200);
      expect(await promoted.json()).toMatchObject({ role: 'facilitator', unitIds: [ids.unit1] });

      const session = await signIn('dedi@contoh.go.id', 'sandi-dedi-1');
      expect((await patch({ disabled: true })).status).toBe(200);
      await expectApiError(
        await app.request('/api/me', { headers: bearer(session) }),
        401,
        'account-disabled',
      );
      await expectApiError(await post(app, '/api/auth/refresh', { refreshToken: session.refreshToken }), 401);
      // The right password of a disabled account answers like a wrong one (issue #17).
      await expectApiError(
        await post(app, '/api/auth/sign-in', { login: 'dedi@contoh.go.id', password: 'sandi-dedi-1' }),
        401,
        'invalid-credentials',
      );
      await expectApiError(await patch({}), 400);
      await expectApiError(await patch({ role: 'raja' }), 400);
    });

    it('a coordinator cannot disable or demote themselves', async () => {
      const coord = await signIn(logins.coordinator);
      const res = await app.request(`/api/accounts/${coord.user.id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', ...bearer(coord) },
        body: JSON.stringify({ role: 'viewer' }),
      });
      await expectApiError(res, 409, 'self-lockout');
    });
  });

  describe('HTTP surface', () => {
    it('GET /api/health reports the database', async () => {
      const res = await app.request('/api/health');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', database: { kind, reachable: true } });
    });

    it('GET /api/openapi.json is a valid OpenAPI 3.1 document listing every route', async () => {
      const res = await app.request('/api/openapi.json');
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(doc.openapi).toBe('3.1.0');
      const result = await new Validator().validate(doc as never);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      const ops = Object.entries(doc.paths).flatMap(([p, methods]) =>
        Object.keys(methods).map((m) => `${m} ${p}`),
      );
      expect(ops.sort()).toEqual(
        [
          'get /api/health',
          'get /api/metrics',
          'post /api/auth/sign-in',
          'post /api/auth/refresh',
          'post /api/auth/sign-out',
          'post /api/auth/change-password',
          'get /api/auth/devices',
          'post /api/auth/devices/{id}/sign-out',
          'post /api/auth/devices/sign-out-others',
          'get /api/me',
          'get /api/accounts',
          'post /api/accounts',
          'patch /api/accounts/{id}',
          'post /api/accounts/import',
          'post /api/units/{id}/merge',
          'post /api/accounts/{id}/reset-password',
          'post /api/templates',
          'post /api/templates/{id}/activate',
          'post /api/sync/push',
          'get /api/sync/pull',
          'post /api/sync/records',
          'get /api/sync/stream',
          'get /api/sync/events',
          'get /api/sync/history/{recordId}',
        ].sort(),
      );
    });

    it('every JSON route in the OpenAPI document answers malformed bodies with 4xx and a bilingual message', async () => {
      const s = await signIn(logins.coordinator);
      const doc = (await (await app.request('/api/openapi.json')).json()) as {
        paths: Record<string, Record<string, { requestBody?: unknown }>>;
      };
      const bodies: [string, string][] = [
        ['broken JSON', '{"login": "a@b.id", '],
        ['wrong types', JSON.stringify({ login: 42, password: ['x'], refreshToken: false, name: {} })],
        ['unknown fields', JSON.stringify({ surprise: true, __proto__: { admin: true } })],
        ['huge string', JSON.stringify({ login: 'a'.repeat(900_000), refreshToken: 'b'.repeat(10_000) })],
        ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
        ['not an object', '"just a string"'],
        ['over the size limit', JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024) })],
      ];
      let checked = 0;
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          if (!op.requestBody) continue;
          const url = path.replace('{id}', uuidv7());
          for (const [label, body] of bodies) {
            const res = await app.request(url, {
              method: method.toUpperCase(),
              headers: { 'Content-Type': 'application/json', ...bearer(s) },
              body,
            });
            expect(res.status, `${method} ${path}: ${label}`).toBeGreaterThanOrEqual(400);
            expect(res.status, `${method} ${path}: ${label}`).toBeLessThan(500);
            await expectApiError(res, res.status);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThanOrEqual(5 * bodies.length);
    });

    it('refuses a non-JSON body with 415 and invalid UTF-8 with 400', async () => {
      const form = await app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'login=a&password=b',
      });
      await expectApiError(form, 415, 'unsupported-media-type');
      const bytes = new Uint8Array([0x7b, 0x22, 0x6c, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
      const res = await app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: bytes,
      });
      await expectApiError(res, 400);
      const badQuery = await app.request('/api/sync/pull?protocolVersion=banana&cursor=-1', {
        headers: bearer(await signIn(logins.coordinator)),
      });
      await expectApiError(badQuery, 400);
    });

    it('puts the security headers on every response, errors included', async () => {
      const responses = [
        await app.request('/api/health'),
        await app.request('/api/me'),
        await app.request('/api/nope'),
        await post(app, '/api/auth/sign-in', '{'),
      ];
      for (const res of responses) {
        const csp = res.headers.get('Content-Security-Policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toMatch(/unsafe-eval/);
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
        expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
        expect(res.headers.get('Permissions-Policy')).toContain('microphone=()');
        expect(res.headers.get('X-Frame-Options')).toBe('DENY');
        expect(res.headers.get('X-Request-Id')).toBeTruthy();
      }
    });

    it('refuses cross-origin requests unless the origin is listed', async () => {
      const evil = await app.request('/api/health', {
        headers: { Origin: 'https://jahat.example', Host: 'rintis.local' },
      });
      expect(evil.headers.get('Access-Control-Allow-Origin')).toBeNull();
      await expectApiError(evil, 403, 'cross-origin-refused');
      const preflight = await app.request('/api/auth/sign-in', {
        method: 'OPTIONS',
        headers: { Origin: 'https://jahat.example', 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
      const same = await app.request('http://rintis.local/api/health', {
        headers: { Origin: 'http://rintis.local', Host: 'rintis.local' },
      });
      expect(same.status).toBe(200);
      const listed = await app.request('/api/health', { headers: { Origin: 'https://mitra.example' } });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('Access-Control-Allow-Origin')).toBe('https://mitra.example');
    });

    it('gzips JSON responses when the client accepts it', async () => {
      const res = await app.request('/api/openapi.json', { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.headers.get('Content-Encoding')).toBe('gzip');
      const zipped = new Uint8Array(await res.arrayBuffer());
      const plain = gunzipSync(zipped).toString('utf8');
      expect(JSON.parse(plain)).toHaveProperty('openapi', '3.1.0');
      expect(zipped.byteLength * 3).toBeLessThan(plain.length);
    });

    it('exposes Prometheus metrics by route template (the auth guard counts under its own pattern)', async () => {
      const metricsApp = createApp({
        db,
        config: {
          passwordHashCost: TEST_PASSWORD_HASH_COST,
          logLevel: 'silent',
          metricsToken: METRICS_TOKEN,
        },
      });
      await metricsApp.request('/api/health');
      await metricsApp.request(`/api/accounts/${uuidv7()}`, { method: 'PATCH' });
      await metricsApp.request('/api/random-scan-1');
      await metricsApp.request('/api/random-scan-2');
      const res = await metricsApp.request('/api/metrics', {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toContain('text/plain');
      const text = await res.text();
      expect(text).toContain('rintis_http_requests_total{method="GET",route="/api/health",status="200"} 1');
      expect(text).toContain(
        'rintis_http_requests_total{method="PATCH",route="/api/accounts/*",status="401"} 1',
      );
      expect(text).toContain('rintis_http_requests_total{method="GET",route="/api/*",status="404"} 2');
      expect(text).toContain('rintis_http_request_duration_seconds_bucket');
      expect(text).not.toContain('random-scan');
    });

    it('answers unknown API paths with a JSON 404', async () => {
      await expectApiError(await app.request('/api/tidak-ada'), 404, 'not-found');
      await expectApiError(await app.request('/api/tidak-ada', { method: 'DELETE' }), 404, 'not-found');
    });

    it('answers 500 with a bilingual message and no internals when the database is gone; health says degraded', async () => {
      const broken = await openTestDatabase(kind);
      await migrate(broken.db);
      const tenant = await createTenant(broken.db, 'Sementara');
      await createUser(broken.db, {
        tenantId: tenant.id,
        name: 'Sementara',
        email: 'sementara@contoh.go.id',
        phone: null,
        passwordHash: await testPasswordHash(PASSWORD),
        role: 'coordinator',
        unitIds: [],
      });
      const brokenApp = createApp({
        db: broken.db,
        config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' },
      });
      const signedIn = await post(brokenApp, '/api/auth/sign-in', {
        login: 'sementara@contoh.go.id',
        password: PASSWORD,
      });
      const s = sessionTokensSchema.parse(await signedIn.json());
      await broken.db.close();
      try {
        const res = await brokenApp.request('/api/me', { headers: bearer(s) });
        const error = await expectApiError(res, 500, 'internal');
        expect(JSON.stringify(error)).not.toMatch(/closed|pool|PGlite|stack|Error/i);
        expect(res.headers.get('Content-Security-Policy')).toBeTruthy();
        const health = await brokenApp.request('/api/health');
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ status: 'degraded', database: { reachable: false } });
      } finally {
        await broken.dispose();
      }
    });
  });
});
