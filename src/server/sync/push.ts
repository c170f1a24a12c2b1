/**
 * Push: apply a device's changes to the server's synced record store.
 *
 * Ordering: a pull cursor is the highest version of its tenant a client has seen, so a version must become visible
 * only after every smaller one of the same tenant has committed, even with several server processes on one
 * PostgreSQL. Versions are therefore drawn from the tenant's own sequence only while holding the tenant's
 * writers' lock, held until the commit (versions.ts); tenants never wait for each other. That lock is taken as
 * late as possible: a push reads and locks its records (`FOR UPDATE`, in id order), merges in memory with
 * provisional versions, and only its one write statement and the commit run under the writers' lock, where the
 * provisional versions become real ones. Pushes of different records thus overlap except for that last step;
 * pushes of the same record wait on its row lock, so a record's versions only grow. A batch PostgreSQL refuses a
 * value of (a NUL character) runs again change by change, each probed in a savepoint without writing
 * (`applyProbed`), and is still written in one last step: one bad batch never holds that lock for long.
 *
 * Idempotency: every processed (user, device, seq) is stored with its result in the same transaction; a repeated
 * change is answered from there and never applied twice. A device's pushes run one at a time (a per-device
 * advisory lock), so a retry racing its original waits for it and is then answered from there.
 *
 * Cost per push, whatever its size: two round trips to PostgreSQL (the account check before it is a third;
 * tests/server/sync/round-trips.test.ts counts them). 1. The BEGIN, the device's lock (and the units lock,
 * shared, when it names units), one read of the tenant's top version, the (device, seq) already processed and the
 * merges of the units named, and one read of the batch's rows, locked: sent together (pipelined), run in that
 * order. The changes are then applied in order in memory, with provisional versions. 2. One write statement that
 * takes the writers' lock, draws the real versions and writes them in place of the provisional ones (rows, change
 * log, idempotency rows, NOTIFY), with the COMMIT sent behind it: under the writers' lock only that statement and
 * the commit run. Only a stale base reads the change log: edits whose bases are behind their stored paths (a phone
 * that typed on while its last push was on the wire) ask it in one read for all of them, a third round trip, before
 * the changes apply. The answer is built after the commit.
 */
import type { AuthContext } from '../auth/types';
import type { Database, Queryable } from '../db/types';
import type { Change, ChangeResult, PushAnswer, PushRequest, RecordDelta } from '../../shared/protocol';
import { canRead } from '../../shared/access';
import { rejectMessage } from './messages';
import { applyChange, reject, type Outcome } from './apply';
import { WRITE_MISSED, type ProcessedEntry, type StoredResult } from './batch';
import { DEVICE_LOCK, UNITS_LOCK } from './locks';
import { mergedTargetsSql, unitsNamed, withUnitsMapped } from './mergedUnits';
import { PushRaceError, PushState, type VersionsNeeded, type Writer } from './pushState';
import { envelopeOfRow, rowToRecord, scopeOf, type RecordRow } from './rows';
import { deltaOf } from '../../shared/pushAnswer';
import { tenantTopVersionSql } from './lookups';

/** What the phone that sent `change` does not already know of the row (see src/shared/pushAnswer.ts). */
const deltaOfRow = (row: RecordRow, change: Change): RecordDelta => ({
  ...envelopeOfRow(row),
  ...deltaOf(row.kind, row.body, row.field_versions, change, row.field_stamps),
});

/**
 * The path versions a slim-answered push needs of each record it changes (see `PushState.prefetch`): the merge
 * reads those of the paths sent (`paths`: the map entries among them; every top-level path is read), and the
 * answer those newer than what each change's phone knew (its highest base, as `deltaOf` counts it).
 */
