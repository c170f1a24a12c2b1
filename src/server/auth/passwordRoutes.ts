/**
 * A person's own password and devices (mounted at /api/auth, behind requireAuth):
 * - POST /change-password: current and new password. The new one is checked with the shared rule (length,
 *   common-password list, not the current one); the current one goes through the sign-in limiter, so a stolen
 *   access token cannot be used to guess it. Success ends every other device's session (their refresh tokens and,
 *   through the session generation, their access tokens) and answers fresh tokens for this device.
 * - GET /devices, POST /devices/{id}/sign-out, POST /devices/sign-out-others: where the person is signed in
 *   (one row per live token family) and signing devices out.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  changePasswordRequestSchema,
  sessionTokensSchema,
  signedInDeviceListSchema,
  signedOutDevicesSchema,
} from '../../shared/api';
import { loadCommonPasswords } from '../../shared/commonPasswords';
import { NEW_PASSWORD_MESSAGES, newPasswordProblem } from '../../shared/passwordPolicy';
import type { Database } from '../db/types';
import type { AppEnv } from '../http/env';
import { EVERY_ROUTE, JSON_BODY, SIGNED_IN, apiError, defaultHook, errorResponses } from '../http/errors';
import { BEARER_AUTH } from '../http/openapi';
import { findUserById, setPasswordHash } from '../accounts/service';
import type { PasswordHasher } from './password';
import { checkCountedAttempt, reserveSignInAttempt, signInSucceeded } from './rateLimit';
import { limiterSubject, tokensFor, tooManyAttempts } from './routes';
import { issueRefreshToken, renewFamily, revokeFamilies } from './tokens';

export interface PasswordRouteDeps {
  db: Database;
  passwords: PasswordHasher;
  authSecret?: string | null;
  trustProxy?: boolean;
}

const security = BEARER_AUTH;
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const changePasswordRoute = createRoute({
  method: 'post',
  path: '/change-password',
  operationId: 'changePassword',
  tags: ['auth'],
  summary:
    "Change one's own password (also a one-time password); signs every other device out and answers new tokens for this one",
  security,
  request: {
    body: { required: true, content: { 'application/json': { schema: changePasswordRequestSchema } } },
  },
  responses: {
    200: json(sessionTokensSchema, 'Changed: new tokens for this device'),
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE, 409, 429),
  },
});

const listDevicesRoute = createRoute({
  method: 'get',
  path: '/devices',
  operationId: 'listDevices',
  tags: ['auth'],
  summary: 'Where the caller is signed in: one row per device session (refresh-token family)',
  security,
  responses: {
    200: json(signedInDeviceListSchema, 'Devices, most recently used first'),
    ...errorResponses(...SIGNED_IN, ...EVERY_ROUTE),
  },
});

const signOutDeviceRoute = createRoute({
  method: 'post',
  path: '/devices/{id}/sign-out',
  operationId: 'signOutDevice',
  tags: ['auth'],
  summary: "Sign one of the caller's other devices out (its refresh and access tokens stop working)",
  security,
  request: { params: z.object({ id: z.uuid({ error: 'ID perangkat tidak sah / invalid device id' }) }) },
  responses: {
    200: json(signedOutDevicesSchema, 'Signed out'),
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE, 404, 409),
  },
});

const signOutOthersRoute = createRoute({
  method: 'post',
  path: '/devices/sign-out-others',
  operationId: 'signOutOtherDevices',
  tags: ['auth'],
  summary: 'Sign out every device of the caller except this one',
  security,
  responses: {
    200: json(signedOutDevicesSchema, 'How many were signed out'),
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE),
  },
});

interface FamilyRow extends Record<string, unknown> {
  id: string;
  user_agent: string;
  created_at: Date;
  last_used_at: Date;
}

export function createPasswordRoutes(deps: PasswordRouteDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  // Loaded once per process (about 50 ms), in the background from the start.
  loadCommonPasswords().catch(() => {});

  app.openapi(changePasswordRoute, async (c) => {
    const auth = c.get('auth');
    const { currentPassword, newPassword } = c.req.valid('json');
    const problem = newPasswordProblem(newPassword, {
      common: await loadCommonPasswords(),
      current: currentPassword,
    });
    if (problem) {
      const message = NEW_PASSWORD_MESSAGES[problem];
      return apiError(c, 400, `password-${problem}`, message.id, message.en);
    }
    const user = await findUserById(deps.db, auth.userId);
    if (!user) return apiError(c, 401, 'invalid-token', 'Sesi tidak sah', 'Invalid session');
    const login = user.email ?? user.phone ?? user.id;
    const { subject } = await limiterSubject(deps.db, c, login, [user.id], deps.trustProxy ?? false);
    // Counted before the current password is checked, like a sign-in.
    const reservation = await reserveSignInAttempt(deps.db, subject);
    if (!reservation.ok) return tooManyAttempts(c, reservation.retryAfterSeconds);
    // No upgrade of the current hash: the new password's hash, at the configured cost, replaces it.
    const check = await checkCountedAttempt(deps.db, reservation.attempt, () =>
      deps.passwords.verify(currentPassword, user.password_hash),
    );
    if (!check.ok) {
      return apiError(
        c,
        400,
        'wrong-current-password',
        'Kata sandi sekarang salah',
        'The current password is wrong',
      );
    }
    await signInSucceeded(deps.db, subject);
    const newHash = await deps.passwords.hash(newPassword);
    const result = await deps.db.transaction(async (tx) => {
      // Compare-and-set on the hash that was verified: of two changes racing, only the first one applies.
      const { rows } = await tx.query(`select 1 from users where id = $1 and password_hash = $2 for update`, [
        user.id,
        user.password_hash,
      ]);
      if (rows.length === 0) return null;
      await setPasswordHash(tx, user.id, newHash, false);
      await revokeFamilies(tx, user.id, { except: auth.familyId ?? null });
      if (auth.familyId) {
        return { refreshToken: await renewFamily(tx, user.id, auth.familyId), familyId: auth.familyId };
      }
      // A token from before device sessions existed: this device starts a new one.
      const issued = await issueRefreshToken(tx, user.id, { userAgent: c.req.header('User-Agent') });
      return { refreshToken: issued.refreshToken, familyId: issued.familyId };
    });
    if (!result) {
      return apiError(
        c,
        409,
        'password-changed-meanwhile',
        'Kata sandi baru saja diganti dari permintaan lain. Masuk lagi dengan kata sandi yang baru.',
        'The password was just changed by another request. Sign in again with the new password.',
      );
    }
    const updated = (await findUserById(deps.db, user.id))!;
    return c.json(await tokensFor(deps, updated, result.refreshToken, result.familyId), 200);
  });

  app.openapi(listDevicesRoute, async (c) => {
    const auth = c.get('auth');
    const { rows } = await deps.db.query<FamilyRow>(
      `select id, user_agent, created_at, last_used_at from token_families
        where user_id = $1 and revoked_at is null and expires_at > now()
        order by last_used_at desc, id`,
      [auth.userId],
    );
    const devices = rows.map((r) => ({
      id: r.id,
      userAgent: r.user_agent,
      signedInAt: r.created_at.getTime(),
      lastUsedAt: r.last_used_at.getTime(),
      current: r.id === auth.familyId,
    }));
    return c.json({ devices }, 200);
  });

  app.openapi(signOutDeviceRoute, async (c) => {
    const auth = c.get('auth');
    const { id } = c.req.valid('param');
    if (id === auth.familyId) {
      return apiError(
        c,
        409,
        'current-device',
        'Ini perangkat yang sedang dipakai: gunakan tombol Keluar',
        'This is the device in use: use Sign out instead',
      );
    }
    // Only the caller's own families: anyone else's id answers like an unknown one.
    const signedOut = await deps.db.transaction((tx) => revokeFamilies(tx, auth.userId, { only: id }));
    if (signedOut === 0) {
      return apiError(c, 404, 'not-found', 'Perangkat tidak ditemukan', 'Device not found');
    }
    return c.json({ signedOut }, 200);
  });

  app.openapi(signOutOthersRoute, async (c) => {
    const auth = c.get('auth');
    const signedOut = await deps.db.transaction((tx) =>
      revokeFamilies(tx, auth.userId, { except: auth.familyId ?? null }),
    );
    return c.json({ signedOut }, 200);
  });

  return app;
}
