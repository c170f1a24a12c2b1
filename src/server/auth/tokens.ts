/**
 * Session tokens.
 * - Access token: an HS256 JWT that lives 15 minutes; it names the user and tenant, the user's session
 *   generation (`gen`, raised by every password change or reset) and the token family of its device (`fam`).
 *   The middleware reloads the user on each request, and in the same query checks both, so a disabled account,
 *   a changed role, a changed password or a device signed out takes effect at the next request.
 * - Refresh token: 32 random bytes, stored only as a sha256 hash, valid 30 days, rotated on every use (the old
 *   one is revoked in the same statement that checks it, so two concurrent refreshes cannot both succeed), and
 *   revoked on sign-out or when the account is disabled.
 * - Token family (`token_families`): one per sign-in on a device; its refresh tokens rotate inside it. A token
 *   that was already replaced and is presented again is reuse (someone kept a copy): the whole family is revoked,
 *   so the thief and the owner both have to sign in again (the owner with the password, the thief cannot).
 *   The cost, on 2G: a refresh whose answer was lost and is retried with the old token also ends the family (the
 *   phone keeps working offline and asks "Masuk lagi"); a grace window was left out on purpose, since it would
 *   let a thief who races the owner keep a session.
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

/** Longest User-Agent kept for the devices list. */
const USER_AGENT_MAX = 300;

export interface AccessClaims {
  userId: string;
  tenantId: string;
  /** The user's session generation when the token was signed; absent in tokens from before it existed (0). */
  generation?: number;
  /** The token family (device) the token was issued to; absent for tokens from before families. */
  familyId?: string | null;
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
      gen: claims.generation ?? 0,
      ...(claims.familyId ? { fam: claims.familyId } : {}),
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
    },
    secret,
    'HS256',
  );
  return { token, expiresAt };
}

export interface VerifiedClaims {
  userId: string;
  tenantId: string;
  generation: number;
  familyId: string | null;
}

export type AccessCheck =
  | { ok: true; claims: VerifiedClaims; /** ms since the epoch */ expiresAt: number }
  | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Tokens whose signature was checked, until they expire. A phone sends the same token with every request for its
 * 15 minutes, and hono's check (a WebCrypto key import and an HMAC job on the thread pool per request) took about
 * 5 % of the server's time under the load bench. Only tokens that passed are kept, so made-up tokens never fill
 * it; the oldest entry goes when it is full. What the token names (the user, generation, family) is still checked
 * against the database on every request by the middleware: the cache skips only the signature's arithmetic.
 */
const verifiedTokens = new Map<string, { secret: string; claims: VerifiedClaims; expiresAt: number }>();
export const VERIFIED_TOKENS_MAX = 20_000;

export async function verifyAccessToken(secret: string, token: string): Promise<AccessCheck> {
  const now = Date.now();
  const known = verifiedTokens.get(token);
  // Same second-level rule as the signature check: expired once `exp` is reached.
  if (known && known.secret === secret && now < known.expiresAt) {
    return { ok: true, claims: known.claims, expiresAt: known.expiresAt };
  }
  if (known) verifiedTokens.delete(token);
  const check = await checkAccessToken(secret, token);
  if (check.ok && now < check.expiresAt) {
    if (verifiedTokens.size >= VERIFIED_TOKENS_MAX) {
      const oldest = verifiedTokens.keys().next();
      if (!oldest.done) verifiedTokens.delete(oldest.value);
    }
    verifiedTokens.set(token, { secret, claims: Object.freeze(check.claims), expiresAt: check.expiresAt });
  }
  return check;
}

/** How many checked tokens are kept (for tests of the bound). */
export const verifiedTokenCount = (): number => verifiedTokens.size;

async function checkAccessToken(secret: string, token: string): Promise<AccessCheck> {
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
    const generation = payload.gen === undefined ? 0 : payload.gen;
    const familyId = payload.fam === undefined ? null : payload.fam;
    if (!Number.isInteger(generation) || (familyId !== null && typeof familyId !== 'string')) {
      return { ok: false, reason: 'invalid' };
    }
    return {
      ok: true,
      claims: { userId: payload.sub, tenantId: payload.tid, generation: generation as number, familyId },
      expiresAt: payload.exp * 1000,
    };
  } catch (err) {
    return { ok: false, reason: err instanceof JwtTokenExpired ? 'expired' : 'invalid' };
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

async function insertRefreshToken(
  q: Queryable,
  userId: string,
  familyId: string,
  now: number,
): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const id = uuidv7();
  const expiresAt = new Date(now + REFRESH_TOKEN_TTL_MS);
  await q.query(
    `insert into refresh_tokens (id, user_id, token_hash, expires_at, family_id) values ($1, $2, $3, $4, $5)`,
    [id, userId, hashToken(token), expiresAt, familyId],
  );
  await q.query(`update token_families set last_used_at = $2, expires_at = $3 where id = $1`, [
    familyId,
    new Date(now),
    expiresAt,
  ]);
  return { id, token };
}

export interface IssuedRefreshToken {
  refreshToken: string;
  familyId: string;
}

