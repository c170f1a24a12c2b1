/**
 * Security findings on sign-in (run on PGlite and on a fresh PostgreSQL database):
 * - the limit was checked, then scrypt ran, then the failure was counted: 100 parallel guesses were all evaluated;
 * - it was per login and address only: another address got fresh guesses, one address could spray many logins;
 * - 5 wrong passwords locked the owner out for 15 minutes, and behind a proxy or NAT everyone shares one address;
 * - TRUST_PROXY: the client address comes from the proxy's X-Forwarded-For entry only when it is set.
 * Every test uses its own accounts and addresses, so the tests do not depend on each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { createTenant, createUser } from '../../src/server/accounts/service';
import { loadConfig, ConfigError } from '../../src/server/config';
import { migrate } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';
import { apiErrorSchema } from '../../src/shared/protocol';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../server/support/databases';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from '../server/support/passwords';

const PASSWORD = 'kata-sandi-pemilik';
type App = ReturnType<typeof createApp>;

/** A sign-in as if from a socket at `address`, with extra headers (a cookie, X-Forwarded-For). */
function signIn(
  app: App,
  login: string,
  password: string,
  address: string,
  headers: Record<string, string> = {},
) {
  return app.request(
    '/api/auth/sign-in',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ login, password }),
    },
    { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } } },
  );
}

async function expectTooMany(res: Response) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThan(0);
  const body = apiErrorSchema.parse(await res.json());
  expect(body.error.code).toBe('too-many-attempts');
  expect(body.error.message).toMatch(/Terlalu banyak percobaan/);
  expect(body.error.messageEn).toMatch(/Too many sign-in attempts/);
  return retryAfter;
}

/** The device cookie a successful sign-in set, as a Cookie header value. */
function deviceCookie(res: Response): string {
  const set = res.headers.get('Set-Cookie') ?? '';
  const match = /rintis_device=([^;]+)/.exec(set);
  expect(match, 'sign-in sets a device cookie').not.toBeNull();
  expect(set).toMatch(/HttpOnly/i);
  return `rintis_device=${match![1]}`;
}

