/**
 * Sign-in, token refresh, sign-out (mounted at /api/auth) and the caller's own account (GET /api/me). Password
 * changes and the devices list are in passwordRoutes.ts.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  refreshRequestSchema,
  sessionTokensSchema,
  signInRequestSchema,
  signOutRequestSchema,
  userSchema,
  type SessionTokens,
} from '../../shared/api';
import type { Context } from 'hono';
import type { Database } from '../db/types';
import type { AppEnv } from '../http/env';
import { EVERY_ROUTE, JSON_BODY, SIGNED_IN, apiError, defaultHook, errorResponses } from '../http/errors';
import { BEARER_AUTH, NO_AUTH } from '../http/openapi';
import {
  MAX_LOGIN_ACCOUNTS,
  findUserById,
  findUsersByLogin,
  markSignedIn,
  normalizeLogin,
  toUser,
  upgradePasswordHash,
  type UserRow,
} from '../accounts/service';
import type { PasswordCheck, PasswordHasher } from './password';
import {
  checkCountedAttempt,
  reserveSignInAttempt,
  signInSucceeded,
  type CountedAttempt,
  type SignInSubject,
} from './rateLimit';
import { knownDevice, rememberDevice, type KnownDevice } from './devices';
import { clientAddress, viaHttps } from '../http/clientAddress';
import {
  getAuthSecret,
  issueRefreshToken,
  revokeRefreshToken,
  rotateRefreshToken,
  signAccessToken,
} from './tokens';

export interface AuthRouteDeps {
  db: Database;
  /** Every password check goes through it (the configured cost and the bound on hashes at once). */
  passwords: PasswordHasher;
  authSecret?: string | null;
  /** TRUST_PROXY: read the client address from the proxy's X-Forwarded-For entry (see http/clientAddress.ts). */
  trustProxy?: boolean;
}

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const signInRoute = createRoute({
  method: 'post',
  path: '/sign-in',
  operationId: 'signIn',
  tags: ['auth'],
  summary: 'Sign in with email or phone number and password',
  security: NO_AUTH,
  request: { body: jsonBody(signInRequestSchema) },
  responses: {
    200: json(sessionTokensSchema, 'Signed in: access and refresh tokens'),
    ...errorResponses(...JSON_BODY, ...EVERY_ROUTE, 401, 429),
  },
});

const refreshRoute = createRoute({
  method: 'post',
  path: '/refresh',
  operationId: 'refreshSession',
  tags: ['auth'],
  summary:
    'Exchange a refresh token for new tokens (the old refresh token is revoked; presenting a replaced one again ends its device session: refresh-reused)',
  // The refresh token travels in the body, not in a header: nothing for a security scheme to state.
  security: NO_AUTH,
  request: { body: jsonBody(refreshRequestSchema) },
  responses: {
    200: json(sessionTokensSchema, 'New tokens'),
    ...errorResponses(...JSON_BODY, ...EVERY_ROUTE, 401),
  },
});

const signOutRoute = createRoute({
  method: 'post',
  path: '/sign-out',
  operationId: 'signOut',
  tags: ['auth'],
  summary: 'Revoke a refresh token and sign its device out',
  // The refresh token in the body is what is revoked; an access token is not needed (it may have expired).
  security: NO_AUTH,
  request: { body: jsonBody(signOutRequestSchema) },
  responses: {
    200: json(z.object({ ok: z.literal(true) }).meta({ id: 'SignedOut' }), 'Signed out'),
    ...errorResponses(...JSON_BODY, ...EVERY_ROUTE),
  },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags: ['auth'],
  summary: 'The signed-in user (also while a one-time password must be changed)',
  security: BEARER_AUTH,
  // requireAuth lets a person with a one-time password through here: a 403 is only a cross-origin refusal.
  responses: { 200: json(userSchema, 'The signed-in user'), ...errorResponses(...SIGNED_IN, ...EVERY_ROUTE) },
});

