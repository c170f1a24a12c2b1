/**
 * Password hashing cost and load (security issue #17), on PGlite and on a fresh PostgreSQL database:
 * - scrypt was at N=2^15; production is now at OWASP's minimum N=2^17, r=8, p=1, and a hash made before is
 *   replaced at the next sign-in (compare-and-set: a password changed meanwhile wins);
 * - hashes had no bound: a burst of sign-ins computed as many at once as libuv's pool allowed (128 MiB each at
 *   the new cost), and a pull's gzip waited behind them on that pool's 4 threads. Now at most HASH_CONCURRENCY compute at once, a bounded
 *   number wait, the rest answer 503 busy with Retry-After, and a busy answer does not count as a failed attempt;
 * - every path that hashes (sign-in, unknown login, change, reset, new account, import) goes through the bound.
 * Accounts here are hashed at the test cost (tests/server/support/passwords.ts) unless a test says otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import {
  createTenant,
  createUser,
  findUsersByLogin,
  upgradePasswordHash,
} from '../../src/server/accounts/service';
import { HASH_CONCURRENCY, HASH_MAX_WAITING, passwordHashSlots } from '../../src/server/auth/hashSlots';
import {
  ONE_TIME_PASSWORD_HASH_COST,
  PASSWORD_HASH_COST_FLOOR,
  PasswordHasher,
  hashParameters,
  scryptActivity,
} from '../../src/server/auth/password';
import { migrate } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';
import { createAccountResponseSchema, sessionTokensSchema, type SessionTokens } from '../../src/shared/api';
import { PROTOCOL_VERSION, apiErrorSchema } from '../../src/shared/protocol';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../server/support/databases';
import { Device, draftBody, push } from '../server/sync/fixtures';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from '../server/support/passwords';

const PASSWORD = 'kata-sandi-pemilik';
const MiB = 1024 * 1024;
type App = ReturnType<typeof createApp>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function send(app: App, method: string, path: string, body: unknown, address: string, token?: string) {
  return app.request(
    path,
    {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    },
    { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } } },
  );
}

const signIn = (app: App, login: string, password: string, address: string) =>
  send(app, 'POST', '/api/auth/sign-in', { login, password }, address);

async function signedIn(
  app: App,
  login: string,
  address: string,
  password = PASSWORD,
): Promise<SessionTokens> {
  const res = await signIn(app, login, password, address);
  expect(res.status, `sign-in of ${login}`).toBe(200);
  return sessionTokensSchema.parse(await res.json());
}

/** A 503 busy: Retry-After, the shared error shape, a message in both languages. */
async function expectBusy(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
  const body = apiErrorSchema.parse(await res.json());
  expect(body.error.code).toBe('busy');
  expect(body.error.message).toMatch(
    /^Server sedang sibuk memeriksa kata sandi\. Coba lagi dalam \d+ detik\.$/,
  );
  expect(body.error.messageEn).toMatch(
    /^The server is busy checking passwords\. Try again in \d+ seconds\.$/,
  );
}

