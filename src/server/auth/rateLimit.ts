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
import { HashingBusyError } from './hashSlots';

export type SignInSubject =
  { kind: 'device'; deviceKey: string } | { kind: 'anonymous'; login: string; address: string };

/** What one reserved attempt wrote, so that `refundSignInAttempt` can take exactly that back. */
export interface CountedAttempt {
  subject: SignInSubject;
  at: Date;
  /** The account's (or device's) delay before this attempt, and the one this attempt set. */
  blockedUntilBefore: Date;
  blockedUntilSet: Date;
  /** This attempt added its login to the address's spray list. */
  sprayAdded: boolean;
}

export type SignInReservation =
  | { ok: true; attempt: CountedAttempt }
  | { ok: false; retryAfterSeconds: number; limit: 'account' | 'device' | 'address' | 'spray' };

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

/** Counts one more failure on `key` and sets its delay; returns the delay's end. */
async function countDelayed(tx: Queryable, key: string, row: LimitRow, now: number): Promise<Date> {
  const failures = row.failures + 1;
  const blockedUntil = new Date(now + signInDelayMs(failures));
  await tx.query(`update sign_in_limits set failures = $2, blocked_until = $3 where key = $1`, [
    key,
    failures,
    blockedUntil,
  ]);
  return blockedUntil;
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
      const blockedUntilSet = await countDelayed(tx, key, row, now);
      return {
        ok: true,
        attempt: {
          subject,
          at: new Date(now),
          blockedUntilBefore: row.blocked_until,
          blockedUntilSet,
          sprayAdded: false,
        },
      };
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

    const blockedUntilSet = await countDelayed(tx, accountKey(login), account, now);
    await tx.query(`update sign_in_limits set failures = failures + 1 where key = $1`, [addressKey(address)]);
    if (!known) {
      await tx.query(`insert into sign_in_spray (address, login, first_at) values ($1, $2, $3)`, [
        address,
        login,
        new Date(now),
      ]);
    }
    return {
      ok: true,
      attempt: {
        subject,
        at: new Date(now),
        blockedUntilBefore: account.blocked_until,
        blockedUntilSet,
        sprayAdded: !known,
      },
    };
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

/**
 * Takes back an attempt whose password was never checked (the server was too busy to hash it): one failure less
 * on each count it raised, its delay undone unless another attempt has set one since, its spray entry removed.
 */
export async function refundSignInAttempt(db: Database, attempt: CountedAttempt): Promise<void> {
  const { subject } = attempt;
  await db.transaction(async (tx) => {
    // The address row before the account row, as in reserveSignInAttempt: one lock order.
    if (subject.kind === 'anonymous') {
      await tx.query(`update sign_in_limits set failures = greatest(failures - 1, 0) where key = $1`, [
        addressKey(subject.address),
      ]);
    }
    const key = subject.kind === 'device' ? deviceKey(subject.deviceKey) : accountKey(subject.login);
    await tx.query(
      `update sign_in_limits set failures = greatest(failures - 1, 0),
              blocked_until = case when blocked_until = $2 then $3 else blocked_until end
        where key = $1`,
      [key, attempt.blockedUntilSet, attempt.blockedUntilBefore],
    );
    if (subject.kind === 'anonymous' && attempt.sprayAdded) {
      await tx.query(`delete from sign_in_spray where address = $1 and login = $2 and first_at = $3`, [
        subject.address,
        subject.login,
        attempt.at,
      ]);
    }
  });
}

/**
 * Runs the password check of a counted attempt. When no hashing turn came in time (`HashingBusyError`, answered
 * 503 busy), nothing was checked: the attempt is given back, so a burst of sign-ins does not use up anyone's
 * limits, and the error goes on.
 */
export async function checkCountedAttempt<T>(
  db: Database,
  attempt: CountedAttempt,
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof HashingBusyError) await refundSignInAttempt(db, attempt);
    throw err;
  }
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
