/**
 * File metadata in PostgreSQL (migration 004): stored files (`file_blobs`), uploads (`file_uploads`), a tenant's
 * usage, and the access checks of uploads (the parent record) and downloads (a visible attachment record).
 * Same SQL on PGlite and PostgreSQL.
 */
import type { AuthContext } from '../auth/types';
import type { Database, Queryable } from '../db/types';
import { canRead, canWrite } from '../../shared/access';
import { visibilityParams, visibilitySql } from '../sync/access';
import type { RecordKind } from '../../shared/records';
import { withinQuota, type UploadMetadata } from './policy';

/**
 * Per-tenant lock (two-key advisory lock) taken while checking the quota and reserving. Its key space must differ
 * from every other advisory lock's (sync/locks.ts: WRITERS_LOCK 74_510_001, DEVICE_LOCK 74_510_002, UNITS_LOCK
 * 74_510_004): sharing one made a device's push wait on a tenant's upload whenever their second keys collided.
 */
export const QUOTA_LOCK = 74_510_003;

export type UploadStatus = 'receiving' | 'stored' | 'rejected' | 'expired';

export interface UploadRow {
  id: string;
  tenantId: string;
  userId: string;
  sha256: string;
  size: number;
  filename: string;
  declaredType: string;
  parentId: string;
  status: UploadStatus;
  reason: string | null;
}

export interface BlobRow {
  size: number;
  mime: string;
}

type RawUpload = {
  id: string;
  tenant_id: string;
  user_id: string;
  sha256: string;
  size: string | number;
  filename: string;
  declared_type: string;
  parent_id: string;
  status: UploadStatus;
  reason: string | null;
};

const toUpload = (r: RawUpload): UploadRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  userId: r.user_id,
  sha256: r.sha256,
  size: Number(r.size),
  filename: r.filename,
  declaredType: r.declared_type,
  parentId: r.parent_id,
  status: r.status,
  reason: r.reason,
});

export async function findUpload(db: Queryable, tenantId: string, id: string): Promise<UploadRow | null> {
  const { rows } = await db.query<RawUpload>('SELECT * FROM file_uploads WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    id,
  ]);
  return rows[0] ? toUpload(rows[0]) : null;
}

export async function findBlob(db: Queryable, tenantId: string, sha256: string): Promise<BlobRow | null> {
  const { rows } = await db.query<{ size: string | number; mime: string }>(
    'SELECT size, mime FROM file_blobs WHERE tenant_id = $1 AND sha256 = $2',
    [tenantId, sha256],
  );
  return rows[0] ? { size: Number(rows[0].size), mime: rows[0].mime } : null;
}

export type ParentCheck = 'ok' | 'unknown' | 'forbidden' | 'deleted' | 'not-attachable';

/**
 * May `auth` attach a file to record `parentId`? A record the caller may not see (another tenant's, another
 * unit's) counts as unknown, like one that has not synced yet (the client retries later): its existence is not
 * revealed (issue #17). `forbidden` only for a record the caller sees but may not write (a viewer).
 */
export async function checkParent(
  db: Queryable,
  auth: AuthContext,
  parentId: string,
  attachable: readonly string[],
): Promise<ParentCheck> {
  const { rows } = await db.query<{
    tenant_id: string;
    kind: RecordKind;
    unit_ids: string[];
    created_by: string;
    deleted: boolean;
  }>(
    'SELECT tenant_id, kind, unit_ids, created_by, deleted FROM sync_records WHERE tenant_id = $1 AND id = $2',
    [auth.tenantId, parentId],
  );
  const row = rows[0];
  if (!row) return 'unknown';
  const scope = { tenantId: row.tenant_id, kind: row.kind, unitIds: row.unit_ids, createdBy: row.created_by };
  if (!canRead(auth, scope)) return 'unknown';
  if (!canWrite(auth, scope)) return 'forbidden';
  if (!attachable.includes(row.kind)) return 'not-attachable';
  if (row.deleted) return 'deleted';
  return 'ok';
}

