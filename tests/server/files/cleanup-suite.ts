/**
 * The orphan file cleanup (src/server/files/cleanup.ts), run on PGlite and on a real PostgreSQL: real uploads over
 * tus to the real app, attachment records pushed and deleted through sync, the cleanup run on the same folder
 * store, and the tenant's usage read as the quota check reads it.
 */
// The harness (and the app it imports) first: @hono/zod-openapi extends zod before the file schemas are built.
import {
  attachmentBody,
  createUpload,
  deleteRecord,
  restoreRecord,
  metaFor,
  newDraft,
  newUpload,
  patch,
  pushRecord,
  sendFrom,
  startFilesServer,
  type FilesServer,
} from './harness';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/db/types';
import { DAY_MS, cleanupFiles, type CleanupReport } from '../../../src/server/files/cleanup';
import { createMetrics } from '../../../src/server/http/metrics';
import { fileMetricsFor } from '../../../src/server/files/metrics';
import { tenantUsage } from '../../../src/server/files/repository';
import { FilesService, UPLOAD_EXPIRY_MS, fileStores } from '../../../src/server/files/service';
import { CAST, UNIT_A, seedUsers } from '../sync/helpers';
import { jpeg, sha256Hex } from './fixtures';

const GRACE_MS = 30 * DAY_MS;
const QUOTA = 400_000;

