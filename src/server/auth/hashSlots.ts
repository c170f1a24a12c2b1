/**
 * A bound on password hashes computed at once in this process, with a short, bounded wait for a turn.
 *
 * Why 2: one scrypt hash at the production cost (N=2^17, r=8) takes 128 MiB and most of a second of one core, on
 * a thread of libuv's pool. That pool has 4 threads (UV_THREADPOOL_SIZE), and file I/O (attachments, PGlite's
 * data folder), `dns.lookup` and zlib (the gzip of every larger API answer, a pull's too) use them as well: four
 * sign-ins at once would take every thread, 512 MiB and both cores of the 2-core server, and a pull would wait
 * behind every hash queued. Two at once keep two pool threads free for I/O and gzip and hold memory to 256 MiB.
 * A burst waits its turn in memory (a waiting request holds no hash memory and no pool thread); beyond
 * HASH_MAX_WAITING waiting, or after HASH_MAX_WAIT_MS without a turn, the request is refused at once with
 * `HashingBusyError` (the app answers `503 busy` with Retry-After) rather than queueing without end.
 */

/** Hashes computed at once; see above. */
export const HASH_CONCURRENCY = 2;
/**
 * Requests that may wait for a turn. 2 computing and 24 waiting is about 10 s of work at the production cost on
 * the 2-core machine (0.7 to 0.9 s a hash when it is not loaded by something else): a training room of 20 signing
 * in together all get in, the last after about 8 s.
 */
export const HASH_MAX_WAITING = 24;
/**
 * The longest wait for a turn before the request is answered busy: the queue's work with room for a slower
 * moment. When hashes take far longer (a machine loaded by something else), the queue is told to come back
 * instead of holding connections open without end.
 */
export const HASH_MAX_WAIT_MS = 15_000;

export interface HashSlotLimits {
  concurrency: number;
  maxWaiting: number;
  maxWaitMs: number;
}

/** No hashing turn was free in time: nothing was checked or stored; try again after `retryAfterSeconds`. */
export class HashingBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('password hashing is busy');
    this.name = 'HashingBusyError';
  }
}

interface Waiter {
  start: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export class HashSlots {
  #held = 0;
  #peakHeld = 0;
  readonly #waiting: Waiter[] = [];
  /** How long a turn lasted lately (moving average): the basis of Retry-After. A first guess until measured. */
  #turnMs = 1_000;

  constructor(
    readonly limits: HashSlotLimits = {
      concurrency: HASH_CONCURRENCY,
      maxWaiting: HASH_MAX_WAITING,
      maxWaitMs: HASH_MAX_WAIT_MS,
    },
  ) {}

  /** Turns in use now (each computes at most one hash at a time). */
  get held(): number {
    return this.#held;
  }

  /** Requests waiting for a turn now. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** The most turns in use at once since the last `resetPeak`. */
  get peakHeld(): number {
    return this.#peakHeld;
  }

  resetPeak(): void {
    this.#peakHeld = this.#held;
  }

  /** Runs `work` in a turn, waiting for one if all are in use; throws `HashingBusyError` when none comes. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.#acquire();
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.#turnMs = 0.8 * this.#turnMs + 0.2 * (performance.now() - started);
      this.#release();
    }
  }

  /** Seconds until a turn is likely free: the work ahead, shared by the turns, plus one turn. */
  retryAfterSeconds(): number {
    const ahead = (this.#held + this.#waiting.length) / this.limits.concurrency + 1;
    return Math.min(60, Math.max(1, Math.ceil((ahead * this.#turnMs) / 1000)));
  }

  #take(): void {
    this.#held++;
    this.#peakHeld = Math.max(this.#peakHeld, this.#held);
  }

  #acquire(): Promise<void> {
    if (this.#held < this.limits.concurrency && this.#waiting.length === 0) {
      this.#take();
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.limits.maxWaiting) {
      return Promise.reject(new HashingBusyError(this.retryAfterSeconds()));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          this.#take();
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.#waiting.indexOf(waiter);
          if (at >= 0) this.#waiting.splice(at, 1);
          reject(new HashingBusyError(this.retryAfterSeconds()));
        }, this.limits.maxWaitMs),
      };
      this.#waiting.push(waiter);
    });
  }

  #release(): void {
    this.#held--;
    if (this.#held < this.limits.concurrency) this.#waiting.shift()?.start();
  }
}

/** The bound of this process: every password hash (sign-in, unknown login, change, reset, new account, import). */
export const passwordHashSlots = new HashSlots();
