/**
 * Who may read and write which synced record: one rule set for the server (push, pull, files, history, review)
 * and the phone (which hides or disables what the server would refuse, and whose store refuses to queue it).
 * Pure: no browser or Node imports.
 * - another tenant: never;
 * - unit and person records: the whole tenant reads them, only coordinators write them;
 * - records of units (sessions, drafts, checklists, submissions, conflicts): coordinators (unitIds null) all of the tenant,
 *   innovators and facilitators those sharing a unit with them;
 * - records without a unit: their creator and coordinators;
 * - comments: whoever sees their draft (the server copies the draft's scope onto them, see comments.ts);
 * - viewers never write.
 * The server's pull repeats `canRead` in SQL (`src/server/sync/access.ts`, `visibilitySql`): keep them in step.
 */
import type { Person, RecordKind } from './records';

/** An account's role (a person without an account has none: `Person['role']` is null for them). */
export type PersonRole = NonNullable<Person['role']>;

/** Who is acting. The server's `AuthContext` is one; the phone builds one from the signed-in user (`principalOf`). */
export interface AccessPrincipal {
  tenantId: string;
  userId: string;
  role: PersonRole;
  /** Units whose records this person may see and write; `null` means the whole tenant (coordinators). */
  unitIds: readonly string[] | null;
  /** False for viewers: they read only. */
  canWrite: boolean;
}

/** What the rules need to know about a record. */
export interface RecordScope {
  tenantId: string;
  kind: RecordKind;
  unitIds: readonly string[];
  createdBy: string;
}

const TENANT_WIDE: readonly RecordKind[] = ['unit', 'person'];

/** The reach of a person: coordinators the whole tenant, viewers read only. */
export function principalOf(user: {
  id: string;
  tenantId: string;
  role: PersonRole;
  unitIds: readonly string[];
}): AccessPrincipal {
  return {
    userId: user.id,
    tenantId: user.tenantId,
    role: user.role,
    unitIds: user.role === 'coordinator' ? null : [...user.unitIds],
    canWrite: user.role !== 'viewer',
  };
}

export function canRead(who: AccessPrincipal, rec: RecordScope): boolean {
  if (rec.tenantId !== who.tenantId) return false;
  if (TENANT_WIDE.includes(rec.kind) || who.unitIds === null) return true;
  if (rec.unitIds.length === 0) return rec.createdBy === who.userId;
  const mine = who.unitIds;
  return rec.unitIds.some((u) => mine.includes(u));
}

export function canWrite(who: AccessPrincipal, rec: RecordScope): boolean {
  if (!who.canWrite || rec.tenantId !== who.tenantId) return false;
  if (TENANT_WIDE.includes(rec.kind)) return who.role === 'coordinator';
  return canRead(who, rec);
}

/** Units a record belongs to, derived from its body (the server stores it in `sync_records.unit_ids`). */
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

/**
 * Kinds whose scope follows from the record alone, so the phone can judge a write to them exactly as the server
 * will. The others take their scope from another record on the server (a comment its draft's, a conflict its
 * record's, a file on a record without a unit its parent's) and have their own rules (comments.ts): the phone
 * leaves those to them and to the server.
 */
export const SELF_SCOPED_KINDS: readonly RecordKind[] = [
  'unit',
  'person',
  'session',
  'draft',
  'checklist',
  'submission',
];

/** The scope of a stored record (envelope plus body fields) as the server would compute it. */
export function scopeOfRecord(
  kind: RecordKind,
  record: { tenantId: string; createdBy: string } & Record<string, unknown>,
): RecordScope {
  return { tenantId: record.tenantId, kind, unitIds: unitIdsOf(kind, record), createdBy: record.createdBy };
}