describe.each(DATABASE_KINDS)('sign-in limits on %s', (kind) => {
  let t: TestDatabase;
  let db: Database;
  let app: App;
  let tenantId = '';
  let n = 0;

  /** A new account with its own login. */
  async function account(): Promise<string> {
    const email = `pengguna${++n}@contoh.go.id`;
    await createUser(db, {
      tenantId,
      name: `Pengguna ${n}`,
      email,
      phone: null,
      role: 'facilitator',
      passwordHash: await testPasswordHash(PASSWORD),
      unitIds: [],
    });
    return email;
  }

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    db = t.db;
    await migrate(db);
    tenantId = (await createTenant(db, 'Kabupaten Contoh')).id;
    app = createApp({ db, config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' } });
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('100 parallel guesses, wrong then right, from one address: at most 5 are evaluated and the right one does not get in', async () => {
    const login = await account();
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 99 ? PASSWORD : `salah-${i}`));
    const answers = await Promise.all(guesses.map((p) => signIn(app, login, p, '198.51.100.1')));
    const evaluated = answers.filter((r) => r.status !== 429);
    expect(evaluated.length).toBeLessThanOrEqual(5);
    expect(evaluated.every((r) => r.status === 401)).toBe(true);
    expect(answers.some((r) => r.status === 200)).toBe(false);
    await expectTooMany(answers[99]!);
  });

  it('another address gets no fresh guesses on the same account', async () => {
    const login = await account();
    for (let i = 0; i < 5; i++)
      expect((await signIn(app, login, `salah-${i}`, '198.51.100.2')).status).toBe(401);
    await expectTooMany(await signIn(app, login, PASSWORD, '198.51.100.3'));
  });

  it('limits spraying: one address cannot try one password on many logins', async () => {
    const logins = [
      ...(await Promise.all([1, 2, 3, 4, 5].map(() => account()))),
      ...Array.from({ length: 10 }, (_, i) => `tidak.ada.${n}.${i}@contoh.go.id`),
    ];
    const statuses: number[] = [];
    for (const login of logins)
      statuses.push((await signIn(app, login, 'Password123', '198.51.100.4')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(5).fill(429));
    await expectTooMany(await signIn(app, `tidak.ada.lagi.${n}@contoh.go.id`, 'Password123', '198.51.100.4'));
    // Another address is not affected.
    expect((await signIn(app, logins[0]!, PASSWORD, '198.51.100.5')).status).toBe(200);
  });

  it('limits the failures of one address across its logins', async () => {
    const logins = await Promise.all(Array.from({ length: 10 }, () => account()));
    for (const login of logins) {
      for (let i = 0; i < 3; i++)
        expect((await signIn(app, login, `salah-${i}`, '198.51.100.6')).status).toBe(401);
    }
    // 30 failures: the address waits, even on a login that has had only 3.
    await expectTooMany(await signIn(app, logins[0]!, PASSWORD, '198.51.100.6'));
  });

  it("the owner on a device that signed in before is not kept out by an attacker's failures, even from the same address", async () => {
    const login = await account();
    const nat = '198.51.100.7';
    const first = await signIn(app, login, PASSWORD, nat);
    expect(first.status).toBe(200);
    const cookie = deviceCookie(first);
    // The attacker shares the carrier's NAT address and knows the login.
    for (let i = 0; i < 40; i++) {
      const res = await signIn(app, login, `tebakan-${i}`, nat);
      expect([401, 429]).toContain(res.status);
    }
    await expectTooMany(await signIn(app, login, PASSWORD, nat));
    // The owner's phone still gets in, and again after a typo of its own.
    expect((await signIn(app, login, PASSWORD, nat, { Cookie: cookie })).status).toBe(200);
    expect((await signIn(app, login, 'typo', nat, { Cookie: cookie })).status).toBe(401);
    expect((await signIn(app, login, PASSWORD, nat, { Cookie: cookie })).status).toBe(200);
  });

  it("a device cookie from the attacker's own account does not lift the limit on the victim", async () => {
    const victim = await account();
    const attacker = await account();
    const own = await signIn(app, attacker, PASSWORD, '198.51.100.8');
    const cookie = deviceCookie(own);
    for (let i = 0; i < 5; i++) {
      expect((await signIn(app, victim, `salah-${i}`, '198.51.100.8', { Cookie: cookie })).status).toBe(401);
    }
    await expectTooMany(await signIn(app, victim, PASSWORD, '198.51.100.8', { Cookie: cookie }));
    await expectTooMany(
      await signIn(app, victim, PASSWORD, '198.51.100.8', { Cookie: 'rintis_device=made-up' }),
    );
  });

  it('the per-account wait grows, and ends: it is no lock an attacker can hold', async () => {
    const login = await account();
    for (let i = 0; i < 5; i++)
      expect((await signIn(app, login, `salah-${i}`, '198.51.100.9')).status).toBe(401);
    const first = await expectTooMany(await signIn(app, login, PASSWORD, '198.51.100.9'));
    expect(first).toBeLessThanOrEqual(60);
    // The wait is over (moved back in the database, as time would): the next guess is evaluated, then waits twice as long.
    await db.query(`update sign_in_limits set blocked_until = now() - interval '1 second' where key = $1`, [
      `account:${login}`,
    ]);
    expect((await signIn(app, login, 'salah-lagi', '198.51.100.9')).status).toBe(401);
    const second = await expectTooMany(await signIn(app, login, PASSWORD, '198.51.100.9'));
    expect(second).toBeGreaterThan(60);
    expect(second).toBeLessThanOrEqual(120);
    await db.query(`update sign_in_limits set blocked_until = now() - interval '1 second' where key = $1`, [
      `account:${login}`,
    ]);
    expect((await signIn(app, login, PASSWORD, '198.51.100.9')).status).toBe(200);
  });

  describe('TRUST_PROXY', () => {
    /** Sprays 10 logins through the proxy as 203.0.113.x, then tries a new login as another forwarded client. */
    async function sprayThenOther(proxied: App, client: string, other: string): Promise<number> {
      for (let i = 0; i < 10; i++) {
        const res = await signIn(proxied, `semprot.${n}.${client}.${i}@contoh.go.id`, 'x', '10.0.0.1', {
          'X-Forwarded-For': client,
        });
        expect(res.status).toBe(401);
      }
      // A client cannot escape by putting an address in front: the proxy's entry is the last one.
      const spoofed = await signIn(proxied, `semprot.${n}.${client}.lagi@contoh.go.id`, 'x', '10.0.0.1', {
        'X-Forwarded-For': `192.0.2.99, ${client}`,
      });
      expect(spoofed.status).toBe(429);
      const res = await signIn(proxied, `semprot.${n}.${other}@contoh.go.id`, 'x', '10.0.0.1', {
        'X-Forwarded-For': other,
      });
      return res.status;
    }

    it('with TRUST_PROXY the forwarded address is the client', async () => {
      n++;
      const proxied = createApp({
        db,
        config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent', trustProxy: true },
      });
      expect(await sprayThenOther(proxied, '203.0.113.1', '203.0.113.2')).toBe(401);
    });

    it('without it X-Forwarded-For is ignored: the socket address counts', async () => {
      n++;
      const direct = createApp({
        db,
        config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' },
      });
      expect(await sprayThenOther(direct, '203.0.113.3', '203.0.113.4')).toBe(429);
    });

    it('is read from the environment, off by default, and a typo stops the server', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
      expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
      expect(() => loadConfig({ TRUST_PROXY: 'ya' })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: 'ya' })).toThrow(/TRUST_PROXY/);
    });
  });
});
