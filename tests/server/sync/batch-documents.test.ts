/**
 * The push's one write statement (`writeBatch`) sends its rows as JSON documents written piece by piece: what
 * PostgreSQL stores from them must be exactly the values written, whatever characters they hold, for a new row
 * sent whole, a stored row sent as a patch (changed, removed and untouched fields), change-log rows with and
 * without what the device submitted (their values sent, or read from the body written: a field, a map's entry,
 * the last of a path written twice), and idempotency rows. On PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { WRITE_MISSED, writeBatch, type ProcessedEntry } from '../../../src/server/sync/batch';
import type { LogEntry, RecordRow } from '../../../src/server/sync/rows';
import { openFreshPostgres, openPglite, type SuiteDatabase } from './helpers';

/** The characters JSON escapes or encodes longest, in keys and values. */
const TRICKY = 'kutip " garis \\ kontrol \u0001\u001f baris\n\u2028 jawa ꦲ emoji 😀 nul-less é';

const TENANT = 'tenant-batch-docs';

const newRow = (id: string): RecordRow => ({
  id,
  tenant_id: TENANT,
  kind: 'session',
  body: {
    notes: TRICKY,
    topics: 'lama',
    agreements: 'tetap',
    participants: { [`p-${TRICKY}`]: { name: TRICKY, present: true, order: 0 } },
    count: 3,
    flag: false,
    nothing: null,
  },
  field_versions: { notes: 1, topics: 1, agreements: 1, [`participants.p-${TRICKY}`]: 1 },
  field_devices: { notes: 'hp-1', topics: 'hp-1', agreements: 'hp-1', [`participants.p-${TRICKY}`]: 'hp-1' },
  version: 1,
  deleted: false,
  unit_ids: ['unit-a', TRICKY],
  created_by: 'user-1',
  updated_by: 'user-1',
  created_at: 1_000,
  updated_at: 1_000,
});

