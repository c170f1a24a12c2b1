/**
 * Orphan file cleanup: stored files that no live attachment record of their tenant references (the record was
 * deleted, or never synced) are removed from the store once they have been unreferenced for the grace period
 * (FILE_ORPHAN_DAYS), which releases their bytes from the tenant's quota; uploads left unfinished past the upload
 * expiry are closed and their partial bytes removed. Run by `npm run admin -- files:cleanup` and, every
 * FILE_CLEANUP_INTERVAL_HOURS, by the server.
 *
 * How "unreferenced for the grace period" is measured (migration 006): `file_blobs.unreferenced_since` is stamped
 * when a file is stored and when a run first finds it unreferenced, and cleared when a run finds it referenced.
 * A file is removed only when it is stamped earlier than the grace period ago AND, checked again under the
 * tenant's quota lock, still unreferenced with no upload of the same content arriving. So a record that syncs
 * late (a phone offline for weeks) within the grace keeps its file, and a file is never removed while any
 * non-deleted attachment record of its tenant names it.
 *
 * Order of removal: the bytes first, then the row. A run cut between the two leaves a row whose bytes are gone,
 * which the next run removes (deleting absent bytes is not an error); the reverse order could leave bytes no row
 * accounts for. An upload of the same content that finishes meanwhile puts the bytes again (finalize checks the
 * store, not only the row).
 */
import type { Database, Queryable } from '../db/types';
import type { Logger } from '../http/logging';
import type { BlobStore } from './storage';
// The per-tenant quota lock: held while a file is removed, so no upload of it starts meanwhile.
import { QUOTA_LOCK } from './repository';

export const FILE_ORPHAN_DAYS_DEFAULT = 30;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** What the cleanup needs of the partial-upload store (tus FileStore or S3Store). */
export interface PartialRemover {
  remove(id: string): Promise<void>;
  deleteExpired(): Promise<number>;
}

export interface CleanupOptions {
  blobs: BlobStore;
  partials: PartialRemover;
  /** A file unreferenced for this long is removed (FILE_ORPHAN_DAYS). */
  graceMs: number;
  /** Uploads unfinished for this long are closed and their bytes removed (the upload expiry, a day). */
  uploadExpiryMs: number;
  /** Report what would go, change nothing (not even the stamps). */
  dryRun: boolean;
  logger?: Logger;
}

export interface RemovedFile {
  tenantId: string;
  sha256: string;
  size: number;
  unreferencedSince: string;
}

export interface CleanupReport {
  dryRun: boolean;
  files: RemovedFile[];
  /** Bytes released from tenants' quotas (sum of the files' sizes). */
  releasedBytes: number;
  /** Unfinished uploads closed (ids). */
  uploads: string[];
  /** Partial files removed by the partial store's own expiry (no upload row names them). */
  strayPartials: number;
}

/**
 * SQL: a live attachment record of the file's tenant names its content (`b` is the file_blobs row), and the record
 * it belongs to is not deleted (a deleted comment or session keeps its attachment records, restorable with it,
 * so its files stay for the grace from the deletion). A parent not on the server yet counts as live.
 */
const REFERENCED = `EXISTS (
  SELECT 1 FROM sync_records a
  WHERE a.tenant_id = b.tenant_id AND a.kind = 'attachment' AND NOT a.deleted AND a.body ->> 'sha256' = b.sha256
    AND NOT EXISTS (
      SELECT 1 FROM sync_records p WHERE p.id = (a.body ->> 'parentId')::uuid AND p.tenant_id = a.tenant_id AND p.deleted))`;

/** SQL: an upload of the same content is still arriving (it may finalize onto this row). */
const ARRIVING = `EXISTS (
  SELECT 1 FROM file_uploads u
  WHERE u.tenant_id = b.tenant_id AND u.sha256 = b.sha256 AND u.status = 'receiving')`;

const interval = (param: number) => `make_interval(secs => $${param}::double precision / 1000)`;

type RawCandidate = {
  tenant_id: string;
  sha256: string;
  size: string | number;
  unreferenced_since: Date | string;
};

