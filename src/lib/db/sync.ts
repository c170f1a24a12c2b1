/**
 * `SyncStore` over Dexie: the outbox as the sync engine drives it (freeze, acknowledge, reject, discard), and the
 * records that come from the server (`applyRemote`), merged with the edits still waiting: see types.ts for the
 * rules and docs/sync.md for the protocol.
 */
import {
  anyRecordSchema,
  bodyOf,
  type AnyRecord,
  type RecordId,
  type RecordKind,
} from '../../shared/records';
import { DELETED_PATH, applyPaths, type FieldValues } from '../../shared/fieldPaths';
import { rebasable, rebaseField } from '../../shared/fieldDecision';
import { isPartial, mergeSummaryOver } from '../../shared/summary';
import { applyDelta } from '../../shared/pushAnswer';
import type { ChangeResult, DeltaChangeResult } from '../../shared/protocol';
import { StoreRole } from './context';
import { storeError } from './errors';
import { STUB_PREFIX, putIncoming, recordPaths, stripRow } from './rows';
import type { OutboxEntry, SyncStore } from './types';

export class DexieSyncStore extends StoreRole implements SyncStore {
  get #db() {
    return this.ctx.db;
  }

  async outbox(): Promise<OutboxEntry[]> {
    return this.#db.outbox.orderBy('seq').toArray();
  }

  async markSending(seqs: number[]): Promise<void> {
    await this.#db.transaction('rw', this.#db.outbox, async () => {
      const entries = await this.#db.outbox.bulkGet(seqs);
      const frozen = entries.filter((e): e is OutboxEntry => e !== undefined && e.state === 'pending');
      await this.#db.outbox.bulkPut(frozen.map((e) => ({ ...e, state: 'sending' as const })));
    });
  }

  async pendingPushBatch(max: number): Promise<OutboxEntry[]> {
    return this.#db.outbox
      .orderBy('seq')
      .filter((e) => !e.rejected)
      .limit(max)
      .toArray();
  }

  async countPending(): Promise<number> {
    return this.#db.outbox.filter((e) => !e.rejected).count();
  }

  async acknowledge(seq: number, serverRecord: AnyRecord): Promise<void> {
    await this.settlePush([
      { status: 'applied', seq, recordId: serverRecord.id, record: serverRecord, conflictIds: [] },
    ]);
  }

  async settlePush(results: (ChangeResult | DeltaChangeResult)[]): Promise<RecordId[]> {
    if (results.length === 0) return [];
    const records = results.map((r) =>
      r.status === 'applied' && 'record' in r ? anyRecordSchema.parse(r.record) : undefined,
    );
    const whole = new Set<RecordId>();
    const at = this.ctx.now();
    await this.#db.transaction('rw', this.#db.tables, async () => {
      for (const [i, r] of results.entries()) {
        if (r.status === 'rejected') {
          await this.#db.outbox.update(r.seq, { rejected: { code: r.code, message: r.message, at } });
          continue;
        }
        await this.#db.outbox.delete(r.seq);
        let record = records[i];
        if (!record && 'delta' in r) {
          const row = await this.table(r.delta.kind).get(r.delta.id);
          const local = row ? anyRecordSchema.safeParse(stripRow(row)) : undefined;
          record = applyDelta(local?.success ? local.data : undefined, r.delta) ?? undefined;
        }
        if (record) await this.#applyOne(record);
        else whole.add(r.recordId);
      }
    });
    return [...whole];
  }

  async discardRejected(seq: number): Promise<void> {
    await this.#db.transaction('rw', this.#db.tables, async () => {
      const entry = await this.#db.outbox.get(seq);
      if (!entry?.rejected) throw storeError('not-found');
      await this.#db.outbox.delete(seq);
      // A refused creation of a record the server never had: no pull will ever replace it, so it goes too
      // (unless later edits of it still wait to be sent, which keep it).
      if (entry.op !== 'create') return;
      const table = this.table(entry.kind);
      const row = await table.get(entry.recordId);
      const others = await this.#db.outbox.where('recordId').equals(entry.recordId).count();
      if (row && row.rev === 0 && others === 0) {
        await table.delete(entry.recordId);
        await this.#db.meta.delete(STUB_PREFIX + entry.recordId);
      }
    });
  }

  async reject(seq: number, code: string, message: string): Promise<void> {
    await this.#db.outbox.update(seq, { rejected: { code, message, at: this.ctx.now() } });
  }

  async applyRemote(records: AnyRecord[]): Promise<void> {
    const parsed = records.map((r) => anyRecordSchema.parse(r));
    const tables = [...new Set(parsed.map((r) => this.table(r.kind)))];
    if (parsed.length === 0) return;
    await this.#db.transaction('rw', [...tables, this.#db.outbox, this.#db.meta], async () => {
      for (const record of parsed) await this.#applyOne(record);
    });
  }

  async stubs(limit: number): Promise<{ id: RecordId; kind: RecordKind }[]> {
    const rows = await this.#db.meta.where('key').startsWith(STUB_PREFIX).reverse().limit(limit).toArray();
    return rows.map((row) => ({ id: row.key.slice(STUB_PREFIX.length), kind: row.value as RecordKind }));
  }

  async countStubs(): Promise<number> {
    return this.#db.meta.where('key').startsWith(STUB_PREFIX).count();
  }

  async forgetStubs(ids: RecordId[]): Promise<void> {
    await this.#db.meta.bulkDelete(ids.map((id) => STUB_PREFIX + id));
  }

  /**
   * Writes the server's state for every path that no outbox entry of the record still holds; paths still held
   * keep their local value and their old base version (so the pending edit is still pushed against the base it
   * was made on). A copy older than the one stored is ignored.
   */
  async #applyOne(incoming: AnyRecord): Promise<void> {
    const table = this.table(incoming.kind);
    const row = await table.get(incoming.id);
    const localParsed = row ? anyRecordSchema.safeParse(stripRow(row)) : undefined;
    const local =
      localParsed?.success && localParsed.data.kind === incoming.kind ? localParsed.data : undefined;
    const wasPartial = local !== undefined && isPartial(local);
    // A summary never replaces a full copy as new as itself; over an older full copy it keeps the long fields.
    if (local && isPartial(incoming) && !wasPartial && local.rev >= incoming.rev) return;
    const remote = local ? mergeSummaryOver(local, incoming) : incoming;
    const entries = await this.#db.outbox.where('recordId').equals(remote.id).toArray();
    const held = new Set(entries.flatMap((e) => Object.keys(e.values)));
    if (!local || held.size === 0) {
      if (local && local.rev > remote.rev) return;
      await putIncoming(this.ctx, remote, wasPartial);
      return;
    }
    if (local.rev > remote.rev) return;
    const localPaths = recordPaths(remote.kind, local);
    const keep: FieldValues = {};
    for (const path of held) if (path !== DELETED_PATH) keep[path] = localPaths[path] ?? null;
    const rebased = await this.#rebaseWaiting(entries, remote, keep);
    const body = applyPaths(remote.kind, bodyOf(remote.kind, remote), keep);
    const fieldVersions = { ...remote.fieldVersions };
    for (const path of held) {
      if (rebased.has(path)) continue;
      const old = local.fieldVersions[path];
      if (old === undefined) delete fieldVersions[path];
      else fieldVersions[path] = old;
    }
    const merged = {
      ...remote,
      ...body,
      deleted: held.has(DELETED_PATH) ? local.deleted : remote.deleted,
      fieldVersions,
    };
    const check = anyRecordSchema.safeParse(merged);
    // A merge that does not validate (should not happen) keeps the local copy rather than losing the edits.
    if (!check.success) return;
    await putIncoming(this.ctx, check.data, wasPartial);
  }

  /**
   * Live rebase of waiting edits (see `applyRemote`): merges the server's newer value into each path held by
   * nothing but one still-pending entry that knows the path's base value. Updates that entry and `keep` (the
   * local values the record keeps) in place; returns the paths rebased, whose base is now the server's version.
   */
  async #rebaseWaiting(entries: OutboxEntry[], remote: AnyRecord, keep: FieldValues): Promise<Set<string>> {
    const rebased = new Set<string>();
    // Summaries hold empty stand-ins for long fields; a tombstone meets edits as a conflict on the server.
    if (remote.deleted || isPartial(remote)) return rebased;
    const remotePaths = recordPaths(remote.kind, remote);
    for (const entry of entries) {
      if (entry.state !== 'pending' || entry.rejected || entry.op === 'create' || !entry.baseValues) continue;
      let changed = false;
      for (const path of Object.keys(entry.values)) {
        if (path === DELETED_PATH || !rebasable(path) || !Object.hasOwn(entry.baseValues, path)) continue;
        // Held by another entry too (one on the wire): the server merges that one; this waits for its answer.
        if (entries.some((e) => e !== entry && Object.hasOwn(e.values, path))) continue;
        const version = remote.fieldVersions[path] ?? 0;
        if (version <= (entry.base[path] ?? 0)) continue;
        const theirs = remotePaths[path] ?? null;
        const decision = rebaseField(entry.baseValues[path], theirs, entry.values[path] ?? null);
        if (decision.action === 'conflict') continue;
        const value = decision.action === 'write' ? decision.value : theirs;
        entry.values[path] = value;
        entry.base[path] = version;
        entry.baseValues[path] = theirs;
        keep[path] = value;
        rebased.add(path);
        changed = true;
      }
      if (changed) await this.#db.outbox.put(entry);
    }
    return rebased;
  }
}
