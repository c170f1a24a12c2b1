/**
 * Devices that signed in before. A successful sign-in sets an HttpOnly cookie with 32 random bytes (kept in
 * `sign_in_devices` only as a sha256 hash, tied to the account). A later sign-in to the same account that sends it
 * is throttled on the device's own count, so failures from elsewhere (an attacker who knows the login) never keep
 * the owner's phone out. The cookie proves nothing else: it is no session and gives no access by itself.
 * Chosen over the refresh token because a device that signed out has none, and a cookie needs no client code.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Queryable } from '../db/types';

export const DEVICE_COOKIE = 'rintis_device';
/** A device unseen for this long counts as new again. */
export const DEVICE_TTL_MS = 180 * 24 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A device that signed in before: its key (the cookie's hash) and the account it signed in to. */
export interface KnownDevice {
  key: string;
  userId: string;
}

/**
 * The device, when the request carries a valid device cookie for one of `userIds` (the accounts of the login
 * being signed in to; one login may name accounts in several tenants), else null.
 */
export async function knownDevice(
  db: Queryable,
  c: Context,
  userIds: readonly string[],
): Promise<KnownDevice | null> {
  const token = getCookie(c, DEVICE_COOKIE);
  if (!token || userIds.length === 0 || token.length > 200) return null;
  const hash = hashToken(token);
  const { rows } = await db.query<{ user_id: string }>(
    `select user_id from sign_in_devices where token_hash = $1 and last_used_at > $2`,
    [hash, new Date(Date.now() - DEVICE_TTL_MS)],
  );
  const userId = rows[0]?.user_id;
  return userId !== undefined && userIds.includes(userId) ? { key: hash, userId } : null;
}

/** After a successful sign-in: refreshes a known device, or remembers this one with a new cookie. */
export async function rememberDevice(
  db: Queryable,
  c: Context,
  userId: string,
  known: string | null,
  secure: boolean,
): Promise<void> {
  if (known) {
    await db.query(`update sign_in_devices set last_used_at = now() where token_hash = $1`, [known]);
    return;
  }
  const token = randomBytes(32).toString('base64url');
  await db.query(`insert into sign_in_devices (token_hash, user_id) values ($1, $2)`, [
    hashToken(token),
    userId,
  ]);
  // Keep the table small: forget devices unseen for longer than the cookie lives.
  await db.query(`delete from sign_in_devices where last_used_at <= $1`, [
    new Date(Date.now() - DEVICE_TTL_MS),
  ]);
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/api/auth',
    maxAge: Math.floor(DEVICE_TTL_MS / 1000),
    secure,
  });
}
