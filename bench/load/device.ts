/**
 * A simulated phone for load: pushes changes to the real endpoint over HTTP (keep-alive, like a browser) and
 * keeps, per session it edits, the current text and the field versions the server answered, so every edit it
 * sends has a true base (a continuation, not a conflict), as the real outbox would.
 */
import { PROTOCOL_VERSION, type Change, type PushResponse } from '../../src/shared/protocol';
import type { AnyRecord } from '../../src/shared/records';
import { DataFactory } from './data';

export interface Tracked {
  notes: string;
  agreements: string;
  fieldVersions: Record<string, number>;
}

export class SimDevice {
  readonly factory: DataFactory;
  readonly #sessions = new Map<string, Tracked>();
  readonly #order: string[] = [];
  #next = 0;
  #units: string[];
  #persons: string[];
  readonly #onApplied: ((record: AnyRecord) => void) | undefined;

  constructor(
    readonly deviceId: string,
    readonly url: string,
    readonly token: string,
    seed: number,
    ctx: {
      units: string[];
      persons: string[];
      sessions: AnyRecord[];
      onApplied?: (record: AnyRecord) => void;
    },
  ) {
    this.#onApplied = ctx.onApplied;
    this.factory = new DataFactory(deviceId, seed);
    this.#units = ctx.units;
    this.#persons = ctx.persons;
    for (const r of ctx.sessions) this.track(r);
  }

  track(record: AnyRecord): void {
    if (record.kind !== 'session') return;
    if (!this.#sessions.has(record.id)) this.#order.push(record.id);
    this.#sessions.set(record.id, {
      notes: record.notes,
      agreements: record.agreements,
      fieldVersions: record.fieldVersions,
    });
  }

  /** `edits` edits of this device's sessions (round robin) and `creates` new sessions. */
  batch(edits: number, creates: number): Change[] {
    const changes: Change[] = [];
    for (let i = 0; i < edits && this.#order.length > 0; i++) {
      const id = this.#order[this.#next++ % this.#order.length]!;
      const cur = this.#sessions.get(id)!;
      const e = this.factory.sessionEdit(id, cur, cur.fieldVersions);
      // Later edits in the same batch build on this one (the server applies them in order).
      this.#sessions.set(id, { ...cur, notes: e.notes, agreements: e.agreements });
      changes.push(e.change);
    }
    for (let i = 0; i < creates; i++) {
      changes.push(this.factory.create('session', this.factory.sessionBody(this.#units, this.#persons)));
    }
    return changes;
  }

  /** One push; returns the round trip in ms and the server's answer (applied results are tracked). */
  async push(changes: Change[]): Promise<{ ms: number; response: PushResponse }> {
    const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: this.deviceId, changes });
    const started = performance.now();
    const res = await fetch(`${this.url}/api/sync/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/json',
        'accept-encoding': 'gzip',
      },
      body,
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (!res.ok) throw new Error(`push ${res.status}: ${text.slice(0, 300)}`);
    // Not parsed with zod here: the load generator shares the machine's two cores with the server under test.
    const response = JSON.parse(text) as PushResponse;
    for (const r of response.results) {
      if (r.status !== 'applied') continue;
      this.track(r.record);
      this.#onApplied?.(r.record);
    }
    return { ms, response };
  }
}