/** Tokens for `user` on the device of `familyId`, signed with the user's current session generation. */
export async function tokensFor(
  deps: Pick<AuthRouteDeps, 'db' | 'authSecret'>,
  user: UserRow,
  refreshToken: string,
  familyId: string,
): Promise<SessionTokens> {
  const secret = await getAuthSecret(deps.db, deps.authSecret);
  const access = await signAccessToken(secret, {
    userId: user.id,
    tenantId: user.tenant_id,
    generation: user.session_generation,
    familyId,
  });
  return { accessToken: access.token, accessExpiresAt: access.expiresAt, refreshToken, user: toUser(user) };
}

/** The login from this address: the limiter's subject for anyone without a device cookie of the account. */
function anonymousSubject(c: Context, login: string, trustProxy: boolean): SignInSubject {
  const normalized = normalizeLogin(login);
  return {
    kind: 'anonymous',
    login: 'email' in normalized ? normalized.email : normalized.phone,
    address: clientAddress(c, trustProxy),
  };
}

/**
 * Who is guessing, for the sign-in limiter: a device that signed in to one of `accountIds` before (its cookie),
 * or the login from this address. Checking the current password at a change uses the same limits.
 */
export async function limiterSubject(
  db: Database,
  c: Context,
  login: string,
  accountIds: readonly string[],
  trustProxy: boolean,
): Promise<{ subject: SignInSubject; device: KnownDevice | null }> {
  const device = await knownDevice(db, c, accountIds);
  const subject: SignInSubject = device
    ? { kind: 'device', deviceKey: device.key }
    : anonymousSubject(c, login, trustProxy);
  return { subject, device };
}

/**
 * The one answer to every failed sign-in: unknown login, wrong password, or a disabled account with the right
 * one (issue #17: that answered 403 and so told a guesser the password was right). Its words are true for all.
 */
function signInFailed(c: Context) {
  return apiError(
    c,
    401,
    'invalid-credentials',
    'Email/nomor HP atau kata sandi salah, atau akun tidak aktif. Hubungi admin lokal.',
    'Wrong email/phone number or password, or the account is not active. Ask your local admin.',
  );
}

/**
 * The first of `accounts` (in order) whose password this is, with its check (and a rehash when its stored cost
 * is below the configured one). With none to try, a hash no password matches is checked anyway, so an unknown
 * login costs as long as a wrong password. Each account tried costs a hash: a wrong password for a login held in
 * N tenants takes N hashes (what a stranger can learn from the time taken, bounded by the sign-in limits). All of
 * it runs as the counted attempt's check: no hashing turn in time gives the attempt back (503 busy).
 */
async function firstMatching(
  deps: Pick<AuthRouteDeps, 'db' | 'passwords'>,
  attempt: CountedAttempt,
  password: string,
  accounts: readonly UserRow[],
): Promise<{ user: UserRow; check: PasswordCheck } | undefined> {
  return checkCountedAttempt(deps.db, attempt, async () => {
    if (accounts.length === 0) {
      await deps.passwords.verifyUnknownUser(password);
      return undefined;
    }
    for (const user of accounts) {
      // A one-time password is replaced at the forced change that follows: not worth a rehash.
      const check = await deps.passwords.verify(password, user.password_hash, {
        upgrade: !user.must_change_password,
      });
      if (check.ok) return { user, check };
    }
    return undefined;
  });
}

/** 429 with Retry-After and the wait in words. */
export function tooManyAttempts(c: Context, wait: number) {
  const [id, en] =
    wait < 60
      ? [`${wait} detik`, `${wait} seconds`]
      : [`${Math.ceil(wait / 60)} menit`, `${Math.ceil(wait / 60)} minutes`];
  c.header('Retry-After', String(wait));
  return apiError(
    c,
    429,
    'too-many-attempts',
    `Terlalu banyak percobaan masuk. Coba lagi dalam ${id}`,
    `Too many sign-in attempts. Try again in ${en}`,
    { retryAfterSeconds: wait },
  );
}

