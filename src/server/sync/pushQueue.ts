/**
 * Pushes wait their turn in memory, not on a pooled database connection. The store takes a per-device advisory
 * lock inside its transaction; without this queue, 20 pushes from one device id each held one of the pool's
 * connections while waiting on that lock, and every other tenant's requests waited for a connection. Here a
 * device's pushes run one at a time (per server process; across processes the advisory lock still orders them),
 * and one account's pushes, across all its device ids (which the phone makes up, so anyone can have many), run at
 * most two at a time: one account never holds more than two of the pool's connections for pushes. A few may wait
 * at each step; beyond that the answer is 429 at once (the phone retries later). Pushes of different accounts
 * of one tenant still meet at its writers' lock (versions.ts), held only while a push writes; the pool's acquire
 * timeout bounds that wait (503).
 */

interface Lane {
  active: number;
  waiting: (() => void)[];
}

/** At most `concurrency` calls per key run at once; up to `maxWaiting` more wait; the rest are refused. */
export class KeyedLimiter {
  readonly #lanes = new Map<string, Lane>();
  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  /** A release function once `key` has a free slot, or null at once when too many already wait. */
  async acquire(key: string): Promise<(() => void) | null> {
    let lane = this.#lanes.get(key);
    if (!lane) this.#lanes.set(key, (lane = { active: 0, waiting: [] }));
    if (lane.active >= this.concurrency) {
      if (lane.waiting.length >= this.maxWaiting) return null;
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
    } else {
      lane.active += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      // The slot passes straight to the next waiter (active stays), or frees up.
      if (next) next();
      else if (--lane.active === 0) this.#lanes.delete(key);
    };
  }
}

export const DEVICE_PUSH_CONCURRENCY = 1;
export const DEVICE_PUSH_WAITING = 4;
/** One account's pushes running at once, across its devices (each holds a pooled connection while it runs). */
export const ACCOUNT_PUSH_CONCURRENCY = 2;
/** One account's pushes waiting for a turn; so at most 5 running or waiting, as for one device. */
export const ACCOUNT_PUSH_WAITING = 3;

export class PushQueue {
  readonly #accounts = new KeyedLimiter(ACCOUNT_PUSH_CONCURRENCY, ACCOUNT_PUSH_WAITING);
  readonly #devices = new KeyedLimiter(DEVICE_PUSH_CONCURRENCY, DEVICE_PUSH_WAITING);

  /**
   * Runs `fn` when the account and then the device have a free slot; 'busy' at once when too many of the
   * account's pushes already run or wait, or too many of the device's wait. The account's slot is taken first:
   * whoever holds a device's slot holds an account slot too, so the queues never wait on each other crosswise.
   */
  async run<T>(userId: string, deviceId: string, fn: () => Promise<T>): Promise<T | 'busy'> {
    const account = await this.#accounts.acquire(userId);
    if (!account) return 'busy';
    try {
      // Keyed like the store's device lock: a device id is the device's within one account.
      const device = await this.#devices.acquire(`${userId} ${deviceId}`);
      if (!device) return 'busy';
      try {
        return await fn();
      } finally {
        device();
      }
    } finally {
      account();
    }
  }
}
