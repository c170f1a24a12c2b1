/**
 * Attachments on push: a new attachment hangs on a parent record the caller may write, and takes its scope from
 * it; what it is and where it hangs never change afterwards (the bytes go over tus, see files/).
 */
import type { AuthContext } from '../auth/types';
import { jsonEqual, type FieldValues } from '../../shared/fieldPaths';
import { canWrite } from '../../shared/access';
import { pathValue, scopeOf, type RecordRow } from './rows';

/** Paths of an attachment that never change after its create (what it is, and where it hangs). */
const ATTACHMENT_FIXED_PATHS = ['sha256', 'parentId', 'parentKind'] as const;

/**
 * One answer, in both languages, for an attachment whose parent is not on the server, is in another tenant, or
 * is not the caller's to write: nothing tells them apart.
 */
export const ATTACHMENT_PARENT_REFUSED =
  'parentId: catatan induk tidak ada atau tidak boleh Anda lampiri / the parent record is not there or not yours to attach to';

type AttachmentVerdict =
  { ok: true; createdBy: string } | { ok: false; code: 'not-found' | 'invalid'; detail: string };

/**
 * Checks a new attachment against its parent, which must be on the server (in this push or before: a phone
 * pushes a parent before the files attached to it), in the caller's tenant, and writable by the caller (issue
 * #17: a made-up or another unit's parent let a known hash open someone else's file). Sets the attachment's unit
 * from its parent, as comments take their draft's, and returns the `created_by` its row must carry: a file on a
 * record without a unit is scoped like that record, so whoever may read the parent reads its files.
 */
export async function prepareAttachmentCreate(
  row: (id: string) => Promise<RecordRow | undefined>,
  auth: AuthContext,
  body: Record<string, unknown>,
): Promise<AttachmentVerdict> {
  const parent = await row(String(body.parentId));
  if (!parent || parent.tenant_id !== auth.tenantId || !canWrite(auth, scopeOf(parent)))
    return { ok: false, code: 'not-found', detail: ATTACHMENT_PARENT_REFUSED };
  if (parent.kind !== body.parentKind) return { ok: false, code: 'invalid', detail: 'parentKind' };
  const units = parent.unit_ids;
  if (units.length === 0) {
    body.unitId = null;
    return { ok: true, createdBy: parent.created_by };
  }
  if (typeof body.unitId !== 'string' || !units.includes(body.unitId)) {
    const mine = auth.unitIds;
    body.unitId = units.find((u) => mine === null || mine.includes(u)) ?? units[0]!;
  }
  return { ok: true, createdBy: auth.userId };
}

/**
 * The first fixed path (see ATTACHMENT_FIXED_PATHS) a change to a stored attachment would change, or null. A file
 * stays on its record and its content: attaching elsewhere is a new attachment, checked as one.
 */
export function movedAttachmentPath(row: RecordRow, values: FieldValues): string | null {
  for (const path of ATTACHMENT_FIXED_PATHS) {
    if (Object.hasOwn(values, path) && !jsonEqual(pathValue(row.kind, row.body, path), values[path] ?? null))
      return path;
  }
  return null;
}
