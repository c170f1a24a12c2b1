/**
 * A simulated phone for load: pushes changes to the real endpoint over HTTP (keep-alive, like a browser) and
 * keeps, per session it edits, the current text and the field versions the server answered, so every edit it
 * sends has a true base (a continuation, not a conflict), as the real outbox would.
 */
import {
  PROTOCOL_VERSION,
  type Change,
  type PushAnswer,
  type PushDeltaResponse,
  type PushResponse,
} from '../../src/shared/protocol';
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
  readonly #onApplied: ((id: string, tracked: Tracked) => void) | undefined;

  constructor(
    readonly deviceId: string,
    readonly url: string,
    readonly token: string,
    seed: number,
    ctx: {
      units: string[];
      persons: string[];
      sessions: AnyRecord[];
      /** Sessions already tracked (what earlier phones left), besides `sessions`. */
      tracked?: Iterable<[string, Tracked]>;
      onApplied?: (id: string, tracked: Tracked) => void;
    },
  ) {
    this.#onApplied = ctx.onApplied;
    this.factory = new DataFactory(deviceId, seed);
    this.#units = ctx.units;
    this.#persons = ctx.persons;
    for (const r of ctx.sessions) {
      const tracked = trackedOf(r);
      if (tracked) this.#set(r.id, tracked);
    }
    for (const [id, tracked] of ctx.tracked ?? []) this.#set(id, tracked);
  }

  #set(id: string, tracked: Tracked): void {
    if (!this.#sessions.has(id)) this.#order.push(id);
    this.#sessions.set(id, tracked);
    this.#onApplied?.(id, tracked);
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

  /** One push answered with whole records; returns the round trip in ms and the answer (applied results tracked). */
  async push(changes: Change[]): Promise<{ ms: number; response: PushResponse }> {
    const { ms, response } = await this.#send(changes, 'record');
    return { ms, response: response as PushResponse };
  }

  /** One push asking for the slim answer, as the app's engine does (src/shared/pushAnswer.ts). */
  async pushSlim(changes: Change[]): Promise<{ ms: number; response: PushDeltaResponse }> {
    const { ms, response } = await this.#send(changes, 'delta');
    return { ms, response: response as PushDeltaResponse };
  }

  async #send(changes: Change[], answer: 'record' | 'delta'): Promise<{ ms: number; response: PushAnswer }> {
    const body = JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: this.deviceId,
      changes,
      ...(answer === 'delta' ? { answer } : {}),
    });
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
    const response = JSON.parse(text) as PushAnswer;
    const sent = new Map(changes.map((c) => [c.seq, c]));
    for (const r of response.results) {
      if (r.status !== 'applied') continue;
      if ('record' in r) {
        const tracked = trackedOf(r.record);
        if (tracked) this.#set(r.recordId, tracked);
        continue;
      }
      const { delta } = r;
      if (delta.kind !== 'session') continue;
      // What this phone holds of the session: its tracked copy, or (a new one) the values it sent.
      const values = sent.get(r.seq)?.values ?? {};
      const before = this.#sessions.get(r.recordId) ?? {
        notes: String(values['notes'] ?? ''),
        agreements: String(values['agreements'] ?? ''),
        fieldVersions: {},
      };
      this.#set(r.recordId, {
        notes: typeof delta.values['notes'] === 'string' ? delta.values['notes'] : before.notes,
        agreements:
          typeof delta.values['agreements'] === 'string' ? delta.values['agreements'] : before.agreements,
        fieldVersions: { ...before.fieldVersions, ...delta.versions },
      });
    }
    return { ms, response };
  }
}

/** What a phone keeps of a session it edits (null for other kinds). */
export function trackedOf(record: AnyRecord): Tracked | null {
  if (record.kind !== 'session') return null;
  return { notes: record.notes, agreements: record.agreements, fieldVersions: record.fieldVersions };
}
