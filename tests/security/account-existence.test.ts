/**
 * Issue #17, "existence leaks" (accounts), on PGlite and on a fresh PostgreSQL database:
 * - logins were unique across tenants, so a coordinator creating or importing an account with another tenant's
 *   login got `login-taken` and learned it exists there. Logins are now unique per tenant: sign-in tries every
 *   account of the login (at most 5, most recently signed in first) and the limits still hold;
 * - a disabled account with the right password answered 403 `account-disabled`, a wrong one 401: now both 401
 *   with the same code and message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { createTenant, createUser } from '../../src/server/accounts/service';
import type { Role } from '../../src/server/auth/types';
import { migrate } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';
import { importPreviewSchema } from '../../src/shared/import';
import { apiErrorSchema } from '../../src/shared/protocol';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from '../server/support/passwords';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../server/support/databases';

type App = ReturnType<typeof createApp>;

const FAILED = {
  code: 'invalid-credentials',
  message: 'Email/nomor HP atau kata sandi salah, atau akun tidak aktif. Hubungi admin lokal.',
  messageEn: 'Wrong email/phone number or password, or the account is not active. Ask your local admin.',
};

describe.each(DATABASE_KINDS)('account existence on %s', (kind) => {
  let t: TestDatabase;
  let db: Database;
  let app: App;
  let tenantA = '';
  let tenantB = '';
  let n = 0;
  /** Each test signs in from its own address, so the address limits of one do not reach another. */
  let address = '';

  const signIn = (login: string, password: string, headers: Record<string, string> = {}) =>
    app.request(
      '/api/auth/sign-in',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ login, password }),
      },
      { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } } },
    );
  const signedInAs = async (res: Response) => {
    expect(res.status).toBe(200);
    return ((await res.json()) as { user: { id: string; tenantId: string } }).user;
  };
  const errorOf = async (res: Response) => apiErrorSchema.parse(await res.json()).error;
  const deviceCookie = (res: Response) =>
    `rintis_device=${/rintis_device=([^;]+)/.exec(res.headers.get('Set-Cookie') ?? '')![1]}`;

  async function account(tenantId: string, email: string, password: string, role: Role = 'facilitator') {
    return createUser(db, {
      tenantId,
      name: `Pengguna ${++n}`,
      email,
      phone: null,
      role,
      passwordHash: await testPasswordHash(password),
      unitIds: [],
    });
  }
  async function coordinatorToken(tenantId: string): Promise<string> {
    const email = `koordinator${++n}@contoh.go.id`;
    await account(tenantId, email, 'sandi-koordinator-1', 'coordinator');
    const res = await signIn(email, 'sandi-koordinator-1');
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    db = t.db;
    await migrate(db);
    tenantA = (await createTenant(db, 'Kabupaten A')).id;
    tenantB = (await createTenant(db, 'Kota B')).id;
    app = createApp({ db, config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' } });
  });
  afterAll(async () => {
    await t?.dispose();
  });
  let addresses = 0;
  const freshAddress = () => {
    address = `198.51.100.${++addresses}`;
  };

  it("lets a coordinator create an account with another tenant's login; a login of her own tenant is still taken", async () => {
    freshAddress();
    await account(tenantA, 'siti@contoh.go.id', 'sandi-siti-di-a');
    const token = await coordinatorToken(tenantB);
    const create = (email: string) =>
      app.request('/api/accounts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'Siti di B', email, phone: null, role: 'innovator', unitIds: [] }),
      });
    const made = await create('SITI@contoh.go.id');
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ tenantId: tenantB, email: 'siti@contoh.go.id' });
    const again = await create('siti@contoh.go.id');
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('login-taken');
  });

  it("lets a coordinator import an account with another tenant's login, and says nothing of it", async () => {
    freshAddress();
    await account(tenantA, 'budi@contoh.go.id', 'sandi-budi-di-a');
    const token = await coordinatorToken(tenantB);
    const send = (dryRun: boolean) =>
      app.request('/api/accounts/import', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          units: [],
          accounts: [
            { row: 2, name: 'Budi di B', email: 'budi@contoh.go.id', phone: '', role: 'Inovator', units: '' },
          ],
          dryRun,
        }),
      });
    const preview = importPreviewSchema.parse(await (await send(true)).json());
    expect(preview.errors).toEqual([]);
    expect(preview.accounts.map((a) => a.status)).toEqual(['create']);
    expect((await send(false)).status).toBe(200);
    const { rows } = await db.query<{ tenant_id: string }>(
      `select tenant_id from users where email = 'budi@contoh.go.id' order by tenant_id`,
    );
    expect(rows.map((r) => r.tenant_id).sort()).toEqual([tenantA, tenantB].sort());
  });

  it('signs in to the account whose password it is when one login is used in two tenants', async () => {
    freshAddress();
    const a = await account(tenantA, 'dua@contoh.go.id', 'sandi-dua-di-a');
    const b = await account(tenantB, 'dua@contoh.go.id', 'sandi-dua-di-b');
    expect(await signedInAs(await signIn('dua@contoh.go.id', 'sandi-dua-di-a'))).toMatchObject({
      id: a.id,
      tenantId: tenantA,
    });
    expect(await signedInAs(await signIn('DUA@contoh.go.id', 'sandi-dua-di-b'))).toMatchObject({
      id: b.id,
      tenantId: tenantB,
    });
    const wrong = await signIn('dua@contoh.go.id', 'bukan-keduanya');
    expect(wrong.status).toBe(401);
    expect(await errorOf(wrong)).toMatchObject(FAILED);
  });

  it('counts the failures on a login held in two tenants against the login: 5, then both wait', async () => {
    freshAddress();
    await account(tenantA, 'tebak@contoh.go.id', 'sandi-tebak-di-a');
    await account(tenantB, 'tebak@contoh.go.id', 'sandi-tebak-di-b');
    for (let i = 0; i < 5; i++) expect((await signIn('tebak@contoh.go.id', `salah-${i}`)).status).toBe(401);
    for (const password of ['sandi-tebak-di-a', 'sandi-tebak-di-b'])
      expect((await signIn('tebak@contoh.go.id', password)).status).toBe(429);
  });

  it("a device cookie of one account of a login gives no fresh guesses at the other's password", async () => {
    freshAddress();
    await account(tenantA, 'cookie@contoh.go.id', 'sandi-cookie-di-a');
    const b = await account(tenantB, 'cookie@contoh.go.id', 'sandi-cookie-di-b');
    const cookie = deviceCookie(await signIn('cookie@contoh.go.id', 'sandi-cookie-di-a'));
    for (let i = 0; i < 5; i++)
      expect((await signIn('cookie@contoh.go.id', `salah-${i}`, { Cookie: cookie })).status).toBe(401);
    // The login's count is used up: B's right password waits, with the cookie or without.
    expect((await signIn('cookie@contoh.go.id', 'sandi-cookie-di-b', { Cookie: cookie })).status).toBe(429);
    expect((await signIn('cookie@contoh.go.id', 'sandi-cookie-di-b')).status).toBe(429);
    // Once the waits are over (moved back, as time would), the person who holds both signs in to B from the
    // same device.
    await db.query(
      `update sign_in_limits set blocked_until = now() - interval '1 second' where key = $1 or key like 'device:%'`,
      ['account:cookie@contoh.go.id'],
    );
    expect(
      await signedInAs(await signIn('cookie@contoh.go.id', 'sandi-cookie-di-b', { Cookie: cookie })),
    ).toMatchObject({ id: b.id });
  });

  it('tries the most recently signed-in account first, and at most 5 accounts of one login', async () => {
    freshAddress();
    const same = 'sandi-yang-sama-1';
    const first = await account(tenantA, 'sama@contoh.go.id', same);
    const second = await account(tenantB, 'sama@contoh.go.id', same);
    await db.query(`update users set last_signed_in_at = now() - interval '1 day' where id = $1`, [
      second.id,
    ]);
    await db.query(`update users set last_signed_in_at = now() where id = $1`, [first.id]);
    expect(await signedInAs(await signIn('sama@contoh.go.id', same))).toMatchObject({ id: first.id });
    // Six tenants share a login: the one never signed in, created first, is past the bound.
    await account((await createTenant(db, 'Tenant 0')).id, 'enam@contoh.go.id', 'sandi-tertua-1');
    for (let i = 1; i <= 5; i++)
      await account((await createTenant(db, `Tenant ${i}`)).id, 'enam@contoh.go.id', `sandi-ke-${i}-x`);
    expect((await signIn('enam@contoh.go.id', 'sandi-tertua-1')).status).toBe(401);
    expect((await signIn('enam@contoh.go.id', 'sandi-ke-5-x')).status).toBe(200);
  });

  it("answers a disabled account's right password exactly like a wrong one", async () => {
    freshAddress();
    const user = await account(tenantA, 'nonaktif@contoh.go.id', 'sandi-nonaktif-1');
    await db.query('update users set disabled = true where id = $1', [user.id]);
    const right = await signIn('nonaktif@contoh.go.id', 'sandi-nonaktif-1');
    const wrong = await signIn('nonaktif@contoh.go.id', 'salah-sekali');
    const unknown = await signIn('tidak.ada.sama.sekali@contoh.go.id', 'salah-sekali');
    expect([right.status, wrong.status, unknown.status]).toEqual([401, 401, 401]);
    const answers = [await errorOf(right), await errorOf(wrong), await errorOf(unknown)];
    for (const a of answers) expect(a).toMatchObject(FAILED);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    // The right password counted as a failure too: it takes nothing back from the limiter.
    const { rows } = await db.query<{ failures: number }>(
      `select failures from sign_in_limits where key = $1`,
      ['account:nonaktif@contoh.go.id'],
    );
    expect(rows[0]?.failures).toBe(2);
  });
});