describe.each([
  ['PGlite', openPglite],
  ['PostgreSQL', openFreshPostgres],
] as const)('the write documents on %s', (_, open) => {
  // One database for both tests (opening PGlite and migrating it is most of the time): each writes its own ids.
  let suite: SuiteDatabase;
  beforeAll(async () => {
    suite = await open();
  });
  afterAll(() => suite.done());

  it('stores exactly what was written: rows whole and as patches, the log and the idempotency rows', async () => {
    const { db } = suite;
    const id = uuidv7();
    const created = newRow(id);
    const participant = created.body['participants'] as Record<string, unknown>;
    const log: LogEntry[] = [
      // The same path written twice in the batch: only the last write is what the body holds.
      { recordId: id, path: 'notes', version: 0, value: 'ketikan awal', deviceId: 'hp-1', userId: 'user-1' },
      { recordId: id, path: 'notes', version: 1, value: TRICKY, deviceId: 'hp-1', userId: 'user-1' },
      {
        recordId: id,
        path: `participants.p-${TRICKY}`,
        version: 0,
        value: participant[`p-${TRICKY}`],
        deviceId: 'hp-1',
        userId: 'u',
      },
      {
        recordId: id,
        path: `participants.p-${TRICKY}`,
        version: 1,
        value: null,
        deviceId: 'hp-1',
        userId: 'u',
      },
      // An entry no longer in the map (removed): null.
      { recordId: id, path: 'participants.hilang', version: 1, value: null, deviceId: 'hp-1', userId: 'u' },
      { recordId: id, path: 'nothing', version: 1, value: null, deviceId: 'hp-1', userId: 'u' },
      { recordId: id, path: 'count', version: 1, value: 3, deviceId: 'hp-1', userId: 'u' },
      { recordId: id, path: 'deleted', version: 1, value: false, deviceId: 'hp-1', userId: 'u' },
    ];
    const processed: ProcessedEntry[] = [
      { seq: 1, recordId: id, result: { status: 'applied', conflictIds: [] } },
      { seq: 2, recordId: id, result: { status: 'rejected', code: 'invalid', detail: TRICKY } },
    ];
    const batch = { tenantId: TENANT, userId: 'user-1', deviceId: 'hp-1' };
    await db.transaction(async (tx) => {
      const { written } = await writeBatch(tx, {
        ...batch,
        rows: [created],
        stored: new Map(),
        log,
        processed,
      });
      expect(written).toBe(true);
    });

    // A patch: one field changed (same object elsewhere), one removed, one set to undefined (removed too), a new
    // one added; the versions stamped over those read (one the same as stored); a field device stamped.
    const { agreements: _removed, ...kept } = created.body;
    const updated: RecordRow = {
      ...created,
      body: { ...kept, notes: `${TRICKY} lagi`, topics: undefined, extra: { [TRICKY]: [1, 'dua', null] } },
      field_stamps: { notes: 2, extra: 2, topics: 1 },
      field_devices: { notes: `hp-${TRICKY}` },
      version: 2,
      unit_ids: [],
      updated_by: 'user-2',
      updated_at: 2_000,
      deleted: true,
    };
    const log2: LogEntry[] = [
      {
        recordId: id,
        path: 'notes',
        version: 2,
        value: `${TRICKY} lagi`,
        deviceId: 'hp-2',
        userId: 'user-2',
        submitted: `${TRICKY} dikirim`,
      },
      {
        recordId: id,
        path: 'extra',
        version: 2,
        value: null,
        deviceId: 'hp-2',
        userId: 'user-2',
        submitted: null,
      },
    ];
    await db.transaction(async (tx) => {
      const stored = new Map([[id, created]]);
      const { written } = await writeBatch(tx, {
        ...batch,
        rows: [updated],
        stored,
        log: log2,
        processed: [],
      });
      expect(written).toBe(true);
    });

    const { rows } = await db.query<Omit<RecordRow, 'version' | 'created_at' | 'updated_at'> & { v: string }>(
      `SELECT id, tenant_id, kind, body, field_versions, field_devices, version::text AS v, deleted, unit_ids,
         created_by, updated_by, created_at::text AS created_at, updated_at::text AS updated_at
       FROM sync_records WHERE id = $1`,
      [id],
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    const { topics: _undefined, ...untouched } = kept;
    expect(row.body).toEqual({
      ...untouched,
      notes: `${TRICKY} lagi`,
      extra: { [TRICKY]: [1, 'dua', null] },
    });
    expect(Object.hasOwn(row.body, 'topics') || Object.hasOwn(row.body, 'agreements')).toBe(false);
    expect(row.field_versions).toEqual({ ...created.field_versions, notes: 2, extra: 2 });
    expect(row.field_devices).toEqual({ ...created.field_devices, notes: `hp-${TRICKY}` });
    expect(row).toMatchObject({
      kind: 'session',
      v: '2',
      deleted: true,
      unit_ids: [],
      created_by: 'user-1',
      updated_by: 'user-2',
      created_at: '1000',
      updated_at: '2000',
    });

    const changes = await db.query<{ path: string; version: string; value: unknown; submitted: unknown }>(
      `SELECT path, version::text AS version, value, submitted FROM sync_changes
       WHERE tenant_id = $1 AND record_id = $2 ORDER BY version, path`,
      [TENANT, id],
    );
    expect(changes.rows).toEqual([
      { path: 'notes', version: '0', value: 'ketikan awal', submitted: null },
      {
        path: `participants.p-${TRICKY}`,
        version: '0',
        value: { name: TRICKY, present: true, order: 0 },
        submitted: null,
      },
      { path: 'count', version: '1', value: 3, submitted: null },
      { path: 'deleted', version: '1', value: false, submitted: null },
      { path: 'notes', version: '1', value: TRICKY, submitted: null },
      { path: 'nothing', version: '1', value: null, submitted: null },
      { path: 'participants.hilang', version: '1', value: null, submitted: null },
      { path: `participants.p-${TRICKY}`, version: '1', value: null, submitted: null },
      { path: 'extra', version: '2', value: null, submitted: null },
      { path: 'notes', version: '2', value: `${TRICKY} lagi`, submitted: `${TRICKY} dikirim` },
    ]);
    // A JSON null is stored as jsonb 'null'; "submitted equals value" as SQL NULL.
    const nulls = await db.query<{ path: string; value_null: boolean; submitted_null: boolean }>(
      `SELECT path, value = 'null'::jsonb AS value_null, submitted IS NULL AS submitted_null FROM sync_changes
       WHERE tenant_id = $1 AND record_id = $2 AND value = 'null'::jsonb ORDER BY version, path`,
      [TENANT, id],
    );
    expect(nulls.rows).toEqual([
      { path: 'nothing', value_null: true, submitted_null: true },
      { path: 'participants.hilang', value_null: true, submitted_null: true },
      { path: `participants.p-${TRICKY}`, value_null: true, submitted_null: true },
      { path: 'extra', value_null: true, submitted_null: false },
    ]);

    const done = await db.query<{ seq: number; result: unknown }>(
      `SELECT seq, result FROM sync_processed WHERE tenant_id = $1 AND record_id = $2 ORDER BY seq`,
      [TENANT, id],
    );
    expect(done.rows).toEqual(processed.map((p) => ({ seq: p.seq, result: p.result })));
  });

  it("draws the tenant's versions in the statement: provisional versions written as the ones drawn, in order", async () => {
    const { db } = suite;
    const tenant = `${TENANT}-drawn`;
    const P = 2 ** 52;
    const [first, second] = [uuidv7(), uuidv7()];
    const batch = { tenantId: tenant, userId: 'user-1', deviceId: 'hp-1', processed: [] };
    // The tenant's first write: versions 1 and 2 for the provisional P+1, P+2.
    const created = (id: string, v: number): RecordRow => ({
      ...newRow(id),
      tenant_id: tenant,
      field_versions: {},
      field_stamps: { notes: v, topics: v },
      version: v,
    });
    const made = await db.transaction((tx) =>
      writeBatch(tx, {
        ...batch,
        rows: [created(first, P + 1), created(second, P + 2)],
        stored: new Map(),
        log: [
          { recordId: second, path: 'notes', version: P + 2, value: 'n', deviceId: 'hp-1', userId: 'user-1' },
        ],
        draw: { from: P, count: 2 },
      }),
    );
    expect(made).toEqual({ written: true, drawn: 2 });
    // Then an update: P+3 (handed out, then not written: a gap) and P+4 are drawn as 3 and 4; a real version stays.
    const stored = {
      ...created(second, 2),
      field_versions: { notes: 2, topics: 2 },
      field_stamps: undefined,
    };
    const updated = {
      ...stored,
      body: { ...stored.body, notes: 'baru' },
      field_stamps: { notes: P + 4, topics: 2 },
      version: P + 4,
    };
    const next = await db.transaction((tx) =>
      writeBatch(tx, {
        ...batch,
        rows: [updated],
        stored: new Map([[second, stored]]),
        log: [
          {
            recordId: second,
            path: 'notes',
            version: P + 4,
            value: 'baru',
            deviceId: 'hp-1',
            userId: 'user-1',
          },
        ],
        draw: { from: P + 2, count: 2 },
      }),
    );
    expect(next).toEqual({ written: true, drawn: 4 });
    const { rows } = await db.query<{ id: string; version: number; field_versions: unknown }>(
      `SELECT id::text AS id, version, field_versions FROM sync_records WHERE tenant_id = $1 ORDER BY version`,
      [tenant],
    );
    expect(rows).toEqual([
      { id: first, version: 1, field_versions: { notes: 1, topics: 1 } },
      { id: second, version: 4, field_versions: { notes: 4, topics: 2 } },
    ]);
    const log = await db.query<{ version: number }>(
      `SELECT version FROM sync_changes WHERE tenant_id = $1 ORDER BY version`,
      [tenant],
    );
    expect(log.rows.map((r) => r.version)).toEqual([2, 4]);
    const counter = await db.query<{ last: number }>(
      `SELECT last FROM tenant_versions WHERE tenant_id = $1`,
      [tenant],
    );
    expect(counter.rows).toEqual([{ last: 4 }]);
  });

  it.each([false, true])(
    'fails, and nothing of the statement commits, when the stored version is not the one read (sent with its COMMIT: %s)',
    async (last) => {
      const { db } = suite;
      const id = uuidv7();
      const created = newRow(id);
      const batch = { tenantId: TENANT, userId: 'user-1', deviceId: 'hp-1', log: [], processed: [] };
      await db.transaction((tx) => writeBatch(tx, { ...batch, rows: [created], stored: new Map() }));
      const stale = { ...created, version: 0 };
      const next = { ...created, body: { ...created.body, notes: 'baru' }, version: 3 };
      const log: LogEntry[] = [
        { recordId: id, path: 'notes', version: 3, value: 'baru', deviceId: 'hp-1', userId: 'user-1' },
      ];
      const processed: ProcessedEntry[] = [{ seq: 41, recordId: id, result: { status: 'applied' } }];
      const attempt = db.transaction((tx) =>
        writeBatch(tx, { ...batch, rows: [next], stored: new Map([[id, stale]]), log, processed }, { last }),
      );
      await expect(attempt).rejects.toMatchObject({ code: WRITE_MISSED });
      const { rows } = await db.query<{ notes: string; logged: number; answered: number }>(
        `SELECT body->>'notes' AS notes,
           (SELECT count(*)::int FROM sync_changes WHERE tenant_id = $2 AND record_id = $1) AS logged,
           (SELECT count(*)::int FROM sync_processed WHERE tenant_id = $2 AND record_id = $1) AS answered
         FROM sync_records WHERE tenant_id = $2 AND id = $1`,
        [id, TENANT],
      );
      expect(rows).toEqual([{ notes: TRICKY, logged: 0, answered: 0 }]);
    },
  );
});
