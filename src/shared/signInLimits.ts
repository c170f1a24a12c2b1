/**
 * Sign-in limits (the server enforces them in src/server/auth/rateLimit.ts; the numbers live here so the policy
 * is one pure, unit-tested place). Per account a delay that grows with each failure instead of a lock: an
 * attacker cannot hold a fixed lock on a victim, and a device that signed in before has its own count.
 */

/** Failures per account (or known device) answered at once; from the next one on, each waits. */
export const SIGN_IN_FREE_FAILURES = 5;
/** The first wait, doubled with each further failure, up to the cap. */
export const SIGN_IN_BASE_DELAY_MS = 60 * 1000;
export const SIGN_IN_MAX_DELAY_MS = 15 * 60 * 1000;
/** An account's (or device's) count starts over a day after its first failure. */
export const SIGN_IN_ACCOUNT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Failed sign-ins one client address may make (on any logins) per window; a NAT or proxy shares it. */
export const SIGN_IN_ADDRESS_MAX_FAILURES = 30;
/** Distinct logins one client address may fail on per window (password spraying). */
export const SIGN_IN_SPRAY_MAX_LOGINS = 10;
export const SIGN_IN_ADDRESS_WINDOW_MS = 15 * 60 * 1000;

/** How long the account must wait after its `failures`-th counted attempt before the next one is evaluated. */
export function signInDelayMs(failures: number): number {
  if (failures < SIGN_IN_FREE_FAILURES) return 0;
  return Math.min(SIGN_IN_BASE_DELAY_MS * 2 ** (failures - SIGN_IN_FREE_FAILURES), SIGN_IN_MAX_DELAY_MS);
}
