/**
 * Live sync events: who is waiting for which tenant's changes. Fed by PostgreSQL NOTIFY (`db.listen`), which
 * reaches every server process on the same database; without `listen` it falls back to publishing locally and
 * polling the tenant's newest version, so other processes' pushes still arrive within `pollMs`.
 */
import type { Database } from '../db/types';
import { tenantTopVersionSql } from './lookups';

/** Channel of the NOTIFY sent with every push that changed something (payload: `{tenantId, version}`). */
export const SYNC_CHANNEL = 'rintis_sync';

type Listener = (version: number) => void;

export class SyncEvents {
  readonly #db: Database;
  readonly #pollMs: number;
  readonly #subs = new Map<string, Set<Listener>>();
  readonly #lastPolled = new Map<string, number>();
  readonly #streamsByUser = new Map<string, number>();
  #started: Promise<void> | null = null;
  #stopListening: (() => Promise<void>) | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(db: Database, pollMs = 3_000) {
    this.#db = db;
    this.#pollMs = pollMs;
  }

  /** True when NOTIFY carries the events (then pushes need not publish locally). */
  get usesNotify(): boolean {
    return typeof this.#db.listen === 'function';
  }

  publish(tenantId: string, version: number): void {
    for (const fn of this.#subs.get(tenantId) ?? []) fn(version);
  }

  async subscribe(tenantId: string, fn: Listener): Promise<() => void> {
    let set = this.#subs.get(tenantId);
    if (!set) this.#subs.set(tenantId, (set = new Set()));
    set.add(fn);
    await this.#start();
    return () => {
      set.delete(fn);
      if (set.size === 0) this.#subs.delete(tenantId);
    };
  }

  #start(): Promise<void> {
    this.#started ??= (async () => {
      if (this.#db.listen) {
        this.#stopListening = await this.#db.listen(SYNC_CHANNEL, (payload) => {
          try {
            const { tenantId, version } = JSON.parse(payload) as { tenantId: string; version: number };
            this.publish(tenantId, version);
          } catch {
            // Not ours: ignore.
          }
        });
      } else {
        this.#timer = setInterval(() => void this.#poll(), this.#pollMs);
        this.#timer.unref?.();
      }
    })();
    return this.#started;
  }

  /**
   * Counts an open event stream of `userId`; null when they already hold `max` (per server process). The returned
   * function gives the place back (call it once, when the stream ends).
   */
  claimStream(userId: string, max: number): (() => void) | null {
    const open = this.#streamsByUser.get(userId) ?? 0;
    if (open >= max) return null;
    this.#streamsByUser.set(userId, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#streamsByUser.get(userId) ?? 1) - 1;
      if (left > 0) this.#streamsByUser.set(userId, left);
      else this.#streamsByUser.delete(userId);
    };
  }

  async #poll(): Promise<void> {
    for (const tenantId of this.#subs.keys()) {
      try {
        const { rows } = await this.#db.query<{ v: string | number | null }>(
          `SELECT ${tenantTopVersionSql('$1')} AS v`,
          [tenantId],
        );
        const v = Number(rows[0]?.v ?? 0);
        if (v > (this.#lastPolled.get(tenantId) ?? 0)) {
          this.#lastPolled.set(tenantId, v);
          this.publish(tenantId, v);
        }
      } catch {
        // The database is away for a moment: the next tick tries again.
      }
    }
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#stopListening?.();
    this.#subs.clear();
  }
}

const byDb = new WeakMap<Database, SyncEvents>();
/** One event hub per database handle, shared by every app instance built on it. */
export function syncEventsFor(db: Database): SyncEvents {
  let events = byDb.get(db);
  if (!events) byDb.set(db, (events = new SyncEvents(db)));
  return events;
}
