/**
 * Sign-in throttling, counted in the database (`sign_in_limits`, `sign_in_spray`) so it holds across restarts and
 * across several processes sharing one PostgreSQL. `reserveSignInAttempt` locks the subject's rows, checks every
 * limit and counts the attempt as a failure in one transaction, before the password is checked: parallel guesses
 * queue on the row lock and only those within the limit reach scrypt. A success then takes the count back.
 *
 * Subjects (numbers in src/shared/signInLimits.ts):
 * - a device that signed in to this account before (device cookie): only its own growing delay;
 * - anyone else: the account's growing delay, the client address's failure limit, and the number of distinct
 *   logins the address failed on (spraying).
 */
import {
  SIGN_IN_ACCOUNT_WINDOW_MS,
  SIGN_IN_ADDRESS_MAX_FAILURES,
  SIGN_IN_ADDRESS_WINDOW_MS,
  SIGN_IN_SPRAY_MAX_LOGINS,
  signInDelayMs,
} from '../../shared/signInLimits';
import type { Database, Queryable } from '../db/types';

export type SignInSubject =
  { kind: 'device'; deviceKey: string } | { kind: 'anonymous'; login: string; address: string };

export type SignInReservation =
  { ok: true } | { ok: false; retryAfterSeconds: number; limit: 'account' | 'device' | 'address' | 'spray' };

interface LimitRow extends Record<string, unknown> {
  failures: number;
  window_started_at: Date;
  blocked_until: Date;
}

const accountKey = (login: string) => `account:${login}`;
const addressKey = (address: string) => `address:${address}`;
const deviceKey = (key: string) => `device:${key}`;

/** Locks the row of `key` (creating it), starting its count over when its window has passed. */
async function lockLimit(tx: Queryable, key: string, windowMs: number, now: number): Promise<LimitRow> {
  const { rows } = await tx.query<LimitRow>(
    `insert into sign_in_limits as l (key, failures, window_started_at, blocked_until) values ($1, 0, $2, $2)
     on conflict (key) do update set
       failures = case when l.window_started_at <= $3 then 0 else l.failures end,
       window_started_at = case when l.window_started_at <= $3 then $2 else l.window_started_at end
     returning failures, window_started_at, blocked_until`,
    [key, new Date(now), new Date(now - windowMs)],
  );
  return rows[0]!;
}

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));

/** Seconds the growing delay still holds, or 0. */
function delayLeft(row: LimitRow, now: number): number {
  return row.blocked_until.getTime() > now ? secondsUntil(row.blocked_until.getTime(), now) : 0;
}

async function countDelayed(tx: Queryable, key: string, row: LimitRow, now: number): Promise<void> {
  const failures = row.failures + 1;
  await tx.query(`update sign_in_limits set failures = $2, blocked_until = $3 where key = $1`, [
    key,
    failures,
    new Date(now + signInDelayMs(failures)),
  ]);
}

/** Checks the limits and counts this attempt as a failure; call `signInSucceeded` when the password is right. */
export async function reserveSignInAttempt(
  db: Database,
  subject: SignInSubject,
  now = Date.now(),
): Promise<SignInReservation> {
  const result = await db.transaction(async (tx): Promise<SignInReservation> => {
    if (subject.kind === 'device') {
      const key = deviceKey(subject.deviceKey);
      const row = await lockLimit(tx, key, SIGN_IN_ACCOUNT_WINDOW_MS, now);
      const wait = delayLeft(row, now);
      if (wait > 0) return { ok: false, retryAfterSeconds: wait, limit: 'device' };
      await countDelayed(tx, key, row, now);
      return { ok: true };
    }
    const { login, address } = subject;
    // Always the address row first, then the account row: one lock order, so two attempts cannot deadlock.
    const addr = await lockLimit(tx, addressKey(address), SIGN_IN_ADDRESS_WINDOW_MS, now);
    const addrEnds = addr.window_started_at.getTime() + SIGN_IN_ADDRESS_WINDOW_MS;
    if (addr.failures >= SIGN_IN_ADDRESS_MAX_FAILURES) {
      return { ok: false, retryAfterSeconds: secondsUntil(addrEnds, now), limit: 'address' };
    }
    await tx.query(`delete from sign_in_spray where address = $1 and first_at <= $2`, [
      address,
      new Date(now - SIGN_IN_ADDRESS_WINDOW_MS),
    ]);
    const { rows: spray } = await tx.query<{ logins: number; known: boolean; oldest: Date | null }>(
      `select count(*)::int as logins, bool_or(login = $2) as known, min(first_at) as oldest
         from sign_in_spray where address = $1`,
      [address, login],
    );
    const { logins, known, oldest } = spray[0] ?? { logins: 0, known: false, oldest: null };
    if (!known && logins >= SIGN_IN_SPRAY_MAX_LOGINS) {
      const ends = (oldest?.getTime() ?? now) + SIGN_IN_ADDRESS_WINDOW_MS;
      return { ok: false, retryAfterSeconds: secondsUntil(ends, now), limit: 'spray' };
    }
    const account = await lockLimit(tx, accountKey(login), SIGN_IN_ACCOUNT_WINDOW_MS, now);
    const wait = delayLeft(account, now);
    if (wait > 0) return { ok: false, retryAfterSeconds: wait, limit: 'account' };

    await countDelayed(tx, accountKey(login), account, now);
    await tx.query(`update sign_in_limits set failures = failures + 1 where key = $1`, [addressKey(address)]);
    if (!known) {
      await tx.query(`insert into sign_in_spray (address, login, first_at) values ($1, $2, $3)`, [
        address,
        login,
        new Date(now),
      ]);
    }
    return { ok: true };
  });
  await pruneSignInLimits(db, now);
  return result;
}

/** The password was right: the attempt reserved for `subject` was no failure. */
export async function signInSucceeded(db: Database, subject: SignInSubject): Promise<void> {
  await db.transaction(async (tx) => {
    if (subject.kind === 'device') {
      await tx.query(`delete from sign_in_limits where key = $1`, [deviceKey(subject.deviceKey)]);
      return;
    }
    await tx.query(`update sign_in_limits set failures = greatest(failures - 1, 0) where key = $1`, [
      addressKey(subject.address),
    ]);
    await tx.query(`delete from sign_in_limits where key = $1`, [accountKey(subject.login)]);
    await tx.query(`delete from sign_in_spray where address = $1 and login = $2`, [
      subject.address,
      subject.login,
    ]);
  });
}

/** Drops rows no limit uses any more; rows another attempt holds are skipped, never waited for. */
async function pruneSignInLimits(db: Queryable, now: number): Promise<void> {
  await db.query(
    `delete from sign_in_limits where key in (
       select key from sign_in_limits where window_started_at <= $1 and blocked_until <= $2
       for update skip locked)`,
    [new Date(now - SIGN_IN_ACCOUNT_WINDOW_MS), new Date(now)],
  );
  await db.query(
    `delete from sign_in_spray where (address, login) in (
       select address, login from sign_in_spray where first_at <= $1 for update skip locked)`,
    [new Date(now - SIGN_IN_ADDRESS_WINDOW_MS)],
  );
}
