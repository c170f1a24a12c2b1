/**
 * Sign-in throttling: at most 5 failed attempts per login and client address in 15 minutes, then 429 with
 * Retry-After. Failures live in the database (`sign_in_attempts`), not in memory, so the limit holds across
 * restarts and across several server processes sharing one PostgreSQL. A successful sign-in clears the count.
 */
import type { Queryable } from '../db/types';

export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
export async function signInRetryAfter(db: Queryable, key: string, now = Date.now()): Promise<number> {
  const since = new Date(now - SIGN_IN_WINDOW_MS);
  const { rows } = await db.query<{ failures: number; oldest: Date | null }>(
    `select count(*)::int as failures, min(attempted_at) as oldest
       from sign_in_attempts where key = $1 and attempted_at > $2`,
    [key, since],
  );
  const row = rows[0];
  if (!row || row.failures < SIGN_IN_MAX_FAILURES || !row.oldest) return 0;
  return Math.max(1, Math.ceil((row.oldest.getTime() + SIGN_IN_WINDOW_MS - now) / 1000));
}

export async function recordSignInFailure(db: Queryable, key: string, now = Date.now()): Promise<void> {
  await db.query(`insert into sign_in_attempts (key, attempted_at) values ($1, $2)`, [key, new Date(now)]);
  // Keep the table small: rows outside the window no longer count for anyone.
  await db.query(`delete from sign_in_attempts where attempted_at < $1`, [new Date(now - SIGN_IN_WINDOW_MS)]);
}

export async function clearSignInFailures(db: Queryable, key: string): Promise<void> {
  await db.query(`delete from sign_in_attempts where key = $1`, [key]);
}