const toRemoved = (r: RawCandidate): RemovedFile => ({
  tenantId: r.tenant_id,
  sha256: r.sha256,
  size: Number(r.size),
  unreferencedSince: new Date(r.unreferenced_since).toISOString(),
});

/** Clears the stamp of files referenced again and stamps files newly found unreferenced. */
async function restamp(db: Queryable): Promise<void> {
  await db.query(
    `UPDATE file_blobs b SET unreferenced_since = NULL WHERE unreferenced_since IS NOT NULL AND ${REFERENCED}`,
  );
  await db.query(
    `UPDATE file_blobs b SET unreferenced_since = now() WHERE unreferenced_since IS NULL AND NOT ${REFERENCED}`,
  );
}

/** Files past the grace as a run would see them (a dry run counts files not yet stamped as stamped now). */
async function candidates(db: Queryable, graceMs: number): Promise<RawCandidate[]> {
  const { rows } = await db.query<RawCandidate>(
    `SELECT tenant_id, sha256, size, unreferenced_since FROM file_blobs b
     WHERE unreferenced_since IS NOT NULL AND unreferenced_since <= now() - ${interval(1)}
       AND NOT ${REFERENCED} AND NOT ${ARRIVING}
     ORDER BY tenant_id, unreferenced_since`,
    [graceMs],
  );
  return rows;
}

/** Removes one file if it is still an orphan, under its tenant's quota lock; true when removed. */
async function removeFile(
  db: Database,
  blobs: BlobStore,
  file: RemovedFile,
  graceMs: number,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [QUOTA_LOCK, file.tenantId]);
    const { rows } = await tx.query(
      `SELECT 1 FROM file_blobs b
       WHERE tenant_id = $1 AND sha256 = $2 AND unreferenced_since <= now() - ${interval(3)}
         AND NOT ${REFERENCED} AND NOT ${ARRIVING}`,
      [file.tenantId, file.sha256, graceMs],
    );
    if (rows.length === 0) return false;
    await blobs.delete({ tenantId: file.tenantId, sha256: file.sha256 });
    await tx.query('DELETE FROM file_blobs WHERE tenant_id = $1 AND sha256 = $2', [
      file.tenantId,
      file.sha256,
    ]);
    return true;
  });
}

/** Runs the cleanup once (see the file comment); logs and returns what it removed (or would remove). */
export async function cleanupFiles(db: Database, options: CleanupOptions): Promise<CleanupReport> {
  const { blobs, partials, graceMs, uploadExpiryMs, dryRun, logger } = options;
  const report: CleanupReport = { dryRun, files: [], releasedBytes: 0, uploads: [], strayPartials: 0 };

  if (dryRun) {
    report.files = (await candidates(db, graceMs)).map(toRemoved);
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM file_uploads WHERE status = 'receiving' AND created_at <= now() - ${interval(1)}
       ORDER BY created_at`,
      [uploadExpiryMs],
    );
    report.uploads = rows.map((r) => r.id);
  } else {
    await restamp(db);
    for (const file of (await candidates(db, graceMs)).map(toRemoved)) {
      if (await removeFile(db, blobs, file, graceMs)) report.files.push(file);
    }
    const { rows } = await db.query<{ id: string }>(
      `UPDATE file_uploads SET status = 'expired', finished_at = now()
       WHERE status = 'receiving' AND created_at <= now() - ${interval(1)}
       RETURNING id`,
      [uploadExpiryMs],
    );
    report.uploads = rows.map((r) => r.id);
    for (const id of report.uploads) {
      try {
        await partials.remove(id);
      } catch {
        // Already gone (the upload's own sweep, or never written): nothing to do.
      }
    }
    report.strayPartials = await partials.deleteExpired();
  }
  report.releasedBytes = report.files.reduce((sum, f) => sum + f.size, 0);

  logger?.info(
    {
      dryRun,
      graceDays: Math.round((graceMs / DAY_MS) * 100) / 100,
      removedFiles: report.files.length,
      releasedBytes: report.releasedBytes,
      files: report.files.slice(0, 100),
      closedUploads: report.uploads.length,
      strayPartials: report.strayPartials,
    },
    dryRun ? 'orphan file cleanup (dry run)' : 'orphan file cleanup',
  );
  return report;
}