function versionsNeeded(changes: readonly Change[]): Map<string, VersionsNeeded> {
  const needed = new Map<string, VersionsNeeded>();
  for (const change of changes) {
    let known = 0;
    for (const v of Object.values(change.base)) if (v > known) known = v;
    const entries = Object.keys(change.values).filter((path) => path.includes('.'));
    const seen = needed.get(change.recordId);
    if (seen) {
      seen.known = Math.min(seen.known, known);
      seen.paths.push(...entries);
    } else needed.set(change.recordId, { known, paths: entries });
  }
  return needed;
}

/** How many times a push runs again after a race (a unique violation or a missed compare-and-set). */
const PUSH_RACE_RETRIES = 3;

const isDataError = (err: unknown): boolean =>
  typeof err === 'object' &&
  err !== null &&
  typeof (err as { code?: unknown }).code === 'string' &&
  (err as { code: string }).code.startsWith('22');

/** A record created or changed by another push between this push's read and its write: run it again. */
const isRace = (err: unknown): boolean => {
  if (err instanceof PushRaceError) return true;
  const { code, constraint } = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    constraint?: unknown;
  };
  return code === WRITE_MISSED || (code === '23505' && constraint === 'sync_records_pkey');
};

export interface PushOutcome {
  response: PushAnswer;
  /** Highest version written by this push (null if it wrote nothing): what the live events announce. */
  newVersion: number | null;
}

/** Applies a push in one serialized transaction. See the file comment. */
export async function pushChanges(db: Database, auth: AuthContext, req: PushRequest): Promise<PushOutcome> {
  let savepoints = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await runPush(db, auth, req, savepoints);
    } catch (err) {
      // A value PostgreSQL refuses (data exception, SQLSTATE class 22, e.g. a NUL character in jsonb) must not
      // block the queue behind it: the push runs again, this time each change applied in a savepoint and its
      // writes probed (`PushState.probe`), and only that change is refused; the rest is written in one flush at the
      // end, as on a normal push, so the writers' lock is not held through the retry (issue #17: one bad batch
      // stalled every tenant's pushes). (Savepoints on every push would cost three round trips per change.)
      if (isDataError(err) && !savepoints) savepoints = true;
      else if (!(isRace(err) && attempt < PUSH_RACE_RETRIES)) throw err;
    }
  }
}

const storedResult = (outcome: Outcome): StoredResult =>
  outcome.status === 'applied'
    ? { status: 'applied', conflictIds: outcome.conflictIds }
    : outcome.detail === undefined
      ? { status: 'rejected', code: outcome.code }
      : { status: 'rejected', code: outcome.code, detail: outcome.detail };

/**
 * Applies a change on the retry path: in a savepoint, its writes (and its idempotency row) probed by PostgreSQL
 * but not written. A data error, in the change's own reads or in its probe, takes back only this change, refused
 * as `invalid`; anything else (connection lost, a crash) fails the whole push, which is retried later.
 */
async function applyProbed(
  tx: Queryable,
  state: PushState,
  auth: AuthContext,
  change: Change,
): Promise<Outcome> {
  await tx.query('SAVEPOINT sync_change');
  state.mark();
  try {
    const outcome = await applyChange(state, auth, change);
    await state.probe({ seq: change.seq, recordId: change.recordId, result: storedResult(outcome) });
    await tx.query('RELEASE SAVEPOINT sync_change');
    return outcome;
  } catch (err) {
    if (!isDataError(err)) throw err;
    await tx.query('ROLLBACK TO SAVEPOINT sync_change');
    state.undo();
    return reject('invalid', err instanceof Error ? err.message.slice(0, 200) : undefined);
  }
}

/** The lowest and highest of `seqs` ([0, 0] for none). */
export const seqRange = (seqs: readonly number[]): [number, number] =>
  seqs.length === 0 ? [0, 0] : [Math.min(...seqs), Math.max(...seqs)];

/**
 * The SQL giving which of a device's seqs `$seqs` (an int[] parameter) were already processed, as
 * `[{seq, record_id, result}]` or null; `low` and `high` bound them (`seqRange`). The range makes the index scan
 * read only those seqs: `= ANY` alone is checked as a filter over every row the device ever pushed (4 ms at 10,000
 * rows, growing with the phone's history), a range as an index condition.
 */