/**
 * Bytes stored by a tenant, and bytes its uploads still arriving (younger than `expiryMs`) hold: each upload by
 * the length it declared, whatever its hash. Counting an announced hash once, or not at all when it is stored,
 * let 40 uploads naming one hash hold 40 MiB of partials under a 3 MiB quota for a day (issue #17): an upload
 * that brings no bytes is closed at once instead (`recordStoredUpload`) and reserves nothing.
 */
export async function tenantUsage(
  db: Queryable,
  tenantId: string,
  expiryMs: number,
): Promise<{ usedBytes: number; reservedBytes: number }> {
  const { rows } = await db.query<{ used: string | number | null; reserved: string | number | null }>(
    `SELECT (SELECT sum(size) FROM file_blobs WHERE tenant_id = $1) AS used,
            (SELECT sum(size) FROM file_uploads
             WHERE tenant_id = $1 AND status = 'receiving'
               AND created_at > now() - make_interval(secs => $2::double precision / 1000)) AS reserved`,
    [tenantId, expiryMs],
  );
  return { usedBytes: Number(rows[0]?.used ?? 0), reservedBytes: Number(rows[0]?.reserved ?? 0) };
}

/** Uploads of the account still arriving (younger than `expiryMs`). */
export async function unfinishedUploads(
  db: Queryable,
  auth: Pick<AuthContext, 'tenantId' | 'userId'>,
  expiryMs: number,
): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM file_uploads
     WHERE tenant_id = $3 AND user_id = $1 AND status = 'receiving'
       AND created_at > now() - make_interval(secs => $2::double precision / 1000)`,
    [auth.userId, expiryMs, auth.tenantId],
  );
  return Number(rows[0]?.n ?? 0);
}

class OverQuota extends Error {}
class TooManyUploads extends Error {}

export type Reservation = 'reserved' | 'over-quota' | 'too-many-uploads';

/**
 * Records a new upload if its user has fewer than `maxUnfinished` uploads arriving and the tenant stays within
 * its quota with it, under a per-tenant lock so two uploads starting at once are counted against each other: the
 * row is written, usage is measured with it, and the transaction is rolled back when it does not fit.
 */
export async function reserveUpload(
  db: Database,
  input: {
    id: string;
    auth: AuthContext;
    size: number;
    meta: UploadMetadata;
    quotaBytes: number;
    expiryMs: number;
    maxUnfinished: number;
  },
): Promise<Reservation> {
  try {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [QUOTA_LOCK, input.auth.tenantId]);
      if ((await unfinishedUploads(tx, input.auth, input.expiryMs)) >= input.maxUnfinished)
        throw new TooManyUploads();
      await insertUpload(tx, input.id, input.auth, input.size, input.meta, 'receiving');
      const usage = await tenantUsage(tx, input.auth.tenantId, input.expiryMs);
      if (!withinQuota({ ...usage, quotaBytes: input.quotaBytes })) throw new OverQuota();
    });
    return 'reserved';
  } catch (err) {
    if (err instanceof OverQuota) return 'over-quota';
    if (err instanceof TooManyUploads) return 'too-many-uploads';
    throw err;
  }
}

async function insertUpload(
  db: Queryable,
  id: string,
  auth: AuthContext,
  size: number,
  meta: UploadMetadata,
  status: 'receiving' | 'stored',
): Promise<void> {
  await db.query(
    `INSERT INTO file_uploads
       (id, tenant_id, user_id, sha256, size, filename, declared_type, parent_id, status, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $9 = 'stored' THEN now() END)`,
    [id, auth.tenantId, auth.userId, meta.sha256, size, meta.filename, meta.filetype, meta.parentId, status],
  );
}

/**
 * An upload of content the tenant holds and the caller has shown it has (`holdsContent`): closed as stored at
 * once, with no bytes and no reservation. The row still ties the content to the upload's parent for downloads.
 */
export async function recordStoredUpload(
  db: Queryable,
  input: { id: string; auth: AuthContext; size: number; meta: UploadMetadata },
): Promise<void> {
  await insertUpload(db, input.id, input.auth, input.size, input.meta, 'stored');
}

/** The file is in the store: record it (once per tenant and hash) and close the upload, in one transaction. */
export async function markStored(db: Database, upload: UploadRow, mime: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO file_blobs (tenant_id, sha256, size, mime, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, sha256) DO NOTHING`,
      [upload.tenantId, upload.sha256, upload.size, mime, upload.userId],
    );
    await tx.query(
      `UPDATE file_uploads SET status = 'stored', finished_at = now() WHERE tenant_id = $1 AND id = $2`,
      [upload.tenantId, upload.id],
    );
  });
}

