/**
 * Password hashing with scrypt from node:crypto (no native dependency). The parameters are stored in the hash
 * (`scrypt$N$r$p$salt$key`), so the cost can be raised without breaking existing accounts: a sign-in that finds a
 * hash below the configured cost gets a new one at that cost (`PasswordCheck.upgradedHash`).
 *
 * Cost: N = 2^cost with r=8, p=1. Production is at least 2^17 (128 MiB a hash), OWASP's current minimum for
 * scrypt; `PASSWORD_HASH_COST` may raise it (config.ts refuses less). Tests build the app with a low cost through
 * `AppConfig.passwordHashCost` so the suite stays fast. Every computation runs in a turn of `passwordHashSlots`
 * (hashSlots.ts says why at most 2 at once).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { passwordHashSlots, type HashSlots } from './hashSlots';

/** log2 N that production never goes under: OWASP Password Storage Cheat Sheet, scrypt N=2^17, r=8, p=1. */
export const PASSWORD_HASH_COST_FLOOR = 17;
export const PASSWORD_HASH_COST_DEFAULT = PASSWORD_HASH_COST_FLOOR;
/** 2^20 with r=8 is 1 GiB a hash: beyond that a 2-core server with a few GB cannot take two at once. */
export const PASSWORD_HASH_COST_MAX = 20;
/**
 * Generated one-time passwords (new account without a typed password, reset, import) are hashed at 2^14 (16 MiB,
 * an eighth of the production time). The cost of a hash protects passwords people choose, which can be
 * guessed from lists; a one-time password is 12 random characters from 31 (about 59 bits: at 10,000 guesses a
 * second on the stolen hash, about 900,000 years on average), must be changed at the first sign-in, and its
 * replacement is hashed at the full cost. At the full cost an import of 50 accounts would hash for 20 s or more
 * on the 2-core machine (25 hashes in a row on 2 turns; `npm run bench -- signin` prints the figure), inside the
 * import's transaction, while sign-ins wait for the same two turns. A wrong password against such
 * a hash is answered no sooner than against a full-cost one (see `verify`), so timing does not tell which
 * accounts still hold a one-time password.
 */
export const ONE_TIME_PASSWORD_HASH_COST = 14;

const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/** scrypt computations in flight in this process (from the call to its callback): for tests and the bench. */
const activity = { running: 0, peak: 0 };
export const scryptActivity = {
  get running(): number {
    return activity.running;
  },
  get peak(): number {
    return activity.peak;
  },
  resetPeak(): void {
    activity.peak = activity.running;
  },
};

const maxmem = (n: number, r: number) => 128 * n * r * 2;

async function scryptAsync(
  password: string,
  salt: Buffer,
  keylen: number,
  opts: ScryptOptions,
): Promise<Buffer> {
  activity.running++;
  activity.peak = Math.max(activity.peak, activity.running);
  try {
    return await new Promise((resolve, reject) => {
      scrypt(password.normalize('NFKC'), salt, keylen, opts, (err, key) =>
        err ? reject(err) : resolve(key),
      );
    });
  } finally {
    activity.running--;
  }
}

interface StoredHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): StoredHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (!Number.isInteger(n) || !Number.isInteger(r) || !Number.isInteger(p) || key.length === 0) return null;
  return { n, r, p, salt, key };
}

/** The N, r, p a stored hash was made with; null when it is not one of ours. */
export function hashParameters(stored: string): { n: number; r: number; p: number } | null {
  const parsed = parseHash(stored);
  return parsed && { n: parsed.n, r: parsed.r, p: parsed.p };
}

