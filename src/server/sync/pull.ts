/**
 * Pull: records above a cursor that the caller may see, oldest version first, and whole records by id (the long
 * fields a summary pull left out). Each page stops at a byte budget so that it compresses to a small response.
 */
import { createHash } from 'node:crypto';
import type { AuthContext } from '../auth/types';
import type { Database } from '../db/types';
import type { AnyRecord } from '../../shared/records';
import type { PullQuery, PullResponse, RecordsRequest, RecordsResponse } from '../../shared/protocol';
import { summarizeRecord } from '../../shared/summary';
import { visibilityParams, visibilitySql } from './access';
import { rowToRecord, type RecordRow } from './rows';
import { recordsByIdSql, tenantTopVersionSql } from './lookups';

/** Stop adding rows to a pull page past this many bytes of JSON (compresses to roughly 64 KB). */
export const PULL_BYTE_BUDGET = 384 * 1024;
/** The same for summary pages, which compress about twice as well (long free text left out). */
export const PULL_SUMMARY_BYTE_BUDGET = 640 * 1024;

/** Records above the cursor that the caller may see, oldest version first, in one consistent snapshot. */
export async function pullChanges(db: Database, auth: AuthContext, query: PullQuery): Promise<PullResponse> {
  const { rows } = await db.query<RecordRow & { tenant_max: string | number | null }>(
    `WITH page AS (
       SELECT * FROM sync_records
       WHERE tenant_id = $1 AND version > $2 AND ${visibilitySql(4)}
       ORDER BY version LIMIT $3
     ), top AS (SELECT ${tenantTopVersionSql('$1')} AS tenant_max)
     SELECT top.tenant_max, page.* FROM top LEFT JOIN page ON true ORDER BY page.version`,
    [auth.tenantId, query.cursor, query.limit, ...visibilityParams(auth)],
  );
  const records: AnyRecord[] = [];
  let bytes = 0;
  let cursor = query.cursor;
  let cut = false;
  const summary = query.view === 'summary';
  for (const row of rows) {
    if (row.id === null || row.id === undefined) continue;
    const whole = rowToRecord(row);
    const record = summary ? summarizeRecord(whole) : whole;
    bytes += JSON.stringify(record).length;
    if (records.length > 0 && bytes > (summary ? PULL_SUMMARY_BYTE_BUDGET : PULL_BYTE_BUDGET)) {
      cut = true;
      break;
    }
    records.push(record);
    cursor = record.rev;
  }
  const hasMore = cut || records.length === query.limit;
  // A short page saw everything of the tenant up to `tenant_max` (same snapshot): skip past invisible rows too.
  const tenantMax = Number(rows[0]?.tenant_max ?? 0);
  if (!hasMore && tenantMax > cursor) cursor = tenantMax;
  return { records, cursor, hasMore, scope: visibilityScope(auth) };
}

/**
 * Whole records by id, those the caller may see, in the order asked, up to the pull page's byte budget (the rest
 * are listed in `later`). Unknown ids and ids of records the caller may not see are both just `missing`.
 */
export async function fetchRecords(
  db: Database,
  auth: AuthContext,
  req: RecordsRequest,
): Promise<RecordsResponse> {
  const ids = [...new Set(req.ids)];
  const { rows } = await db.query<RecordRow>(
    `SELECT r.* FROM ${recordsByIdSql('$1', '$2', 'r', { where: visibilitySql(3) })}`,
    [auth.tenantId, ids, ...visibilityParams(auth)],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const records: AnyRecord[] = [];
  const missing: string[] = [];
  const later: string[] = [];
  let bytes = 0;
  for (const id of ids) {
    const row = byId.get(id.toLowerCase());
    if (!row) {
      missing.push(id);
      continue;
    }
    if (later.length > 0) {
      later.push(id);
      continue;
    }
    const record = rowToRecord(row);
    const size = JSON.stringify(record).length;
    if (records.length > 0 && bytes + size > PULL_BYTE_BUDGET) {
      later.push(id);
      continue;
    }
    bytes += size;
    records.push(record);
  }
  return { records, missing, later };
}

/** Digest of what `auth` may see: when it changes (a unit assigned), the client pulls again from the start. */
export function visibilityScope(auth: AuthContext): string {
  const units = auth.unitIds === null ? '*' : [...auth.unitIds].sort().join(',');
  return createHash('sha256')
    .update(`${auth.tenantId}|${auth.role}|${units}`)
    .digest('base64url')
    .slice(0, 22);
}