/** A pino logger whose lines land in `lines` (the structured log the cleanup writes). */
function capturingLogger(lines: Record<string, unknown>[]) {
  return pino(
    { level: 'info' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
}

export function cleanupSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`orphan file cleanup on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let srv: FilesServer;
    let tokens: Record<string, string>;
    let tenants: Record<string, string>;
    let draftA: string;

    beforeAll(async () => {
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CAST);
      tokens = seeded.tokens;
      tenants = seeded.tenants;
      srv = await startFilesServer(db, tokens, { tenantQuotaBytes: QUOTA });
      draftA = await newDraft(srv, 'innoA', UNIT_A);
    });
    afterAll(async () => {
      await srv?.close();
      await done();
    });

    const contoh = () => tenants['Kabupaten Contoh']!;
    const blobPath = (tenant: string, sha: string) => join(srv.fileDir, 'blobs', tenant, sha);
    const run = (dryRun: boolean, lines: Record<string, unknown>[] = []): Promise<CleanupReport> =>
      cleanupFiles(db, {
        ...fileStores({ dir: srv.fileDir }),
        graceMs: GRACE_MS,
        uploadExpiryMs: UPLOAD_EXPIRY_MS,
        dryRun,
        logger: capturingLogger(lines),
      });
    const ageStamps = (days: number, sha?: string) =>
      db.query(
        `UPDATE file_blobs SET unreferenced_since = now() - make_interval(days => $1)
         WHERE ($2::text IS NULL OR sha256 = $2)`,
        [days, sha ?? null],
      );
    const blobRow = async (tenant: string, sha: string) =>
      (
        await db.query<{ sha256: string }>(
          'SELECT sha256 FROM file_blobs WHERE tenant_id = $1 AND sha256 = $2',
          [tenant, sha],
        )
      ).rows[0] ?? null;
    async function upload(as: string, bytes: Uint8Array, parentId: string): Promise<void> {
      const url = await newUpload(srv, as, metaFor(bytes, parentId), bytes.length);
      expect((await sendFrom(srv, as, url, bytes)).status).toBe(204);
    }

    it('keeps referenced files, removes unreferenced ones only after the grace, and releases the quota', async () => {
      const kept = jpeg(100_000, 1);
      const deleted = jpeg(110_000, 2);
      const neverSynced = jpeg(120_000, 3);
      await pushRecord(srv, 'innoA', 'attachment', attachmentBody(kept, draftA, UNIT_A));
      const deletedRecord = await pushRecord(
        srv,
        'innoA',
        'attachment',
        attachmentBody(deleted, draftA, UNIT_A),
      );
      for (const bytes of [kept, deleted, neverSynced]) await upload('innoA', bytes, draftA);
      await deleteRecord(srv, 'innoA', 'attachment', deletedRecord);
      const full = await tenantUsage(db, contoh(), UPLOAD_EXPIRY_MS);
      expect(full.usedBytes).toBe(330_000);
      // The quota has no room for another 100 KB file now.
      const next = jpeg(100_000, 4);
      expect((await createUpload(srv, 'innoA', metaFor(next, draftA), next.length)).status).toBe(413);

      // Within the grace (just stored, then 29 days unreferenced): nothing goes.
      expect((await run(false)).files).toEqual([]);
      await ageStamps(29);
      expect((await run(false)).files).toEqual([]);
      for (const bytes of [kept, deleted, neverSynced])
        expect(existsSync(blobPath(contoh(), sha256Hex(bytes)))).toBe(true);

      // Past the grace (every stamp, even the referenced file's, set 31 days back): a dry run lists, changes nothing.
      await ageStamps(31);
      const dryLines: Record<string, unknown>[] = [];
      const dry = await run(true, dryLines);
      expect(dry.files.map((f) => f.sha256).sort()).toEqual(
        [sha256Hex(deleted), sha256Hex(neverSynced)].sort(),
      );
      expect(dry.releasedBytes).toBe(230_000);
      expect(dryLines.find((l) => l.msg === 'orphan file cleanup (dry run)')).toMatchObject({
        dryRun: true,
        removedFiles: 2,
        releasedBytes: 230_000,
      });
      for (const bytes of [kept, deleted, neverSynced]) {
        expect(existsSync(blobPath(contoh(), sha256Hex(bytes)))).toBe(true);
        expect(await blobRow(contoh(), sha256Hex(bytes))).not.toBeNull();
      }
      expect(await tenantUsage(db, contoh(), UPLOAD_EXPIRY_MS)).toEqual(full);

      const lines: Record<string, unknown>[] = [];
      const report = await run(false, lines);
      expect(report.files.map((f) => f.sha256).sort()).toEqual(
        [sha256Hex(deleted), sha256Hex(neverSynced)].sort(),
      );
      expect(report.files.every((f) => f.tenantId === contoh())).toBe(true);
      expect(report.releasedBytes).toBe(230_000);
      const line = lines.find((l) => l.msg === 'orphan file cleanup');
      expect(line).toMatchObject({ dryRun: false, removedFiles: 2, releasedBytes: 230_000, graceDays: 30 });
      expect((line!.files as { sha256: string }[]).map((f) => f.sha256).sort()).toEqual(
        [sha256Hex(deleted), sha256Hex(neverSynced)].sort(),
      );

      expect(existsSync(blobPath(contoh(), sha256Hex(kept)))).toBe(true);
      expect(await blobRow(contoh(), sha256Hex(kept))).not.toBeNull();
      for (const bytes of [deleted, neverSynced]) {
        expect(existsSync(blobPath(contoh(), sha256Hex(bytes)))).toBe(false);
        expect(await blobRow(contoh(), sha256Hex(bytes))).toBeNull();
      }
      expect((await tenantUsage(db, contoh(), UPLOAD_EXPIRY_MS)).usedBytes).toBe(100_000);
      // The released quota takes the next upload, and the referenced file still downloads.
      await upload('innoA', next, draftA);
      const res = await srv.fetch(`/api/files/by-hash/${sha256Hex(kept)}`, { as: 'facA' });
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(kept);
      // The referenced file's stamp was cleared: it is not an orphan at all.
      const stamp = await db.query<{ unreferenced_since: unknown }>(
        'SELECT unreferenced_since FROM file_blobs WHERE sha256 = $1',
        [sha256Hex(kept)],
      );
      expect(stamp.rows[0]?.unreferenced_since).toBeNull();
      // Clean up the suite's quota for the next tests.
      await ageStamps(31, sha256Hex(next));
      expect((await run(false)).files.map((f) => f.sha256)).toEqual([sha256Hex(next)]);
    });

    it('counts the grace from when a file was last referenced, and never removes one a record names', async () => {
      const bytes = jpeg(50_000, 11);
      const sha = sha256Hex(bytes);
      const record = await pushRecord(srv, 'innoA', 'attachment', attachmentBody(bytes, draftA, UNIT_A));
      await upload('innoA', bytes, draftA);
      await ageStamps(365, sha);
      expect((await run(false)).files).toEqual([]);
      expect(existsSync(blobPath(contoh(), sha))).toBe(true);

      // Deleted now: the run stamps it, so it stays for the whole grace from here.
      await deleteRecord(srv, 'innoA', 'attachment', record);
      expect((await run(false)).files).toEqual([]);
      expect(existsSync(blobPath(contoh(), sha))).toBe(true);
      await ageStamps(31, sha);
      expect((await run(false)).files.map((f) => f.sha256)).toEqual([sha]);
      expect(existsSync(blobPath(contoh(), sha))).toBe(false);
    });

    it('counts a file whose parent record was deleted as unreferenced, and as referenced again once restored', async () => {
      const bytes = jpeg(40_000, 13);
      const sha = sha256Hex(bytes);
      const parent = await newDraft(srv, 'innoA', UNIT_A);
      await pushRecord(srv, 'innoA', 'attachment', attachmentBody(bytes, parent, UNIT_A));
      await upload('innoA', bytes, parent);
      await ageStamps(365, sha);
      expect((await run(false)).files).toEqual([]);

      // The draft is deleted (its attachment record stays, restorable with it): the grace starts now.
      await deleteRecord(srv, 'innoA', 'draft', parent);
      expect((await run(false)).files).toEqual([]);
      await restoreRecord(srv, 'innoA', 'draft', parent);
      await ageStamps(31, sha);
      // Restored within the grace: named again, kept, and its stamp cleared.
      expect((await run(false)).files).toEqual([]);
      await deleteRecord(srv, 'innoA', 'draft', parent);
      await run(false);
      await ageStamps(31, sha);
      expect((await run(false)).files.map((f) => f.sha256)).toEqual([sha]);
      expect(existsSync(blobPath(contoh(), sha))).toBe(false);
    });

    it('decides per tenant: the same content kept where a record names it, removed where none does', async () => {
      const bytes = jpeg(30_000, 21);
      const sha = sha256Hex(bytes);
      const draftOther = await newDraft(srv, 'other', null);
      await pushRecord(srv, 'innoA', 'attachment', attachmentBody(bytes, draftA, UNIT_A));
      await upload('innoA', bytes, draftA);
      await upload('other', bytes, draftOther);
      const otherTenant = tenants['Kota Lain']!;
      expect(existsSync(blobPath(otherTenant, sha))).toBe(true);
      await ageStamps(31, sha);
      const report = await run(false);
      expect(report.files).toEqual([
        expect.objectContaining({ tenantId: otherTenant, sha256: sha, size: bytes.length }),
      ]);
      expect(existsSync(blobPath(otherTenant, sha))).toBe(false);
      expect(existsSync(blobPath(contoh(), sha))).toBe(true);
      expect(await blobRow(contoh(), sha)).not.toBeNull();
    });

    it('keeps an orphan while an upload of the same content is arriving', async () => {
      const bytes = jpeg(40_000, 31);
      const sha = sha256Hex(bytes);
      await upload('innoA', bytes, draftA);
      // The same content again, half sent by someone else (who has not shown they hold it, so it is not closed at
      // creation): the row the finished upload will land on stays.
      const url = await newUpload(srv, 'facA', metaFor(bytes, draftA), bytes.length);
      expect((await patch(srv, 'facA', url, 0, bytes.subarray(0, 10_000))).status).toBe(204);
      await ageStamps(31, sha);
      expect((await run(false)).files).toEqual([]);
      expect((await sendFrom(srv, 'facA', url, bytes, 10_000)).status).toBe(204);
      expect((await run(false)).files.map((f) => f.sha256)).toEqual([sha]);
    });

    it('closes uploads left unfinished past the expiry and removes their bytes (a dry run only lists them)', async () => {
      const bytes = jpeg(60_000, 41);
      const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA), bytes.length);
      expect((await patch(srv, 'innoA', url, 0, bytes.subarray(0, 20_000))).status).toBe(204);
      const id = url.split('/').pop()!;
      const partials = async () => await readdir(join(srv.fileDir, 'partials'));
      expect(await partials()).toContain(id);
      await db.query(`UPDATE file_uploads SET created_at = now() - interval '25 hours' WHERE id = $1`, [id]);

      expect((await run(true)).uploads).toEqual([id]);
      expect(await partials()).toContain(id);
      const status = async () =>
        (await db.query<{ status: string }>('SELECT status FROM file_uploads WHERE id = $1', [id])).rows[0]
          ?.status;
      expect(await status()).toBe('receiving');

      expect((await run(false)).uploads).toEqual([id]);
      expect(await partials()).not.toContain(id);
      expect(await status()).toBe('expired');
    });

    it('runs in the server every interval when asked, logging what it removed', async () => {
      const bytes = jpeg(20_000, 51);
      const sha = sha256Hex(bytes);
      await upload('innoA', bytes, draftA);
      await ageStamps(2, sha);
      const lines: Record<string, unknown>[] = [];
      const dir = await mkdtemp(join(tmpdir(), 'rintis-cleanup-'));
      // A second service on the same stores, with a one-day grace and a 100 ms interval.
      const service = new FilesService(
        db,
        {
          dir,
          blobs: fileStores({ dir: srv.fileDir }).blobs,
          maxBytes: 1_000_000,
          tenantQuotaBytes: QUOTA,
          orphanGraceMs: DAY_MS,
          cleanupIntervalMs: 100,
        },
        capturingLogger(lines),
        fileMetricsFor(createMetrics().registry),
      );
      try {
        const runs = () => lines.filter((l) => l.msg === 'orphan file cleanup');
        for (let i = 0; i < 100 && runs().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
        expect(runs().length).toBeGreaterThanOrEqual(2);
        expect(runs()[0]).toMatchObject({
          removedFiles: 1,
          files: [expect.objectContaining({ sha256: sha })],
        });
        expect(runs()[1]).toMatchObject({ removedFiles: 0 });
        expect(existsSync(blobPath(contoh(), sha))).toBe(false);
      } finally {
        service.endUploadsInFlight();
        await rm(dir, { recursive: true, force: true });
      }
      // Stopped with the service: no more runs.
      const count = lines.length;
      await new Promise((r) => setTimeout(r, 300));
      expect(lines.length).toBe(count);
    });
  });
}
