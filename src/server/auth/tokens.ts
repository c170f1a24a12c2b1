/**
 * Session tokens.
 * - Access token: an HS256 JWT that lives 15 minutes; it names the user and tenant, and the middleware reloads
 *   the user on each request so a disabled account or a changed role takes effect at once.
 * - Refresh token: 32 random bytes, stored only as a sha256 hash, valid 30 days, rotated on every use (the old
 *   one is revoked in the same statement that checks it, so two concurrent refreshes cannot both succeed), and
 *   revoked on sign-out or when the account is disabled.
 * The signing secret is AUTH_SECRET, or one generated once and kept in `server_settings`, so restarts and
 * several processes on one database accept each other's tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { JwtTokenExpired } from 'hono/utils/jwt/types';
import { uuidv7 } from 'uuidv7';
import type { Database, Queryable } from '../db/types';

export const ACCESS_TOKEN_TTL_MS = 15 * 60 * 1000;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const secrets = new WeakMap<Database, Promise<string>>();

/** The token signing secret: the configured one, else the database's (created on first use). */
export function getAuthSecret(db: Database, configured?: string | null): Promise<string> {
  if (configured) return Promise.resolve(configured);
  let secret = secrets.get(db);
  if (!secret) {
    secret = (async () => {
      await db.query(
        `insert into server_settings (key, value) values ('auth_secret', $1) on conflict (key) do nothing`,
        [randomBytes(48).toString('base64url')],
      );
      const { rows } = await db.query<{ value: string }>(
        `select value from server_settings where key = 'auth_secret'`,
      );
      if (!rows[0]) throw new Error('auth_secret missing after insert');
      return rows[0].value;
    })();
    // A failed attempt (database down at the time) must not be remembered.
    secret.catch(() => secrets.delete(db));
    secrets.set(db, secret);
  }
  return secret;
}

export interface AccessClaims {
  userId: string;
  tenantId: string;
}

export async function signAccessToken(
  secret: string,
  claims: AccessClaims,
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const expiresAt = now + ACCESS_TOKEN_TTL_MS;
  const token = await sign(
    {
      sub: claims.userId,
      tid: claims.tenantId,
      typ: 'access',
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
    },
    secret,
    'HS256',
  );
  return { token, expiresAt };
}

export type AccessCheck =
  | { ok: true; claims: AccessClaims; /** ms since the epoch */ expiresAt: number }
  | { ok: false; reason: 'expired' | 'invalid' };

export async function verifyAccessToken(secret: string, token: string): Promise<AccessCheck> {
  try {
    const payload = await verify(token, secret, 'HS256');
    // A token without `exp` never expires: we never sign one, so it is forged or from a broken signer.
    if (
      payload.typ !== 'access' ||
      typeof payload.sub !== 'string' ||
      typeof payload.tid !== 'string' ||
      typeof payload.exp !== 'number'
    ) {
      return { ok: false, reason: 'invalid' };
    }
    return {
      ok: true,
      claims: { userId: payload.sub, tenantId: payload.tid },
      expiresAt: payload.exp * 1000,
    };
  } catch (err) {
    return { ok: false, reason: err instanceof JwtTokenExpired ? 'expired' : 'invalid' };
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function issueRefreshToken(q: Queryable, userId: string, now = Date.now()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await q.query(`insert into refresh_tokens (id, user_id, token_hash, expires_at) values ($1, $2, $3, $4)`, [
    uuidv7(),
    userId,
    hashToken(token),
    new Date(now + REFRESH_TOKEN_TTL_MS),
  ]);
  return token;
}

export type RefreshResult =
  | { ok: true; userId: string; refreshToken: string }
  | { ok: false; reason: 'revoked' | 'expired' | 'unknown' | 'disabled' };

/** Revokes `token` and issues its successor, in one transaction. */
export function rotateRefreshToken(db: Database, token: string): Promise<RefreshResult> {
  return db.transaction(async (tx) => {
    const hash = hashToken(token);
    const { rows } = await tx.query<{ user_id: string; disabled: boolean }>(
      `update refresh_tokens r set revoked_at = now()
         from users u
        where r.token_hash = $1 and r.revoked_at is null and r.expires_at > now() and u.id = r.user_id
        returning r.user_id, u.disabled`,
      [hash],
    );
    const row = rows[0];
    if (!row) {
      const { rows: seen } = await tx.query<{ revoked: boolean }>(
        `select revoked_at is not null as revoked from refresh_tokens where token_hash = $1`,
        [hash],
      );
      return { ok: false, reason: !seen[0] ? 'unknown' : seen[0].revoked ? 'revoked' : 'expired' };
    }
    if (row.disabled) return { ok: false, reason: 'disabled' };
    return { ok: true, userId: row.user_id, refreshToken: await issueRefreshToken(tx, row.user_id) };
  });
}

/** Revokes one refresh token; true when it was live. */
export async function revokeRefreshToken(db: Queryable, token: string): Promise<boolean> {
  const { rows } = await db.query(
    `update refresh_tokens set revoked_at = now() where token_hash = $1 and revoked_at is null returning id`,
    [hashToken(token)],
  );
  return rows.length > 0;
}

export async function revokeAllRefreshTokens(db: Queryable, userId: string): Promise<void> {
  await db.query(`update refresh_tokens set revoked_at = now() where user_id = $1 and revoked_at is null`, [
    userId,
  ]);
}
