/**
 * One simulated phone of the load test, as its outbox behaves: it creates a few sessions of its own, then edits
 * their notes in small batches; a batch stays pending (and is sent again with the same seqs) until the server
 * acknowledges it, so a lost answer never loses or doubles a change. Between pushes it pulls from its cursor.
 * It keeps the ledger the verification reads: every acknowledged (seq, record, value) and, per record, the last
 * acknowledged notes. Every notes value carries the device id and seq, so each write is unique and traceable.
 */
import { flattenBody } from '../../src/shared/fieldPaths';
import { newSessionBody } from '../../src/shared/domain';
import { PROTOCOL_VERSION, type Change } from '../../src/shared/protocol';

export interface AckedWrite {
  seq: number;
  recordId: string;
  notes: string;
}

export interface PushAnswer {
  results: {
    status: 'applied' | 'rejected';
    seq: number;
    recordId: string;
    record?: { fieldVersions: Record<string, number> };
    code?: string;
  }[];
}

export class LoadDevice {
  readonly acked: AckedWrite[] = [];
  /** recordId -> the notes of the last acknowledged write (the value the server must hold at the end). */
  readonly lastAcked = new Map<string, string>();
  readonly ownRecords: string[];
  /** Changes rejected by the server (a correct run has none). */
  rejected = 0;
  cursor = 0;
  pulls = 0;
  #seq = 0;
  #next = 0;
  #pending: Change[] | null = null;
  readonly #versions = new Map<string, number>();

  constructor(
    readonly deviceId: string,
    readonly unitId: string,
    readonly texts: readonly string[],
    recordIds: string[],
    readonly changesPerPush: number,
  ) {
    this.ownRecords = recordIds;
  }

  get pending(): boolean {
    return this.#pending !== null;
  }

  #notes(seq: number): string {
    return `[${this.deviceId}#${seq}] ${this.texts[(seq * 7 + this.deviceId.length) % this.texts.length]}`;
  }

  /** The next push body: the pending batch again, or a new one (first the creates, then edits). */
  pushBody(): string {
    if (!this.#pending) {
      const changes: Change[] = [];
      if (this.#seq === 0) {
        for (const id of this.ownRecords) {
          const seq = ++this.#seq;
          const body = { ...newSessionBody(new Date(Date.UTC(2026, 0, 5))), unitIds: [this.unitId] };
          body.place = 'Aula Puskesmas';
          body.notes = this.#notes(seq);
          const values = flattenBody('session', body as Record<string, unknown>);
          changes.push(this.#change(seq, id, 'create', values, 0));
        }
      } else {
        for (let i = 0; i < this.changesPerPush; i++) {
          const id = this.ownRecords[this.#next++ % this.ownRecords.length]!;
          const seq = ++this.#seq;
          changes.push(this.#change(seq, id, 'update', { notes: this.#notes(seq) }, null));
        }
      }
      this.#pending = changes;
    }
    return JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: this.deviceId,
      changes: this.#pending,
    });
  }

  #change(
    seq: number,
    recordId: string,
    op: 'create' | 'update',
    values: Record<string, unknown>,
    base: number | null,
  ): Change {
    const bases = Object.fromEntries(
      Object.keys(values).map((p) => [p, base ?? this.#versions.get(`${recordId} ${p}`) ?? 0]),
    );
    return {
      deviceId: this.deviceId,
      seq,
      recordId,
      kind: 'session',
      op,
      values,
      base: bases,
      editedAt: Date.now(),
    };
  }

  /** The server's answer to a push (status and body); only a 200 with every result acknowledges the batch. */
  onPushAnswer(status: number, body: string): boolean {
    if (status !== 200 || !this.#pending) return false;
    let answer: PushAnswer;
    try {
      answer = JSON.parse(body) as PushAnswer;
    } catch {
      return false;
    }
    const sent = new Map(this.#pending.map((c) => [c.seq, c]));
    if (answer.results.length !== sent.size) return false;
    for (const r of answer.results) {
      const change = sent.get(r.seq);
      if (!change) return false;
      if (r.status !== 'applied') {
        this.rejected++;
        continue;
      }
      const notes = String(change.values['notes']);
      this.acked.push({ seq: r.seq, recordId: r.recordId, notes });
      this.lastAcked.set(r.recordId, notes);
      const version = r.record?.fieldVersions['notes'];
      if (version !== undefined) this.#versions.set(`${r.recordId} notes`, version);
    }
    this.#pending = null;
    return true;
  }

  pullPath(): string {
    return `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${this.cursor}&limit=100`;
  }

  onPullAnswer(status: number, body: string): boolean {
    if (status !== 200) return false;
    // The cursor follows the records at the end of the page; reading only the tail keeps the load generator (which
    // shares the machine with the server) from parsing megabytes it does not use. Inside a record's text a quote
    // is escaped, so `"cursor":` can only be the key.
    const tail = /"cursor":(\d+),"hasMore":(?:true|false)/.exec(body.slice(-400));
    let cursor: number;
    if (tail) cursor = Number(tail[1]);
    else {
      try {
        cursor = (JSON.parse(body) as { cursor: number }).cursor;
      } catch {
        return false;
      }
    }
    if (!Number.isSafeInteger(cursor) || cursor < this.cursor) return false;
    this.cursor = cursor;
    this.pulls++;
    return true;
  }
}