export interface PasswordCheck {
  ok: boolean;
  /** When `ok`, asked for, and the stored hash is below the configured cost: the same password at that cost. */
  upgradedHash: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PasswordHasher {
  readonly cost: number;
  readonly #n: number;
  readonly #slots: HashSlots;
  #unknownUserHash: Promise<string> | undefined;
  /** How long a hash at the configured cost took lately (moving average); null until one was computed. */
  #fullCostMs: number | null = null;

  /** `cost`: log2 N. config.ts keeps production at PASSWORD_HASH_COST_FLOOR or more; tests go lower. */
  constructor(cost: number = PASSWORD_HASH_COST_DEFAULT, slots: HashSlots = passwordHashSlots) {
    if (!Number.isInteger(cost) || cost < 1 || cost > PASSWORD_HASH_COST_MAX) {
      throw new RangeError(
        `password hash cost must be an integer from 1 to ${PASSWORD_HASH_COST_MAX}: ${cost}`,
      );
    }
    this.cost = cost;
    this.#n = 2 ** cost;
    this.#slots = slots;
  }

  /** A hash of a password a person chose, at the configured cost. */
  hash(password: string): Promise<string> {
    return this.#slots.run(() => this.#compute(password, this.#n));
  }

  /** A hash of a generated one-time password (ONE_TIME_PASSWORD_HASH_COST says why it is cheaper). */
  hashOneTimePassword(password: string): Promise<string> {
    const n = 2 ** Math.min(this.cost, ONE_TIME_PASSWORD_HASH_COST);
    return this.#slots.run(() => this.#compute(password, n));
  }

  /**
   * Checks `password` against `stored`. With `upgrade`, a right password whose hash is below the configured cost
   * also gets a new hash at that cost, in the same turn (the caller stores it). A wrong password against a cheaper
   * hash is answered no sooner than a full-cost check takes (waiting outside the turn, no CPU), so timing does not
   * tell a one-time password's account, or one not signed in since the cost was raised, from any other.
   */
  async verify(password: string, stored: string, opts: { upgrade?: boolean } = {}): Promise<PasswordCheck> {
    const parsed = parseHash(stored);
    if (!parsed) return { ok: false, upgradedHash: null };
    const below = parsed.n < this.#n || parsed.r < R || parsed.p < P;
    let checkMs = 0;
    const check = await this.#slots.run(async () => {
      const started = performance.now();
      const actual = await scryptAsync(password, parsed.salt, parsed.key.length, {
        N: parsed.n,
        r: parsed.r,
        p: parsed.p,
        maxmem: maxmem(parsed.n, parsed.r),
      });
      checkMs = performance.now() - started;
      if (parsed.n === this.#n && parsed.r === R) this.#observeFullCost(checkMs);
      const ok = timingSafeEqual(actual, parsed.key);
      const upgradedHash = ok && below && opts.upgrade ? await this.#compute(password, this.#n) : null;
      return { ok, upgradedHash };
    });
    if (!check.ok && below) {
      const checked = performance.now();
      // Nothing measured at the full cost yet in this process: the unknown-login hash measures one. A busy
      // answer here would hand back an attempt that was checked, so it is only skipped.
      if (this.#fullCostMs === null) await this.#unknownUserHashOnce().catch(() => undefined);
      await sleep(Math.max(0, (this.#fullCostMs ?? 0) - checkMs - (performance.now() - checked)));
    }
    return check;
  }

  /**
   * The check made when the login is unknown: against a hash no password matches, made once per hasher at the
   * configured cost, so a wrong login costs as long as a wrong password.
   */
  async verifyUnknownUser(password: string): Promise<PasswordCheck> {
    return this.verify(password, await this.#unknownUserHashOnce());
  }

  #unknownUserHashOnce(): Promise<string> {
    this.#unknownUserHash ??= this.hash(randomBytes(24).toString('base64url')).catch((err: unknown) => {
      // Busy now: the next unknown login tries to make it again.
      this.#unknownUserHash = undefined;
      throw err;
    });
    return this.#unknownUserHash;
  }

  #observeFullCost(ms: number): void {
    this.#fullCostMs = this.#fullCostMs === null ? ms : 0.8 * this.#fullCostMs + 0.2 * ms;
  }

  async #compute(password: string, n: number): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const started = performance.now();
    const key = await scryptAsync(password, salt, KEY_LENGTH, { N: n, r: R, p: P, maxmem: maxmem(n, R) });
    if (n === this.#n) this.#observeFullCost(performance.now() - started);
    return `scrypt$${n}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }
}
