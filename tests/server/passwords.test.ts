/**
 * Passwords and devices (issue #13), on PGlite and on a fresh PostgreSQL database, through the real app:
 * changing one's own password (every refusal, the limiter, parallel requests, other devices signed out), a
 * coordinator's reset (roles, another tenant, the one-time password forcing a change that blocks other routes),
 * accounts created with a generated one-time password, the devices list and signing devices out, and
 * refresh-token reuse ending its whole family (security issue #17).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { createTenant, createUser } from '../../src/server/accounts/service';
import { migrate } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';
import {
  createAccountResponseSchema,
  resetPasswordResponseSchema,
  sessionTokensSchema,
  signedInDeviceListSchema,
  type SessionTokens,
} from '../../src/shared/api';
import { apiErrorSchema } from '../../src/shared/protocol';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './support/databases';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from './support/passwords';

const PASSWORD = 'kata-sandi-awal-99';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';
const WINDOWS_FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0';

type App = ReturnType<typeof createApp>;

async function expectApiError(res: Response, status: number, code?: string) {
  expect(res.status).toBe(status);
  const body = apiErrorSchema.parse(await res.json());
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.messageEn.length).toBeGreaterThan(0);
  expect(body.error.message).not.toBe(body.error.messageEn);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

describe.each(DATABASE_KINDS)('passwords and devices on %s', (kind) => {
  let t: TestDatabase;
  let db: Database;
  let app: App;
  let tenantA = '';
  let tenantB = '';
  let n = 0;
  // Each test signs in from its own address, so the sign-in limiter of one test never touches another.
  let address = '';

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(
      path,
      {
        method,
        headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      },
      { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } } },
    );
  const bearer = (s: SessionTokens) => ({ Authorization: `Bearer ${s.accessToken}` });

  async function signIn(login: string, password = PASSWORD, userAgent = ANDROID_CHROME) {
    const res = await send('POST', '/api/auth/sign-in', { login, password }, { 'User-Agent': userAgent });
    expect(res.status, `sign-in of ${login}`).toBe(200);
    return sessionTokensSchema.parse(await res.json());
  }

  /** A new account in `tenantId` that signs in with PASSWORD. */
  async function person(role: 'innovator' | 'coordinator' | 'facilitator' | 'viewer', tenantId = tenantA) {
    const email = `orang${++n}@contoh.go.id`;
    const row = await createUser(db, {
      tenantId,
      name: `Orang ${n}`,
      email,
      phone: null,
      role,
      passwordHash: await testPasswordHash(PASSWORD),
      unitIds: [],
    });
    return { id: row.id, email };
  }

  const changePassword = (s: SessionTokens, currentPassword: string, newPassword: string) =>
    send('POST', '/api/auth/change-password', { currentPassword, newPassword }, bearer(s));
  const refresh = (refreshToken: string) => send('POST', '/api/auth/refresh', { refreshToken });

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    db = t.db;
    await migrate(db);
    tenantA = (await createTenant(db, 'Kabupaten Contoh')).id;
    tenantB = (await createTenant(db, 'Kota Lain')).id;
    app = createApp({ db, config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' } });
  });

  afterAll(async () => {
    await t?.dispose();
  });

  let addresses = 0;
  const freshAddress = () => {
    address = `203.0.113.${++addresses}`;
  };

  describe('changing one’s own password', () => {
    it('refuses a wrong current, a short, a common or an unchanged new password, in both languages', async () => {
      freshAddress();
      const me = await person('facilitator');
      const s = await signIn(me.email);
      await expectApiError(
        await changePassword(s, 'bukan-sandi-saya', 'sandi-baru-yang-kuat'),
        400,
        'wrong-current-password',
      );
      const short = await expectApiError(
        await changePassword(s, PASSWORD, 'pendek12'),
        400,
        'invalid-request',
      );
      expect(JSON.stringify(short.details)).toContain('Kata sandi minimal 10 karakter');
      for (const common of ['password1234', 'Qwertyuiop', 'Bismillah2024!', '1234567890', 'aaaaaaaaaaaa']) {
        const error = await expectApiError(
          await changePassword(s, PASSWORD, common),
          400,
          'password-too-common',
        );
        expect(error.message).toContain('terlalu umum');
        expect(error.messageEn).toContain('too common');
      }
      await expectApiError(await changePassword(s, PASSWORD, PASSWORD), 400, 'password-unchanged');
      // Nothing changed: the old password still signs in.
      await signIn(me.email);
    });

    it('changes it, keeps this device signed in and signs every other device out at once', async () => {
      freshAddress();
      const me = await person('innovator');
      const other = await signIn(me.email, PASSWORD, WINDOWS_FIREFOX);
      const here = await signIn(me.email);
      const res = await changePassword(here, PASSWORD, 'kucing-oren-di-atap');
      expect(res.status).toBe(200);
      const renewed = sessionTokensSchema.parse(await res.json());
      expect(renewed.user.mustChangePassword).toBe(false);

      // This device: the new tokens work, the access token signed before the change does not.
      expect((await send('GET', '/api/me', undefined, bearer(renewed))).status).toBe(200);
      await expectApiError(await send('GET', '/api/me', undefined, bearer(here)), 401, 'session-revoked');
      expect((await refresh(renewed.refreshToken)).status).toBe(200);
      // The other device: refused at its next request, and its refresh token no longer refreshes.
      await expectApiError(await send('GET', '/api/me', undefined, bearer(other)), 401, 'session-revoked');
      await expectApiError(await refresh(other.refreshToken), 401, 'refresh-revoked');
      // The new password signs in, the old one no longer.
      await signIn(me.email, 'kucing-oren-di-atap');
      await expectApiError(
        await send('POST', '/api/auth/sign-in', { login: me.email, password: PASSWORD }),
        401,
        'invalid-credentials',
      );
    });

    it('checks the current password with the sign-in limiter', async () => {
      freshAddress();
      const me = await person('viewer');
      const s = await signIn(me.email);
      for (let i = 0; i < 5; i++) {
        await expectApiError(
          await changePassword(s, `salah-${i}-xyz`, 'sandi-baru-yang-kuat'),
          400,
          'wrong-current-password',
        );
      }
      const limited = await changePassword(s, PASSWORD, 'sandi-baru-yang-kuat');
      await expectApiError(limited, 429, 'too-many-attempts');
      expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    });

    it('of two change requests racing, exactly one applies', async () => {
      freshAddress();
      const me = await person('facilitator');
      const s = await signIn(me.email);
      const wanted = ['sandi-pertama-balapan', 'sandi-kedua-balapan'];
      const answers = await Promise.all(wanted.map((p) => changePassword(s, PASSWORD, p)));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((st) => st === 200)).toHaveLength(1);
      const loser = answers[statuses.indexOf(200) === 0 ? 1 : 0]!;
      expect(loser.status).toBeGreaterThanOrEqual(400);
      expect(loser.status).toBeLessThan(500);
      await expectApiError(loser, loser.status);
      const winner = wanted[statuses.indexOf(200)]!;
      await signIn(me.email, winner);
      const loserPassword = wanted.find((p) => p !== winner)!;
      expect(
        (await send('POST', '/api/auth/sign-in', { login: me.email, password: loserPassword })).status,
      ).toBe(401);
    });
  });

  describe('a coordinator resets a password', () => {
    it('gives a one-time password that forces a change, blocking every other route until it is changed', async () => {
      freshAddress();
      const coordinator = await person('coordinator');
      const member = await person('innovator');
      const before = await signIn(member.email);
      const coord = await signIn(coordinator.email);

      const res = await send('POST', `/api/accounts/${member.id}/reset-password`, undefined, bearer(coord));
      expect(res.status).toBe(200);
      const { account, oneTimePassword } = resetPasswordResponseSchema.parse(await res.json());
      expect(account).toMatchObject({ id: member.id, mustChangePassword: true });
      expect(oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      // Every session of the member ended: the refresh token and the access token alike.
      await expectApiError(await refresh(before.refreshToken), 401, 'refresh-revoked');
      await expectApiError(await send('GET', '/api/me', undefined, bearer(before)), 401, 'session-revoked');
      await expectApiError(
        await send('POST', '/api/auth/sign-in', { login: member.email, password: PASSWORD }),
        401,
        'invalid-credentials',
      );

      const otp = await signIn(member.email, oneTimePassword);
      expect(otp.user.mustChangePassword).toBe(true);
      // Only /me and change-password (and sign-out) answer; everything else says why not.
      const me = await send('GET', '/api/me', undefined, bearer(otp));
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ mustChangePassword: true });
      for (const [method, path] of [
        ['GET', '/api/sync/pull?protocolVersion=1&cursor=0'],
        ['POST', '/api/sync/push'],
        ['GET', '/api/accounts'],
        ['GET', '/api/auth/devices'],
        ['POST', '/api/auth/devices/sign-out-others'],
      ] as const) {
        const blocked = await send(method, path, method === 'POST' ? {} : undefined, bearer(otp));
        const error = await expectApiError(blocked, 403, 'password-change-required');
        expect(error.message).toBe('Ganti kata sandi sementara Anda dulu');
      }
      const changed = await changePassword(otp, oneTimePassword, 'sandi-pilihan-sendiri');
      expect(changed.status).toBe(200);
      const own = sessionTokensSchema.parse(await changed.json());
      expect(own.user.mustChangePassword).toBe(false);
      expect((await send('GET', '/api/auth/devices', undefined, bearer(own))).status).toBe(200);
      // Signing out works without an access token, also while a change is required.
      const again = await signIn(member.email, 'sandi-pilihan-sendiri');
      expect((await send('POST', '/api/auth/sign-out', { refreshToken: again.refreshToken })).status).toBe(
        200,
      );
    });

    it('is for coordinators of the same tenant only: 403 for other roles, 404 across tenants, 409 for oneself', async () => {
      freshAddress();
      const coordinator = await person('coordinator');
      const member = await person('facilitator');
      for (const role of ['innovator', 'facilitator', 'viewer'] as const) {
        const s = await signIn((await person(role)).email);
        await expectApiError(
          await send('POST', `/api/accounts/${member.id}/reset-password`, undefined, bearer(s)),
          403,
          'forbidden',
        );
      }
      const stranger = await signIn((await person('coordinator', tenantB)).email);
      const leak = await send(
        'POST',
        `/api/accounts/${member.id}/reset-password`,
        undefined,
        bearer(stranger),
      );
      const unknown = await send(
        'POST',
        `/api/accounts/0190a000-0000-7000-8000-000000000000/reset-password`,
        undefined,
        bearer(stranger),
      );
      // Another tenant's account answers exactly like a missing one.
      const [a, b] = [
        await expectApiError(leak, 404, 'not-found'),
        await expectApiError(unknown, 404, 'not-found'),
      ];
      expect(a).toEqual(b);
      // The member's password is untouched.
      await signIn(member.email);
      const coord = await signIn(coordinator.email);
      await expectApiError(
        await send('POST', `/api/accounts/${coordinator.id}/reset-password`, undefined, bearer(coord)),
        409,
        'self-reset',
      );
    });
  });

  describe('creating accounts', () => {
    it('generates a one-time password by default; a typed one is checked; both must be changed at first sign-in', async () => {
      freshAddress();
      const coord = await signIn((await person('coordinator')).email);
      const base = { name: 'Nia Baru', phone: null, role: 'innovator', unitIds: [] };
      const generated = await send(
        'POST',
        '/api/accounts',
        { ...base, email: `nia${++n}@contoh.go.id` },
        bearer(coord),
      );
      expect(generated.status).toBe(201);
      const created = createAccountResponseSchema.parse(await generated.json());
      expect(created.mustChangePassword).toBe(true);
      const otp = created.oneTimePassword!;
      expect(otp).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect((await signIn(created.email!, otp)).user.mustChangePassword).toBe(true);

      await expectApiError(
        await send(
          'POST',
          '/api/accounts',
          { ...base, email: `x${++n}@contoh.go.id`, password: 'Password2024' },
          bearer(coord),
        ),
        400,
        'password-too-common',
      );
      const typed = await send(
        'POST',
        '/api/accounts',
        { ...base, email: `y${++n}@contoh.go.id`, password: 'sandi-dari-koordinator' },
        bearer(coord),
      );
      expect(typed.status).toBe(201);
      const typedAccount = createAccountResponseSchema.parse(await typed.json());
      expect(typedAccount.oneTimePassword).toBeUndefined();
      expect((await signIn(typedAccount.email!, 'sandi-dari-koordinator')).user.mustChangePassword).toBe(
        true,
      );
    });
  });

  describe('devices', () => {
    it('lists where one is signed in, marks this device, signs one or all others out', async () => {
      freshAddress();
      const me = await person('facilitator');
      const laptop = await signIn(me.email, PASSWORD, WINDOWS_FIREFOX);
      const tablet = await signIn(
        me.email,
        PASSWORD,
        'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Version/17.0 Safari/604.1',
      );
      const phone = await signIn(me.email);
      const list = async (s: SessionTokens) =>
        signedInDeviceListSchema.parse(
          await (await send('GET', '/api/auth/devices', undefined, bearer(s))).json(),
        ).devices;
      const devices = await list(phone);
      expect(devices).toHaveLength(3);
      expect(devices.filter((d) => d.current).map((d) => d.userAgent)).toEqual([ANDROID_CHROME]);
      expect(devices.every((d) => d.signedInAt <= d.lastUsedAt)).toBe(true);
      const laptopRow = devices.find((d) => d.userAgent === WINDOWS_FIREFOX)!;

      // Someone else's device id answers like an unknown one; this device is signed out with "Keluar" instead.
      const stranger = await signIn((await person('facilitator')).email);
      await expectApiError(
        await send('POST', `/api/auth/devices/${laptopRow.id}/sign-out`, undefined, bearer(stranger)),
        404,
        'not-found',
      );
      const current = devices.find((d) => d.current)!;
      await expectApiError(
        await send('POST', `/api/auth/devices/${current.id}/sign-out`, undefined, bearer(phone)),
        409,
        'current-device',
      );

      const one = await send('POST', `/api/auth/devices/${laptopRow.id}/sign-out`, undefined, bearer(phone));
      expect(await one.json()).toEqual({ signedOut: 1 });
      await expectApiError(await send('GET', '/api/me', undefined, bearer(laptop)), 401, 'session-revoked');
      await expectApiError(await refresh(laptop.refreshToken), 401, 'refresh-revoked');
      expect((await list(phone)).map((d) => d.userAgent).sort()).toEqual(
        [ANDROID_CHROME, expect.stringContaining('iPad')].sort(),
      );

      const others = await send('POST', '/api/auth/devices/sign-out-others', undefined, bearer(phone));
      expect(await others.json()).toEqual({ signedOut: 1 });
      await expectApiError(await refresh(tablet.refreshToken), 401, 'refresh-revoked');
      expect((await list(phone)).map((d) => d.current)).toEqual([true]);
      expect((await send('GET', '/api/me', undefined, bearer(phone))).status).toBe(200);
    });

    it('a refresh token presented again after rotation ends its whole family, thief and owner alike', async () => {
      freshAddress();
      const me = await person('innovator');
      const elsewhere = await signIn(me.email, PASSWORD, WINDOWS_FIREFOX);
      const stolen = await signIn(me.email);
      const ownerRes = await refresh(stolen.refreshToken);
      expect(ownerRes.status).toBe(200);
      const owner = sessionTokensSchema.parse(await ownerRes.json());
      // The copy is presented again: refused, and the token the owner holds now is refused too.
      await expectApiError(await refresh(stolen.refreshToken), 401, 'refresh-reused');
      await expectApiError(await refresh(owner.refreshToken), 401, 'refresh-revoked');
      await expectApiError(await send('GET', '/api/me', undefined, bearer(owner)), 401, 'session-revoked');
      // Another device's family is untouched.
      const still = await refresh(elsewhere.refreshToken);
      expect(still.status).toBe(200);
      const devices = signedInDeviceListSchema.parse(
        await (
          await send(
            'GET',
            '/api/auth/devices',
            undefined,
            bearer(sessionTokensSchema.parse(await still.json())),
          )
        ).json(),
      ).devices;
      expect(devices.map((d) => d.userAgent)).toEqual([WINDOWS_FIREFOX]);
    });
  });
});
