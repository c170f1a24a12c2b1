/**
 * Merging two units of a tenant, on the server in ONE transaction (a coordinator asks from the units screen):
 * every record that names the merged unit (sessions' `unitIds`, the `unitId` of drafts, checklists, submissions,
 * comments and attachments, people's `unitIds`; deleted ones too, so a restore lands right) is rewritten to name
 * the kept unit, conflicts follow their record's units, accounts' `unit_ids` are rewritten, and the merged unit
 * is archived with `mergedInto: <kept id>`. Records are written through the sync store (`writeRecordsAsServer`),
 * so their versions advance and every phone pulls them; history stays in the change log.
 *
 * Concurrency: the merge holds the tenant's units lock exclusively (UNITS_LOCK, sync/locks.ts); a push that names a
 * unit holds it shared and maps merged units to kept ones (`mergedInto`), so a phone that was offline during the
 * merge still lands its records in the kept unit. Two merges of the same pair run one after the other: the
 * second finds the unit already merged (409).
 */
import type { AuthContext } from '../auth/types';
import type { Database, Queryable } from '../db/types';
import { UNITS_LOCK } from '../sync/locks';
import { rowToRecord } from '../sync/rows';
import { SERVER_DEVICE, writeRecordsAsServer, type ServerRecordWrite } from '../sync/serverWrites';
import { UNIT_FIELDS, remapUnitValue } from '../../shared/domain/units';
import type { AnyRecord, RecordKind, Unit } from '../../shared/records';
import type { MergeUnitsResponse } from '../../shared/units';

export class UnitMergeError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    readonly messageId: string,
    readonly messageEn: string,
  ) {
    super(`${messageId} / ${messageEn}`);
  }
}

const notFound = () => new UnitMergeError(404, 'not-found', 'Unit tidak ditemukan', 'Unit not found');

interface UnitRow {
  id: string;
  kind: RecordKind;
  deleted: boolean;
  body: Record<string, unknown>;
}

export interface MergeOutcome {
  response: MergeUnitsResponse;
  /** Highest version written (what the live events announce). */
  newVersion: number | null;
}

export async function mergeUnits(
  db: Database,
  auth: AuthContext,
  mergedId: string,
  keptId: string,
): Promise<MergeOutcome> {
  if (auth.role !== 'coordinator' || !auth.canWrite)
    throw new UnitMergeError(
      403,
      'forbidden',
      'Hanya admin lokal yang dapat menggabungkan unit',
      'Only local admins can merge units',
    );
  const from = mergedId.toLowerCase();
  const into = keptId.toLowerCase();
  if (from === into)
    throw new UnitMergeError(
      400,
      'same-unit',
      'Pilih dua unit yang berbeda untuk digabung',
      'Choose two different units to merge',
    );
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [UNITS_LOCK, auth.tenantId]);
    // Which records name the merged unit. Stable from here: every write of a unit field waits for the lock.
    const { rows: named } = await tx.query<{ id: string; kind: RecordKind }>(
      `SELECT id::text AS id, kind FROM sync_records
       WHERE tenant_id = $1 AND ($2 = ANY(unit_ids) OR (kind = 'person' AND body->'unitIds' @> to_jsonb($2::text)))`,
      [auth.tenantId, from],
    );
    // Checked first on a plain read (the common refusals cost no lock), then again on the locked rows.
    const units = await readUnits(tx, auth.tenantId, [from, into]);
    check(units.get(from), units.get(into));

    const edits: ServerRecordWrite[] = [
      { op: 'update', kind: 'unit', id: from, values: { archived: true, mergedInto: into } },
    ];
    const map = new Map([[from, into]]);
    const moved: MergeUnitsResponse['moved'] = {
      session: 0,
      draft: 0,
      checklist: 0,
      submission: 0,
      comment: 0,
      attachment: 0,
      person: 0,
      conflict: 0,
    };
    const { rows: bodies } = await tx.query<{
      id: string;
      kind: RecordKind;
      body: Record<string, unknown>;
      unit_ids: string[];
    }>(
      `SELECT id::text AS id, kind, body, unit_ids FROM sync_records WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [auth.tenantId, named.map((r) => r.id)],
    );
    for (const row of bodies) {
      if (row.kind === 'unit') continue;
      if (row.kind === 'conflict') {
        const unitIds = remapUnitValue(row.unit_ids, map) as string[];
        edits.push({ op: 'update', kind: row.kind, id: row.id, values: {}, unitIds });
        moved.conflict++;
        continue;
      }
      const field = UNIT_FIELDS[row.kind];
      if (!field) continue;
      const values = { [field]: remapUnitValue(row.body[field] ?? null, map) };
      edits.push({ op: 'update', kind: row.kind, id: row.id, values });
      if (row.kind in moved) moved[row.kind as keyof typeof moved]++;
    }
    // Every row is locked (units and records together, in id order) and the units checked again on the locked
    // rows: a coordinator's push may have deleted or archived one meanwhile.
    const writer = { tenantId: auth.tenantId, userId: auth.userId, deviceId: SERVER_DEVICE };
    const newVersion = await writeRecordsAsServer(
      tx,
      writer,
      [...edits, { op: 'update', kind: 'unit', id: into, values: {} }],
      {
        verify: (locked) => {
          const lockedFrom = locked.get(from);
          const lockedInto = locked.get(into);
          check(lockedFrom && asRow(lockedFrom), lockedInto && asRow(lockedInto));
        },
      },
    );

    const { rows: accounts } = await tx.query<{ id: string }>(
      `UPDATE users SET unit_ids = ARRAY(
         SELECT u FROM unnest(array_replace(unit_ids, $2, $3)) WITH ORDINALITY AS t(u, n) GROUP BY u ORDER BY min(n)
       )
       WHERE tenant_id = $1 AND $2 = ANY(unit_ids) RETURNING id`,
      [auth.tenantId, from, into],
    );
    const after = await readUnits(tx, auth.tenantId, [from, into]);
    return {
      response: {
        merged: after.get(from)!.record as Unit,
        kept: after.get(into)!.record as Unit,
        moved,
        accounts: accounts.length,
      },
      newVersion,
    };
  });
}

async function readUnits(
  tx: Queryable,
  tenantId: string,
  ids: string[],
): Promise<Map<string, UnitRow & { record: ReturnType<typeof rowToRecord> }>> {
  const { rows } = await tx.query<Parameters<typeof rowToRecord>[0]>(
    `SELECT * FROM sync_records WHERE tenant_id = $1 AND kind = 'unit' AND id = ANY($2::uuid[])
`,
    [tenantId, ids],
  );
  return new Map(rows.map((r) => [String(r.id), { ...r, record: rowToRecord(r) }]));
}

const asRow = (record: AnyRecord): UnitRow => ({
  id: record.id,
  kind: record.kind,
  deleted: record.deleted || record.kind !== 'unit',
  body: record as unknown as Record<string, unknown>,
});

function check(from: UnitRow | undefined, into: UnitRow | undefined): void {
  // Another tenant's unit answers exactly like a missing one.
  if (!from || from.deleted || !into || into.deleted) throw notFound();
  if ((from.body.mergedInto ?? null) !== null)
    throw new UnitMergeError(
      409,
      'already-merged',
      'Unit ini sudah digabung ke unit lain',
      'This unit was already merged into another unit',
    );
  if ((into.body.mergedInto ?? null) !== null)
    throw new UnitMergeError(
      409,
      'kept-merged',
      'Unit yang dipertahankan sudah digabung ke unit lain; pilih unit tujuannya',
      'The unit to keep was itself merged into another unit; choose that one',
    );
}