export function createAuthRoutes(deps: AuthRouteDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });

  app.openapi(signInRoute, async (c) => {
    const { login, password } = c.req.valid('json');
    const trustProxy = deps.trustProxy ?? false;
    // One login may name accounts in several tenants (unique per tenant only). Disabled accounts are not tried:
    // their right password fails like a wrong one, and counts as a failure.
    const accounts = await findUsersByLogin(deps.db, login, { activeOnly: true, limit: MAX_LOGIN_ACCOUNTS });
    const ids = accounts.map((a) => a.id);
    const { subject, device } = await limiterSubject(deps.db, c, login, ids, trustProxy);
    // Counted before the password is checked, so parallel guesses cannot all be evaluated.
    const reservation = await reserveSignInAttempt(deps.db, subject);
    if (!reservation.ok) return tooManyAttempts(c, reservation.retryAfterSeconds);
    // A device that signed in before has its own count for its own account only. The login's other accounts
    // (other tenants) are tried under the login's count, or a device cookie of one's own account would give
    // fresh guesses at someone else's password.
    let found = await firstMatching(
      deps,
      reservation.attempt,
      password,
      device ? accounts.filter((a) => a.id === device.userId) : accounts,
    );
    let counted = subject;
    const others = device ? accounts.filter((a) => a.id !== device.userId) : [];
    if (!found && others.length > 0) {
      counted = anonymousSubject(c, login, trustProxy);
      const again = await reserveSignInAttempt(deps.db, counted);
      if (!again.ok) return tooManyAttempts(c, again.retryAfterSeconds);
      found = await firstMatching(deps, again.attempt, password, others);
    }
    if (!found) return signInFailed(c);
    const { user, check } = found;
    await signInSucceeded(deps.db, counted);
    if (check.upgradedHash) {
      // Stored below the configured cost (made before it was raised): the same password at the current cost,
      // only if the hash is still the one checked, so a password changed meanwhile wins.
      await upgradePasswordHash(deps.db, user.id, user.password_hash, check.upgradedHash);
    }
    await markSignedIn(deps.db, user.id);
    const known = device?.userId === user.id ? device.key : null;
    await rememberDevice(deps.db, c, user.id, known, viaHttps(c, trustProxy));
    const issued = await issueRefreshToken(deps.db, user.id, { userAgent: c.req.header('User-Agent') });
    return c.json(await tokensFor(deps, user, issued.refreshToken, issued.familyId), 200);
  });

  app.openapi(refreshRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    const result = await rotateRefreshToken(deps.db, refreshToken);
    const user = result.ok ? await findUserById(deps.db, result.userId) : undefined;
    if (!result.ok || !user) {
      const reason = result.ok ? 'unknown' : result.reason;
      const [id, en] =
        reason === 'disabled'
          ? ['Akun ini dinonaktifkan', 'This account has been disabled']
          : reason === 'expired'
            ? ['Sesi sudah kedaluwarsa, silakan masuk lagi', 'Session expired, please sign in again']
            : reason === 'reused'
              ? [
                  'Sesi ini dipakai dua kali dan sudah diakhiri demi keamanan, silakan masuk lagi',
                  'This session was used twice and has been ended for safety; please sign in again',
                ]
              : ['Sesi sudah dicabut, silakan masuk lagi', 'Session revoked, please sign in again'];
      return apiError(c, 401, `refresh-${reason}`, id, en);
    }
    return c.json(await tokensFor(deps, user, result.refreshToken, result.familyId), 200);
  });

  app.openapi(signOutRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    // Idempotent: signing out twice, or with an already revoked token, is not an error.
    await revokeRefreshToken(deps.db, refreshToken);
    return c.json({ ok: true as const }, 200);
  });

  return app;
}

/** GET /me, behind requireAuth. */
export function createMeRoutes(deps: AuthRouteDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  app.openapi(meRoute, async (c) => {
    const user = await findUserById(deps.db, c.get('auth').userId);
    if (!user) return apiError(c, 401, 'invalid-token', 'Sesi tidak sah', 'Invalid session');
    return c.json(toUser(user), 200);
  });
  return app;
}
