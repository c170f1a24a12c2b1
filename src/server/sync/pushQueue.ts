/**
 * Pushes wait their turn in memory, not on a pooled database connection. The store takes a per-device advisory
 * lock inside its transaction; without this queue, 20 pushes from one device id each held one of the pool's
 * connections while waiting on that lock, and every other tenant's requests waited for a connection. Here a
 * device's pushes run one at a time (per server process; across processes the advisory lock still orders them). A
 * few may wait; beyond that the answer is 429 (the phone retries later). Pushes of different devices still meet
 * at the store's SYNC_LOCK, held only while a push writes; the pool's acquire timeout bounds that wait (503).
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

export class PushQueue {
  readonly #devices = new KeyedLimiter(DEVICE_PUSH_CONCURRENCY, DEVICE_PUSH_WAITING);

  /** Runs `fn` when the device has a free slot; 'busy' when too many of its pushes already wait. */
  async run<T>(userId: string, deviceId: string, fn: () => Promise<T>): Promise<T | 'busy'> {
    // Keyed like the store's device lock: a device id is the device's within one account.
    const device = await this.#devices.acquire(`${userId} ${deviceId}`);
    if (!device) return 'busy';
    try {
      return await fn();
    } finally {
      device();
    }
  }
}