/** A sign-in: a new token family for this device and its first refresh token. */
export async function issueRefreshToken(
  q: Queryable,
  userId: string,
  opts: { userAgent?: string | undefined; now?: number } = {},
): Promise<IssuedRefreshToken> {
  const now = opts.now ?? Date.now();
  const familyId = uuidv7();
  await q.query(
    `insert into token_families (id, user_id, user_agent, created_at, last_used_at, expires_at)
     values ($1, $2, $3, $4, $4, $5)`,
    [
      familyId,
      userId,
      (opts.userAgent ?? '').slice(0, USER_AGENT_MAX),
      new Date(now),
      new Date(now + REFRESH_TOKEN_TTL_MS),
    ],
  );
  const { token } = await insertRefreshToken(q, userId, familyId, now);
  return { refreshToken: token, familyId };
}

/**
 * A fresh refresh token in an existing family (after a password change on this device): the family's live
 * tokens are marked replaced by it, so the old one presented again counts as reuse.
 */
export async function renewFamily(q: Queryable, userId: string, familyId: string): Promise<string> {
  const now = Date.now();
  const next = await insertRefreshToken(q, userId, familyId, now);
  await q.query(
    `update refresh_tokens set revoked_at = now(), replaced_by = $2, replaced_at = now()
      where family_id = $1 and id <> $2 and revoked_at is null`,
    [familyId, next.id],
  );
  return next.token;
}

export type RefreshResult =
  | { ok: true; userId: string; refreshToken: string; familyId: string }
  | { ok: false; reason: 'revoked' | 'expired' | 'unknown' | 'disabled' | 'reused' };

interface PresentedToken extends Record<string, unknown> {
  user_id: string;
  family_id: string;
  revoked: boolean;
  replaced: boolean;
  disabled: boolean;
}

/** Revokes `token` and issues its successor in the same family, in one transaction; reuse ends the family. */
export function rotateRefreshToken(db: Database, token: string): Promise<RefreshResult> {
  return db.transaction(async (tx): Promise<RefreshResult> => {
    const hash = hashToken(token);
    // Checked and revoked in one statement: of two refreshes racing with one token, the second waits for the
    // first's row lock, sees it revoked and counts as reuse. Revoking a family revokes its tokens too.
    const { rows } = await tx.query<{ id: string; user_id: string; family_id: string; disabled: boolean }>(
      `update refresh_tokens r set revoked_at = now()
         from users u
        where r.token_hash = $1 and r.revoked_at is null and r.expires_at > now() and u.id = r.user_id
        returning r.id, r.user_id, r.family_id, u.disabled`,
      [hash],
    );
    const row = rows[0];
    if (!row) {
      const { rows: seen } = await tx.query<PresentedToken>(
        `select r.user_id, r.family_id, r.revoked_at is not null as revoked, r.replaced_by is not null as replaced,
                u.disabled
           from refresh_tokens r join users u on u.id = r.user_id where r.token_hash = $1`,
        [hash],
      );
      const old = seen[0];
      if (!old) return { ok: false, reason: 'unknown' };
      if (old.disabled) return { ok: false, reason: 'disabled' };
      if (old.replaced) {
        // A replaced token presented again: someone kept a copy. End the device session for everyone holding it.
        await revokeFamilies(tx, old.user_id, { only: old.family_id });
        return { ok: false, reason: 'reused' };
      }
      return { ok: false, reason: old.revoked ? 'revoked' : 'expired' };
    }
    if (row.disabled) return { ok: false, reason: 'disabled' };
    const next = await insertRefreshToken(tx, row.user_id, row.family_id, Date.now());
    await tx.query(`update refresh_tokens set replaced_by = $2, replaced_at = now() where id = $1`, [
      row.id,
      next.id,
    ]);
    return { ok: true, userId: row.user_id, refreshToken: next.token, familyId: row.family_id };
  });
}

/** Sign-out: revokes one refresh token and its family (the device); true when it was live. */
export async function revokeRefreshToken(db: Queryable, token: string): Promise<boolean> {
  const { rows } = await db.query<{ family_id: string }>(
    `update refresh_tokens set revoked_at = now() where token_hash = $1 and revoked_at is null returning family_id`,
    [hashToken(token)],
  );
  const familyId = rows[0]?.family_id;
  if (familyId) {
    await db.query(`update token_families set revoked_at = now() where id = $1 and revoked_at is null`, [
      familyId,
    ]);
  }
  return rows.length > 0;
}

/**
 * Revokes a user's token families and their refresh tokens: all of them, only one, or all but one (the device
 * that changed its password). Returns how many live families were ended.
 */
export async function revokeFamilies(
  db: Queryable,
  userId: string,
  which: { only?: string; except?: string | null } = {},
): Promise<number> {
  const { rows } = await db.query<{ live: boolean }>(
    `update token_families set revoked_at = now()
      where user_id = $1 and revoked_at is null
        and ($2::text is null or id = $2) and ($3::text is null or id <> $3)
      returning expires_at > now() as live`,
    [userId, which.only ?? null, which.except ?? null],
  );
  await db.query(
    `update refresh_tokens r set revoked_at = now()
       from token_families f
      where f.id = r.family_id and r.user_id = $1 and r.revoked_at is null and f.revoked_at is not null`,
    [userId],
  );
  return rows.filter((r) => r.live).length;
}

export async function revokeAllRefreshTokens(db: Queryable, userId: string): Promise<void> {
  await revokeFamilies(db, userId);
}