export const processedSql = (
  tenant: string,
  user: string,
  device: string,
  seqs: string,
  [low, high]: [string, string],
): string =>
  `SELECT jsonb_agg(jsonb_build_object('seq', seq, 'record_id', record_id, 'result', result))
   FROM sync_processed WHERE tenant_id = ${tenant} AND user_id = ${user} AND device_id = ${device}
     AND seq = ANY(${seqs}::int[]) AND seq BETWEEN ${low}::int AND ${high}::int`;

/**
 * The push's first reads, in two round trips: the device's lock (a retry racing its original must not process the
 * same seqs twice) and, when the changes name units, the units lock shared (see locks.ts; in this order, in one
 * statement); then, in one statement with a snapshot taken after both, the tenant's highest version, what was
 * already processed of these (device, seq), and where the named units were merged, if they were.
 */
async function beginPush(
  tx: Queryable,
  writer: Writer,
  seqs: number[],
  units: string[],
): Promise<{ tenantMax: number; processed: ProcessedEntry[]; merged: Map<string, string> }> {
  const named = units.length > 0;
  const locked = tx.query(
    `SELECT pg_advisory_xact_lock($1, hashtext($2))${named ? ', pg_advisory_xact_lock_shared($3, hashtext($4))' : ''}`,
    named
      ? [DEVICE_LOCK, `${writer.userId} ${writer.deviceId}`, UNITS_LOCK, writer.tenantId]
      : [DEVICE_LOCK, `${writer.userId} ${writer.deviceId}`],
  );
  const merges = mergedTargetsSql('$1', '$7');
  // Issued without awaiting the locks: PostgreSQL runs statements in order, so this read (its own statement, its
  // own snapshot) still starts only once both are held, and the two share one round trip.
  const read = tx.query<{
    tenant_max: string | number | null;
    processed: { seq: number; record_id: string; result: StoredResult }[] | null;
    merged?: { id: string; target: string }[] | null;
  }>(
    `${named ? `WITH RECURSIVE ${merges.chain} ` : ''}SELECT
       ${tenantTopVersionSql('$1')} AS tenant_max,
       (${processedSql('$1', '$2', '$3', '$4', ['$5', '$6'])}) AS processed${named ? `, ${merges.targets} AS merged` : ''}`,
    [writer.tenantId, writer.userId, writer.deviceId, seqs, ...seqRange(seqs), ...(named ? [units] : [])],
  );
  const [, { rows }] = await Promise.all([locked, read]);
  const row = rows[0]!;
  return {
    tenantMax: Number(row.tenant_max ?? 0),
    processed: (row.processed ?? []).map((p) => ({
      seq: Number(p.seq),
      recordId: p.record_id,
      result: p.result,
    })),
    merged: new Map((row.merged ?? []).map((m) => [m.id, m.target])),
  };
}