export async function markRejected(db: Queryable, upload: UploadRow, reason: string): Promise<void> {
  await db.query(
    `UPDATE file_uploads SET status = 'rejected', reason = $2, finished_at = now()
     WHERE tenant_id = $3 AND id = $1 AND status = 'receiving'`,
    [upload.id, reason, upload.tenantId],
  );
}

/** The client gave the upload up (tus termination): it stops reserving quota. */
export async function closeUpload(db: Queryable, upload: UploadRow): Promise<void> {
  await db.query(
    `UPDATE file_uploads SET status = 'expired', finished_at = now()
     WHERE tenant_id = $1 AND id = $2 AND status = 'receiving'`,
    [upload.tenantId, upload.id],
  );
}

/** Uploads left unfinished past the expiry stop reserving quota; returns their ids (their partials go too). */
export async function expireUploads(db: Queryable, expiryMs: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE file_uploads SET status = 'expired', finished_at = now()
     WHERE status = 'receiving' AND created_at <= now() - make_interval(secs => $1::double precision / 1000)
     RETURNING id`,
    [expiryMs],
  );
  return rows.map((r) => r.id);
}

/**
 * The name to download `sha256` under, or null: `auth` must see a live attachment record of its tenant with that
 * content whose parent exists in the tenant and `auth` may read too (a missing parent denies everyone, its
 * creator included: an attachment naming a made-up parent was how a known hash opened another unit's file), and
 * the bytes must have reached the server for that record: a stored upload of the content to the same parent, or
 * one by the person the record was created by (the same photo attached twice is uploaded once). Without that
 * last rule anyone who knew a hash could attach it to a record of their own and download it (issue #17).
 * Never looks outside the caller's tenant, so another tenant's files cannot even be confirmed to exist.
 */
export async function downloadName(db: Queryable, auth: AuthContext, sha256: string): Promise<string | null> {
  const { rows } = await db.query<{ name: string | null }>(
    `SELECT a.body ->> 'name' AS name
     FROM sync_records a
     JOIN sync_records p
       ON p.id = CASE WHEN a.body ->> 'parentId' ~ '^[0-9a-fA-F-]{36}$' THEN (a.body ->> 'parentId')::uuid END
      AND p.tenant_id = $1
     WHERE a.tenant_id = $1 AND a.kind = 'attachment' AND a.body ->> 'sha256' = $2 AND NOT a.deleted
       AND ${visibilitySql(3, 'a')}
       AND ${visibilitySql(3, 'p')}
       AND EXISTS (SELECT 1 FROM file_uploads u
                   WHERE u.tenant_id = $1 AND u.sha256 = $2 AND u.status = 'stored'
                     AND (u.parent_id = p.id OR u.user_id = a.created_by))
     ORDER BY a.version DESC
     LIMIT 1`,
    [auth.tenantId, sha256, ...visibilityParams(auth)],
  );
  return rows[0] ? (rows[0].name ?? 'berkas') : null;
}

/**
 * Whether `auth` has shown it has the content `sha256`: it uploaded those bytes itself (a stored upload), or it
 * may download them. Only then may an upload of stored content skip sending the bytes.
 */
export async function holdsContent(db: Queryable, auth: AuthContext, sha256: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM file_uploads
     WHERE tenant_id = $1 AND sha256 = $2 AND user_id = $3 AND status = 'stored' LIMIT 1`,
    [auth.tenantId, sha256, auth.userId],
  );
  return rows.length > 0 || (await downloadName(db, auth, sha256)) !== null;
}
