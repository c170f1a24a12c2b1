/**
 * Who may read and write which synced record. One place, used by push and pull (pull repeats it in SQL: keep
 * `visibilitySql` in step with `canRead`).
 * - another tenant: never;
 * - unit and person records: the whole tenant reads them, only coordinators write them;
 * - records of units (sessions, drafts, checklists, submissions, conflicts): coordinators (unitIds null) all of the tenant,
 *   innovators and facilitators those sharing a unit with them;
 * - records without a unit: their creator and coordinators;
 * - comments: whoever sees their draft (the server copies the draft's scope onto them, see comments.ts);
 * - viewers never write.
 */
import type { AuthContext } from '../auth/types';
import type { RecordKind } from '../../shared/records';

export interface RecordScope {
  tenantId: string;
  kind: RecordKind;
  unitIds: readonly string[];
  createdBy: string;
}

const TENANT_WIDE: readonly RecordKind[] = ['unit', 'person'];

export function canRead(auth: AuthContext, rec: RecordScope): boolean {
  if (rec.tenantId !== auth.tenantId) return false;
  if (TENANT_WIDE.includes(rec.kind) || auth.unitIds === null) return true;
  if (rec.unitIds.length === 0) return rec.createdBy === auth.userId;
  const mine = auth.unitIds;
  return rec.unitIds.some((u) => mine.includes(u));
}

export function canWrite(auth: AuthContext, rec: RecordScope): boolean {
  if (!auth.canWrite || rec.tenantId !== auth.tenantId) return false;
  if (TENANT_WIDE.includes(rec.kind)) return auth.role === 'coordinator';
  return canRead(auth, rec);
}

/**
 * The SQL twin of `canRead` for the pull query; parameters start at `$first` (all, unit ids, user id). `table`
 * qualifies the columns when a query joins sync_records to itself (file downloads check attachment and parent).
 */
export function visibilitySql(first: number, table = ''): string {
  const [all, units, user] = [first, first + 1, first + 2].map((n) => `$${n}`);
  const t = table ? `${table}.` : '';
  return `(${all}::boolean OR ${t}kind IN ('unit', 'person') OR ${t}unit_ids && ${units}::text[] OR (cardinality(${t}unit_ids) = 0 AND ${t}created_by = ${user}))`;
}

export const visibilityParams = (auth: AuthContext): unknown[] => [
  auth.unitIds === null,
  auth.unitIds ?? [],
  auth.userId,
];

/** Units a record belongs to, derived from its body (stored in `sync_records.unit_ids`). */
export function unitIdsOf(kind: RecordKind, body: Record<string, unknown>): string[] {
  if (kind === 'session') return Array.isArray(body.unitIds) ? (body.unitIds as string[]) : [];
  if (
    kind === 'draft' ||
    kind === 'checklist' ||
    kind === 'comment' ||
    kind === 'submission' ||
    kind === 'attachment'
  )
    return typeof body.unitId === 'string' ? [body.unitId] : [];
  return [];
}