describe.each(DATABASE_KINDS)('password hashing on %s', (kind) => {
  let t: TestDatabase;
  let db: Database;
  let app: App;
  let tenantId = '';
  let n = 0;
  let addresses = 0;
  const freshAddress = () => `192.0.2.${++addresses}`;

  async function account(opts: { passwordHash?: string; role?: 'coordinator' | 'viewer' } = {}) {
    const email = `hash${++n}@contoh.go.id`;
    const row = await createUser(db, {
      tenantId,
      name: `Orang ${n}`,
      email,
      phone: null,
      role: opts.role ?? 'viewer',
      passwordHash: opts.passwordHash ?? (await testPasswordHash(PASSWORD)),
      unitIds: [],
    });
    return { id: row.id, email };
  }

  const storedHash = async (login: string) => (await findUsersByLogin(db, login))[0]!.password_hash;
  const limitsOf = async (login: string, address: string) => {
    const { rows } = await db.query<{ key: string; failures: number }>(
      `select key, failures from sign_in_limits where key in ($1, $2) order by key`,
      [`account:${login}`, `address:${address}`],
    );
    const spray = await db.query(`select 1 from sign_in_spray where address = $1 and login = $2`, [
      address,
      login,
    ]);
    return { failures: rows.reduce((sum, r) => sum + r.failures, 0), spray: spray.rows.length };
  };

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

  it('without a cost in the config the app hashes at N=2^17, r=8, p=1: an account hashed at 2^15 is rehashed at sign-in and still signs in', async () => {
    // The app as production builds it: no passwordHashCost, so the default.
    const production = createApp({ db, config: { logLevel: 'silent' } });
    const old = await new PasswordHasher(15).hash(PASSWORD);
    expect(hashParameters(old)).toEqual({ n: 2 ** 15, r: 8, p: 1 });
    const { email } = await account({ passwordHash: old });
    const address = freshAddress();

    const first = await signedIn(production, email, address);
    const upgraded = await storedHash(email);
    expect(hashParameters(upgraded)).toEqual({ n: 2 ** PASSWORD_HASH_COST_FLOOR, r: 8, p: 1 });
    expect(PASSWORD_HASH_COST_FLOOR).toBe(17);
    // Same password: the session of that sign-in is not ended by the new hash.
    expect((await send(production, 'GET', '/api/me', undefined, address, first.accessToken)).status).toBe(
      200,
    );
    // It still signs in, and a hash at the configured cost is left as it is.
    await signedIn(production, email, address);
    expect(await storedHash(email)).toBe(upgraded);
  });

  it('does not upgrade a hash a password change replaced meanwhile (compare-and-set)', async () => {
    const { id, email } = await account({ passwordHash: await new PasswordHasher(8).hash(PASSWORD) });
    const checked = await storedHash(email);
    const changed = await testPasswordHash('sandi-yang-baru-dipilih');
    await db.query(`update users set password_hash = $2 where id = $1`, [id, changed]);
    const upgrade = await new PasswordHasher(TEST_PASSWORD_HASH_COST).hash(PASSWORD);
    expect(await upgradePasswordHash(db, id, checked, upgrade)).toBe(false);
    expect(await storedHash(email)).toBe(changed);
    expect(await upgradePasswordHash(db, id, changed, upgrade)).toBe(true);
  });

  it('hashes generated one-time passwords at 2^14 and keeps them until the forced change', async () => {
    const production = createApp({ db, config: { logLevel: 'silent' } });
    const coordinator = await account({ role: 'coordinator' });
    const address = freshAddress();
    const session = await signedIn(production, coordinator.email, address);
    const created = await send(
      production,
      'POST',
      '/api/accounts',
      { name: 'Baru', email: `baru${++n}@contoh.go.id`, phone: null, role: 'viewer', unitIds: [] },
      address,
      session.accessToken,
    );
    expect(created.status).toBe(201);
    const { email, oneTimePassword } = createAccountResponseSchema.parse(await created.json());
    const issued = await storedHash(email!);
    expect(hashParameters(issued)).toEqual({ n: 2 ** ONE_TIME_PASSWORD_HASH_COST, r: 8, p: 1 });
    // Signing in with it is no reason to rehash it: the change that must follow replaces it at the full cost.
    await signedIn(production, email!, freshAddress(), oneTimePassword!);
    expect(await storedHash(email!)).toBe(issued);
  });

  it('answers a wrong password against a cheaper hash no sooner than a full-cost check', async () => {
    const hasher = new PasswordHasher(14);
    const full = await hasher.hash(PASSWORD);
    let started = performance.now();
    expect((await hasher.verify('salah', full)).ok).toBe(false);
    const fullMs = performance.now() - started;
    const cheap = await new PasswordHasher(8).hash(PASSWORD);
    started = performance.now();
    expect((await hasher.verify('salah', cheap)).ok).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(0.5 * fullMs);
  });

  it(
    '50 parallel sign-ins: at most HASH_CONCURRENCY hashes at once, memory bounded, a pull stays fast, busy answers cost no attempt',
    { timeout: 120_000 },
    async () => {
      // N=2^14 (16 MiB a hash) so memory shows; one hash shared by all, made once.
      const hash = await new PasswordHasher(14).hash(PASSWORD);
      const logins: string[] = [];
      for (let i = 0; i < 50; i++) logins.push((await account({ passwordHash: hash })).email);
      // A coordinator's phone with 20 drafts to pull: the answer is gzipped, and gzip runs on libuv's pool, whose
      // threads scrypt uses too.
      const reader = await account({ role: 'coordinator' });
      const session = await signedIn(app, reader.email, freshAddress());
      const device = new Device(`burst-reader-${kind}`, session.accessToken);
      const long = 'Puskesmas keliling tiap Kamis; obat diantar kader desa. '.repeat(40);
      await push(
        { request: async (input, init) => app.request(input, init) },
        session.accessToken,
        Array.from({ length: 20 }, () => device.create(draftBody(null, { sections: { ringkasan: long } }))),
      );
      const pullGzipped = async () => {
        const started = performance.now();
        const res = await app.request(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0`, {
          headers: { authorization: `Bearer ${session.accessToken}`, 'accept-encoding': 'gzip' },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('Content-Encoding')).toBe('gzip');
        await res.arrayBuffer();
        return performance.now() - started;
      };
      await pullGzipped();
      const addressOf = logins.map(() => freshAddress());

      scryptActivity.resetPeak();
      passwordHashSlots.resetPeak();
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }, 5);
      const burst = logins.map((login, i) => signIn(app, login, PASSWORD, addressOf[i]!));
      // A synced phone's requests while the burst runs.
      const pullMs: number[] = [];
      for (let i = 0; i < 5; i++) {
        await sleep(100);
        pullMs.push(await pullGzipped());
      }
      const answers = await Promise.all(burst);
      clearInterval(sampler);

      expect(scryptActivity.peak).toBe(HASH_CONCURRENCY);
      expect(passwordHashSlots.peakHeld).toBe(HASH_CONCURRENCY);
      // Without the bound the first pull waited about 7 s behind 50 queued hashes for a pool thread to gzip on.
      // The limits leave room for a machine busy with other work.
      pullMs.sort((a, b) => a - b);
      expect(pullMs[2]).toBeLessThan(1_000);
      expect(pullMs[4]).toBeLessThan(3_000);
      expect(rssPeak - rssBefore).toBeLessThan(HASH_CONCURRENCY * 16 * MiB + 64 * MiB);

      const statuses = answers.map((r) => r.status);
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(HASH_CONCURRENCY + 1);
      const busy = answers.flatMap((r, i) => (r.status === 503 ? [i] : []));
      // How many are refused depends on how the sign-ins reach their turn (each is counted in the database
      // first); that the queue refuses at once when full is the next test's.
      for (const i of busy) await expectBusy(answers[i]!);
      // A busy answer checked nothing, so it counted nothing, and the person gets in at the next try.
      for (const i of busy)
        expect(await limitsOf(logins[i]!, addressOf[i]!)).toEqual({ failures: 0, spray: 0 });
      for (const i of busy.slice(0, 3)) await signedIn(app, logins[i]!, addressOf[i]!);
    },
  );

  it('every path that hashes waits for the bound: with every turn taken and the queue full, each answers 503 busy and writes nothing', async () => {
    const coordinator = await account({ role: 'coordinator' });
    const person = await account();
    const address = freshAddress();
    const coordinatorSession = await signedIn(app, coordinator.email, address);
    const personSession = await signedIn(app, person.email, freshAddress());
    const personHash = await storedHash(person.email);
    const newLogin = `tidak-jadi${++n}@contoh.go.id`;

    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    // Turns held until `open`; were one to wait past HASH_MAX_WAIT_MS, the counts below would say so.
    const holders = Array.from({ length: HASH_CONCURRENCY + HASH_MAX_WAITING }, () =>
      passwordHashSlots.run(() => gate).catch((err: unknown) => err),
    );
    try {
      expect(passwordHashSlots.held).toBe(HASH_CONCURRENCY);
      expect(passwordHashSlots.waiting).toBe(HASH_MAX_WAITING);
      const signInAddress = freshAddress();
      await expectBusy(await signIn(app, person.email, PASSWORD, signInAddress));
      await expectBusy(await signIn(app, 'tidak.ada@contoh.go.id', PASSWORD, signInAddress));
      await expectBusy(
        await send(
          app,
          'POST',
          '/api/auth/change-password',
          { currentPassword: PASSWORD, newPassword: 'sandi-baru-yang-panjang' },
          address,
          personSession.accessToken,
        ),
      );
      const accountBody = { name: 'Tidak Jadi', email: newLogin, phone: null, role: 'viewer', unitIds: [] };
      const coordinatorToken = coordinatorSession.accessToken;
      await expectBusy(await send(app, 'POST', '/api/accounts', accountBody, address, coordinatorToken));
      await expectBusy(
        await send(
          app,
          'POST',
          '/api/accounts',
          { ...accountBody, password: 'sandi-ketikan-koordinator' },
          address,
          coordinatorToken,
        ),
      );
      await expectBusy(
        await send(
          app,
          'POST',
          `/api/accounts/${person.id}/reset-password`,
          undefined,
          address,
          coordinatorToken,
        ),
      );
      const importBody = {
        dryRun: false,
        units: [],
        accounts: [{ row: 2, name: 'Tidak Jadi', email: newLogin, phone: '', role: 'Pimpinan', units: '' }],
      };
      await expectBusy(
        await send(app, 'POST', '/api/accounts/import', importBody, address, coordinatorToken),
      );
      // Nothing computed a hash meanwhile, and nothing was written.
      expect(scryptActivity.running).toBe(0);
      expect(await findUsersByLogin(db, newLogin)).toEqual([]);
      expect(await storedHash(person.email)).toBe(personHash);
      expect(await limitsOf(person.email, signInAddress)).toEqual({ failures: 0, spray: 0 });
      expect(await limitsOf('tidak.ada@contoh.go.id', signInAddress)).toEqual({ failures: 0, spray: 0 });
    } finally {
      open();
      await Promise.all(holders);
    }
    // The turns free again: the same sign-in goes through.
    await signedIn(app, person.email, freshAddress());
  });
});