async function runPush(
  db: Database,
  auth: AuthContext,
  req: PushRequest,
  savepoints: boolean,
): Promise<PushOutcome> {
  const { stored, rows, serverVersion, newVersion } = await db.transaction(async (tx) => {
    const writer = { tenantId: auth.tenantId, userId: auth.userId, deviceId: req.deviceId };
    const state = new PushState(tx, writer);
    // The locks, the first read and the batch's rows (locked, after the device's and units' locks: the order is
    // the order sent) go out together, one round trip with the BEGIN (the connection pipelines, db/postgres.ts).
    const [begun] = await Promise.all([
      beginPush(
        tx,
        writer,
        req.changes.map((c) => c.seq),
        unitsNamed(req.changes),
      ),
      state.prefetch(
        req.changes.map((c) => c.recordId),
        true,
        req.answer === 'delta' ? versionsNeeded(req.changes) : undefined,
      ),
    ]);
    // A change written offline may name a unit merged meanwhile: it lands in the unit that was kept.
    const merged = begun.merged;
    const changes = merged.size === 0 ? req.changes : req.changes.map((c) => withUnitsMapped(c, merged));
    const seen = new Map<number, { result: StoredResult; recordId: string }>();
    for (const p of begun.processed) seen.set(p.seq, { result: p.result, recordId: p.recordId });
    // Edits typed on while the phone's last push was on the wire: one read of the change log for all of them.
    await state.readOthersWrote(changes.filter((c) => !seen.has(c.seq)));
    const stored: { change: Change; result: StoredResult }[] = [];
    for (const change of changes) {
      if (change.deviceId !== req.deviceId) {
        stored.push({ change, result: { status: 'rejected', code: 'invalid', detail: 'deviceId' } });
        continue;
      }
      const prior = seen.get(change.seq);
      if (prior) {
        stored.push({ change: { ...change, recordId: prior.recordId }, result: prior.result });
        continue;
      }
      const outcome = savepoints
        ? await applyProbed(tx, state, auth, change)
        : await applyChange(state, auth, change);
      const result = storedResult(outcome);
      seen.set(change.seq, { result, recordId: change.recordId });
      state.processed({ seq: change.seq, recordId: change.recordId, result });
      stored.push({ change, result });
    }
    // The rows the answer shows, as they stand after the whole batch: in the push's view already (a change
    // answered from what was stored may name one it has not read: read now, under the push's locks). The flush
    // gives them their real versions in place.
    const answered = stored.flatMap(({ change, result }) =>
      result.status === 'applied' ? [change.recordId] : [],
    );
    await state.prefetch(answered);
    // The push's last statement: its COMMIT goes out with it.
    await state.flush({ processed: true, notify: true, last: true });
    // Every version written by this push belongs to this tenant and is above what it held before.
    const top = state.written;
    const newVersion = top > 0 ? top : null;
    const rows = new Map<string, RecordRow | undefined>();
    for (const id of answered) rows.set(id, await state.get(id));
    return { stored, rows, serverVersion: Math.max(begun.tenantMax, top), newVersion };
  });

  // Built after the commit, so the writers' lock is held no longer than the database work needs.
  // Answer with each record as it stands after the whole batch: an older state could roll a phone back.
  // A delta is measured against the change as the phone sent it (before merged units were mapped).
  const sent = new Map(req.changes.map((c) => [c.seq, c]));
  type Rejected = Extract<ChangeResult, { status: 'rejected' }>;
  const settled = stored.map(
    ({ change, result }): Rejected | { change: Change; row: RecordRow; conflictIds: string[] } => {
      if (result.status === 'rejected') {
        return {
          status: 'rejected',
          seq: change.seq,
          recordId: change.recordId,
          code: result.code ?? 'invalid',
          message: rejectMessage(result.code ?? 'invalid', result.detail),
        };
      }
      const row = rows.get(change.recordId);
      if (!row || !canRead(auth, scopeOf(row))) {
        return {
          status: 'rejected',
          seq: change.seq,
          recordId: change.recordId,
          code: 'forbidden',
          message: rejectMessage('forbidden'),
        };
      }
      return { change, row, conflictIds: result.conflictIds ?? [] };
    },
  );
  const response: PushAnswer =
    req.answer === 'delta'
      ? {
          results: settled.map((s) =>
            'row' in s
              ? {
                  status: 'applied',
                  seq: s.change.seq,
                  recordId: s.change.recordId,
                  delta: deltaOfRow(s.row, sent.get(s.change.seq) ?? s.change),
                  conflictIds: s.conflictIds,
                }
              : s,
          ),
          serverVersion,
        }
      : {
          results: settled.map((s) =>
            'row' in s
              ? {
                  status: 'applied',
                  seq: s.change.seq,
                  recordId: s.change.recordId,
                  record: rowToRecord(s.row),
                  conflictIds: s.conflictIds,
                }
              : s,
          ),
          serverVersion,
        };
  return { response, newVersion };
}
