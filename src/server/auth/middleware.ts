/**
 * `requireAuth`: checks the Bearer access token, reloads the user (so a disabled account or a changed role or
 * unit list takes effect on the next request, not when the token expires) and sets `c.get('auth')`.
 * In the same query it checks the token's session generation (raised by a password change or reset) and that
 * its device is still signed in, so a revoked device stops at its next request, not 15 minutes later.
 * A person holding a one-time password gets 403 `password-change-required` everywhere except the routes
 * mounted with `allowPasswordChangeRequired` (GET /me, change-password; sign-out needs no access token).
 * Usage: `app.use('/api/sync/*', requireAuth({ db, authSecret }))`.
 */
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/types';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { findSessionUser, type UserRow } from '../accounts/service';
import { principalOf } from '../../shared/access';
import type { AuthContext } from './types';
import { getAuthSecret, verifyAccessToken } from './tokens';

export interface AuthDeps {
  db: Database;
  /** AUTH_SECRET; when null or absent the secret kept in the database is used. */
  authSecret?: string | null;
  /** Let a person whose password must be changed through (only GET /me and change-password). */
  allowPasswordChangeRequired?: boolean;
}

/** What a user may reach: coordinators the whole tenant, viewers read only. */
export function authContextFor(user: Pick<UserRow, 'id' | 'tenant_id' | 'role' | 'unit_ids'>): AuthContext {
  // The same reach the phone computes for its signed-in user (src/shared/access.ts).
  const principal = principalOf({
    id: user.id,
    tenantId: user.tenant_id,
    role: user.role,
    unitIds: user.unit_ids,
  });
  return { ...principal, unitIds: principal.unitIds === null ? null : [...principal.unitIds] };
}

export function requireAuth(deps: AuthDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer');
      return apiError(c, 401, 'unauthenticated', 'Silakan masuk terlebih dahulu', 'Please sign in first');
    }
    const secret = await getAuthSecret(deps.db, deps.authSecret);
    const check = await verifyAccessToken(secret, match[1]!);
    if (!check.ok) {
      c.header('WWW-Authenticate', `Bearer error="invalid_token"`);
      return check.reason === 'expired'
        ? apiError(
            c,
            401,
            'token-expired',
            'Sesi Anda sudah habis, sedang diperbarui',
            'Your session expired; it is being renewed',
          )
        : apiError(
            c,
            401,
            'invalid-token',
            'Sesi tidak sah, silakan masuk lagi',
            'Invalid session, please sign in again',
          );
    }
    const { userId, tenantId, generation, familyId } = check.claims;
    const user = await findSessionUser(deps.db, userId, familyId);
    if (!user || user.tenant_id !== tenantId) {
      return apiError(
        c,
        401,
        'invalid-token',
        'Sesi tidak sah, silakan masuk lagi',
        'Invalid session, please sign in again',
      );
    }
    if (user.disabled) {
      return apiError(c, 401, 'account-disabled', 'Akun ini dinonaktifkan', 'This account has been disabled');
    }
    if (user.session_generation !== generation || user.family_live === false) {
      // The password was changed or reset, or this device was signed out: its refresh token is revoked too.
      c.header('WWW-Authenticate', `Bearer error="invalid_token"`);
      return apiError(
        c,
        401,
        'session-revoked',
        'Sesi di perangkat ini sudah diakhiri, silakan masuk lagi',
        'The session on this device was ended; please sign in again',
      );
    }
    if (user.must_change_password && !deps.allowPasswordChangeRequired) {
      return apiError(
        c,
        403,
        'password-change-required',
        'Ganti kata sandi sementara Anda dulu',
        'Change your one-time password first',
      );
    }
    c.set('auth', { ...authContextFor(user), familyId });
    c.set('tokenExpiresAt', check.expiresAt);
    await next();
    return undefined;
  };
}
