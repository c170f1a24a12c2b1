/** The server files suite (tus uploads, by-hash downloads), run on PGlite and on a real PostgreSQL. */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Upload } from 'tus-js-client';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../../src/server/db/types';
import { signAccessToken } from '../../../src/server/auth/tokens';
import { DOCX_MIME } from '../../../src/shared/attachments';
import { AUTH_SECRET, CAST, UNIT_A, UNIT_B, seedUsers, type UserSpec } from '../sync/helpers';
import { docx, html, jpeg, noise, pdf, png, sha256Hex, svgWithScript, webp, zip } from './fixtures';
import {
  FILES_METRICS_TOKEN,
  TUS,
  attachmentBody,
  counter,
  createUpload,
  cutPatch,
  deleteRecord,
  head,
  metaFor,
  newDraft,
  newUpload,
  offsetOf,
  patch,
  pushRecord,
  sendFrom,
  startFilesServer,
  type FilesServer,
} from './harness';

const CASTING: Record<string, UserSpec> = {
  ...CAST,
  quota: { tenant: 'Kabupaten Kuota', role: 'coordinator', unitIds: [] },
  race: { tenant: 'Kabupaten Serentak', role: 'coordinator', unitIds: [] },
};

const MAX_BYTES = 2 * 1024 * 1024;

export function filesSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`files server on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let srv: FilesServer;
    let tokens: Record<string, string>;
    let tenants: Record<string, string>;
    let userIds: Record<string, string>;
    let draftA: string;

    /** A comment thread on a draft's summary section, written by `who`. */
    const commentOn = (draft: string, unitId: string | null, who: string, role: string, text: string) => ({
      recordId: draft,
      recordKind: 'draft',
      unitId,
      sectionKey: 'ringkasan',
      text,
      parentId: null,
      authorId: userIds[who],
      authorName: who,
      authorRole: role,
      resolutions: {},
    });

    beforeAll(async () => {
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CASTING);
      tokens = seeded.tokens;
      tenants = seeded.tenants;
      userIds = Object.fromEntries(Object.entries(seeded.auth).map(([key, a]) => [key, a.userId]));
      srv = await startFilesServer(db, tokens, { fileMaxBytes: MAX_BYTES });
      draftA = await newDraft(srv, 'innoA', UNIT_A);
    });
    afterAll(async () => {
      await srv?.close();
      await done();
    });

    const blobPath = (tenant: string, sha: string) => join(srv.fileDir, 'blobs', tenants[tenant]!, sha);
    const partials = async () =>
      (await readdir(join(srv.fileDir, 'partials'))).filter((f) => !f.startsWith('.'));
    const uploadStatus = async (url: string) =>
      (
        await db.query<{ status: string; reason: string | null }>(
          'SELECT status, reason FROM file_uploads WHERE id = $1',
          [url.split('/').pop()],
        )
      ).rows[0];
    const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

    it('uploads in chunks, answers 204 only once stored, and serves the bytes to a user who may see them', async () => {
      const bytes = jpeg(600_000, 11);
      const sha = sha256Hex(bytes);
      await pushRecord(srv, 'innoA', 'attachment', attachmentBody(bytes, draftA, UNIT_A));
      const created = await counter(srv, 'rintis_file_uploads_created_total');
      const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA), bytes.length);
      expect(url).toMatch(/\/api\/files\/[0-9a-f-]{36}$/);

      const last = await sendFrom(srv, 'innoA', url, bytes);
      expect(last.status).toBe(204);
      expect(offsetOf(last)).toBe(bytes.length);
      expect(new Uint8Array(await readFile(blobPath('Kabupaten Contoh', sha)))).toEqual(bytes);
      expect(await uploadStatus(url)).toEqual({ status: 'stored', reason: null });
      expect(await partials()).not.toContain(url.split('/').pop());

      const again = await head(srv, 'innoA', url);
      expect(again.status).toBe(200);
      expect(again.headers.get('upload-offset')).toBe(String(bytes.length));
      expect(again.headers.get('upload-length')).toBe(String(bytes.length));

      const held = await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'facA', method: 'HEAD' });
      expect(held.status).toBe(200);
      expect(held.headers.get('content-length')).toBe(String(bytes.length));

      for (const who of ['innoA', 'facA', 'coord', 'viewer']) {
        const res = await srv.fetch(`/api/files/by-hash/${sha}`, { as: who });
        expect(res.status, who).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/jpeg');
        expect(res.headers.get('content-disposition')).toBe(
          `attachment; filename="foto.jpg"; filename*=UTF-8''foto.jpg`,
        );
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        // Every API answer is no-store (http/security.ts), downloads too: a phone may be shared.
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
      }
      const etag = `"${sha}"`;
      const cached = await srv.fetch(`/api/files/by-hash/${sha}`, {
        as: 'innoA',
        headers: { 'If-None-Match': etag },
      });
      expect(cached.status).toBe(304);

      expect(await counter(srv, 'rintis_file_uploads_created_total')).toBe(created + 1);
      expect(
        await counter(srv, 'rintis_file_uploads_finished_total', { outcome: 'stored' }),
      ).toBeGreaterThanOrEqual(1);
      expect(await counter(srv, 'rintis_file_upload_bytes_total')).toBeGreaterThanOrEqual(bytes.length);
      const text = await (await srv.fetch('/api/metrics', { as: FILES_METRICS_TOKEN })).text();
      expect(text).toContain('rintis_file_uploads_finished_total{outcome="stored"}');
    });

    it('resumes uploads whose connection is cut at random offsets (HEAD, then PATCH from the offset)', async () => {
      const seed = Number(process.env.FILES_SEED ?? Date.now() % 100_000);
      console.info(`files cut test seed ${seed} (replay with FILES_SEED=${seed})`);
      let rnd = seed;
      const random = () => (rnd = (rnd * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      for (let file = 0; file < 3; file++) {
        const bytes = pdf(700_000 + Math.floor(random() * 500_000), seed + file);
        const url = await newUpload(
          srv,
          'innoA',
          metaFor(bytes, draftA, `laporan-${file}.pdf`, 'application/pdf'),
          bytes.length,
        );
        let offset = 0;
        let reached = 0;
        for (let cut = 0; cut < 3; cut++) {
          const body = bytes.subarray(offset);
          const sent = 1 + Math.floor(random() * Math.min(body.length - 1, 400_000));
          await cutPatch(srv, tokens.innoA!, url, offset, body, sent);
          reached = Math.max(reached, offset + sent);
          const status = await head(srv, 'innoA', url);
          expect(status.status).toBe(200);
          const now = offsetOf(status);
          // The server never claims bytes that were not sent; a cut PATCH still being written may move the
          // offset after this HEAD, which the next PATCH learns from a 409 (tested by finishing below).
          expect(now, `seed ${seed} file ${file} cut ${cut}`).toBeGreaterThanOrEqual(offset);
          expect(now).toBeLessThanOrEqual(reached);
          offset = now;
        }
        offset = offsetOf(await head(srv, 'innoA', url));
        const last = await sendFrom(srv, 'innoA', url, bytes, offset);
        expect(last.status, `seed ${seed}`).toBe(204);
        expect(new Uint8Array(await readFile(blobPath('Kabupaten Contoh', sha256Hex(bytes))))).toEqual(bytes);
      }
    });

    it('interoperates with tus-js-client (the client library), 256 KiB chunks', async () => {
      const bytes = png(900_000, 21);
      const answer = await new Promise<string>((resolve, reject) => {
        const upload = new Upload(Buffer.from(bytes), {
          endpoint: `${srv.base}/api/files/`,
          chunkSize: 256 * 1024,
          metadata: { ...metaFor(bytes, draftA, 'denah.png', 'image/png') },
          headers: { Authorization: `Bearer ${tokens.innoA}` },
          retryDelays: [],
          onSuccess: () => resolve(upload.url ?? ''),
          onError: reject,
        });
        upload.start();
      });
      expect(answer).toMatch(/\/api\/files\/[0-9a-f-]{36}$/);
      expect(existsSync(blobPath('Kabupaten Contoh', sha256Hex(bytes)))).toBe(true);
    });

    it('keeps the same file once; a second upload is skipped via by-hash, and a forced one stores nothing new', async () => {
      const bytes = webp(120_000, 31);
      const sha = sha256Hex(bytes);
      expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'innoA', method: 'HEAD' })).status).toBe(
        404,
      );
      const first = await newUpload(
        srv,
        'innoA',
        metaFor(bytes, draftA, 'a.webp', 'image/webp'),
        bytes.length,
      );
      expect((await sendFrom(srv, 'innoA', first, bytes)).status).toBe(204);

      // The second phone's record syncs first (the queue uploads only then); it asks, and skips the upload.
      await pushRecord(
        srv,
        'facA',
        'attachment',
        attachmentBody(bytes, draftA, UNIT_A, { name: 'a.webp', mime: 'image/webp' }),
      );
      const ask = await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'facA', method: 'HEAD' });
      expect(ask.status).toBe(200);
      expect(ask.headers.get('content-length')).toBe(String(bytes.length));
      // Someone who may not download it learns nothing from HEAD.
      expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'innoB', method: 'HEAD' })).status).toBe(
        404,
      );

      // A client that uploads anyway: closed at once (it may download the file), nothing reserved, stored once.
      const duplicates = await counter(srv, 'rintis_file_uploads_finished_total', { outcome: 'duplicate' });
      const second = await newUpload(
        srv,
        'facA',
        metaFor(bytes, draftA, 'a.webp', 'image/webp'),
        bytes.length,
      );
      expect((await sendFrom(srv, 'facA', second, bytes)).status).toBe(204);
      expect(await counter(srv, 'rintis_file_uploads_finished_total', { outcome: 'duplicate' })).toBe(
        duplicates + 1,
      );
      const rows = await db.query<{ n: string | number }>(
        'SELECT count(*) AS n FROM file_blobs WHERE sha256 = $1',
        [sha],
      );
      expect(Number(rows.rows[0]!.n)).toBe(1);
      const dir = await readdir(join(srv.fileDir, 'blobs', tenants['Kabupaten Contoh']!));
      expect(dir.filter((f) => f === sha)).toHaveLength(1);
    });

    it('refuses a wrong hash with 460: the upload is discarded and nothing is stored', async () => {
      const bytes = jpeg(300_000, 41);
      const claimed = jpeg(300_000, 42);
      const url = await newUpload(srv, 'innoA', { ...metaFor(claimed, draftA) }, bytes.length);
      const last = await sendFrom(srv, 'innoA', url, bytes);
      expect(last.status).toBe(460);
      const body = (await last.json()) as { error: { code: string; message: string; messageEn: string } };
      expect(body.error).toMatchObject({ code: 'checksum-mismatch' });
      expect(body.error.message).toMatch(/SHA-256/);
      expect(body.error.messageEn).toMatch(/discarded/);
      expect(await uploadStatus(url)).toEqual({ status: 'rejected', reason: 'checksum-mismatch' });
      expect(await partials()).not.toContain(url.split('/').pop());
      expect(existsSync(blobPath('Kabupaten Contoh', sha256Hex(bytes)))).toBe(false);
      expect(existsSync(blobPath('Kabupaten Contoh', sha256Hex(claimed)))).toBe(false);
      for (const sha of [sha256Hex(bytes), sha256Hex(claimed)]) {
        expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'innoA', method: 'HEAD' })).status).toBe(
          404,
        );
      }
      // The client learns it again if it asks: HEAD says gone, a repeated final PATCH repeats the reason.
      expect((await head(srv, 'innoA', url)).status).toBe(410);
      expect((await patch(srv, 'innoA', url, bytes.length - 10, bytes.subarray(-10))).status).toBe(460);
    });

    it('refuses a file over FILE_MAX_BYTES with 413, and bytes beyond the announced length', async () => {
      const res = await createUpload(srv, 'innoA', metaFor(noise(10, 1), draftA), MAX_BYTES + 1);
      expect(res.status).toBe(413);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('file-too-large');
      expect(body.error.message).toContain('2 MB');
      expect(
        await counter(srv, 'rintis_file_refusals_total', { code: 'file-too-large' }),
      ).toBeGreaterThanOrEqual(1);

      const bytes = jpeg(1000, 51);
      const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA), bytes.length);
      const over = await patch(srv, 'innoA', url, 0, jpeg(5000, 51));
      expect(over.status).toBe(413);
      expect(over.headers.get('content-type')).toMatch(/application\/json/);
    });

    it('refuses an upload over the tenant quota with 413, counting uploads in progress', async () => {
      const quotaSrv = await startFilesServer(db, tokens, {
        tenantQuotaBytes: 500_000,
        fileDir: srv.fileDir,
      });
      try {
        const parent = await newDraft(quotaSrv, 'quota', null);
        const a = jpeg(300_000, 61);
        const urlA = await newUpload(quotaSrv, 'quota', metaFor(a, parent), a.length);
        // A is still arriving: it already holds its share of the quota.
        const b = jpeg(250_000, 62);
        const refused = await createUpload(quotaSrv, 'quota', metaFor(b, parent), b.length);
        expect(refused.status).toBe(413);
        expect(await errorCode(refused)).toBe('quota-exceeded');
        expect((await sendFrom(quotaSrv, 'quota', urlA, a)).status).toBe(204);
        expect((await createUpload(quotaSrv, 'quota', metaFor(b, parent), b.length)).status).toBe(413);
        // The same content again adds nothing, so it still fits.
        expect((await createUpload(quotaSrv, 'quota', metaFor(a, parent), a.length)).status).toBe(201);
        // Giving an upload up (tus termination) frees what it reserved.
        const c = jpeg(150_000, 63);
        const d = jpeg(100_000, 64);
        const urlC = await newUpload(quotaSrv, 'quota', metaFor(c, parent), c.length);
        expect((await createUpload(quotaSrv, 'quota', metaFor(d, parent), d.length)).status).toBe(413);
        const terminated = await quotaSrv.fetch(urlC, { as: 'quota', method: 'DELETE', headers: TUS });
        expect(terminated.status).toBe(204);
        expect((await head(quotaSrv, 'quota', urlC)).status).toBe(410);
        expect((await createUpload(quotaSrv, 'quota', metaFor(d, parent), d.length)).status).toBe(201);
        // Another tenant's usage is its own.
        const elsewhere = await newDraft(quotaSrv, 'other', null);
        expect((await createUpload(quotaSrv, 'other', metaFor(b, elsewhere), b.length)).status).toBe(201);
      } finally {
        await quotaSrv.close();
      }
    });

    it('holds the quota and stores content once when uploads run at the same time', async () => {
      const quotaSrv = await startFilesServer(db, tokens, {
        tenantQuotaBytes: 500_000,
        fileDir: srv.fileDir,
      });
      try {
        const parent = await newDraft(quotaSrv, 'race', null);
        // Each fits alone, not together: exactly one of five simultaneous creations is accepted.
        const files = [1, 2, 3, 4, 5].map((i) => jpeg(300_000, 130 + i));
        const answers = await Promise.all(
          files.map((f) => createUpload(quotaSrv, 'race', metaFor(f, parent), f.length)),
        );
        expect(answers.map((r) => r.status).sort()).toEqual([201, 413, 413, 413, 413]);
        await quotaSrv.fetch(answers.find((r) => r.status === 201)!.headers.get('location')!, {
          as: 'race',
          method: 'DELETE',
          headers: TUS,
        });

        // The same content from two uploads finishing together: both answered 204, kept once.
        const same = jpeg(200_000, 140);
        const urls = await Promise.all(
          [1, 2].map(() => newUpload(quotaSrv, 'race', metaFor(same, parent), same.length)),
        );
        const last = await Promise.all(urls.map((u) => sendFrom(quotaSrv, 'race', u, same)));
        expect(last.map((r) => r.status)).toEqual([204, 204]);
        const rows = await db.query<{ n: string | number }>(
          'SELECT count(*) AS n FROM file_blobs WHERE tenant_id = $1 AND sha256 = $2',
          [tenants['Kabupaten Serentak'], sha256Hex(same)],
        );
        expect(Number(rows.rows[0]!.n)).toBe(1);
        expect(new Uint8Array(await readFile(blobPath('Kabupaten Serentak', sha256Hex(same))))).toEqual(same);
      } finally {
        await quotaSrv.close();
      }
    });

    it('checks the type from the content: a .jpg holding PDF, ZIP, HTML or SVG with a script is refused', async () => {
      const hostile: [string, Uint8Array, string, string][] = [
        ['PDF named .jpg', pdf(20_000, 71), 'foto.jpg', 'image/jpeg'],
        ['PDF declared as PDF but named .jpg', pdf(20_000, 72), 'foto.jpg', 'application/pdf'],
        ['ZIP named .jpg', zip(73), 'foto.jpg', 'image/jpeg'],
        ['ZIP declared as DOCX', zip(74), 'surat.docx', DOCX_MIME],
        ['HTML named .jpg', html(), 'foto.jpg', 'image/jpeg'],
        ['SVG with a script named .jpg', svgWithScript(), 'foto.jpg', 'image/jpeg'],
        ['SVG declared as SVG', svgWithScript(), 'gambar.svg', 'image/svg+xml'],
        ['JPEG declared as PNG', jpeg(10_000, 75), 'foto.png', 'image/png'],
      ];
      for (const [what, bytes, filename, filetype] of hostile) {
        const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA, filename, filetype), bytes.length);
        const res = await sendFrom(srv, 'innoA', url, bytes);
        expect(res.status, what).toBe(415);
        expect(await errorCode(res), what).toBe('unsupported-type');
        expect(existsSync(blobPath('Kabupaten Contoh', sha256Hex(bytes))), what).toBe(false);
        expect(await uploadStatus(url), what).toEqual({ status: 'rejected', reason: 'unsupported-type' });
      }
      const accepted: [Uint8Array, string, string][] = [
        [png(8_000, 76), 'denah.png', 'image/png'],
        [webp(8_000, 77), 'foto.webp', 'image/webp'],
        [pdf(8_000, 78), 'laporan.pdf', 'application/pdf'],
        [pdf(8_000, 79), 'pindaian', 'application/pdf'],
        [docx(80), 'surat pernyataan.docx', DOCX_MIME],
        [jpeg(8_000, 81), 'IMG_0001.JPEG', 'image/jpg'],
      ];
      for (const [bytes, filename, filetype] of accepted) {
        await pushRecord(
          srv,
          'innoA',
          'attachment',
          attachmentBody(bytes, draftA, UNIT_A, { name: filename, mime: filetype }),
        );
        const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA, filename, filetype), bytes.length);
        expect((await sendFrom(srv, 'innoA', url, bytes)).status, filename).toBe(204);
        const got = await srv.fetch(`/api/files/by-hash/${sha256Hex(bytes)}`, { as: 'innoA' });
        expect(got.status).toBe(200);
        expect(got.headers.get('content-type'), filename).toBe(
          filetype === 'image/jpg' ? 'image/jpeg' : filetype,
        );
        await got.arrayBuffer();
      }
    });

    it('refuses uploads to records the user may not write, without revealing records they may not see', async () => {
      const bytes = jpeg(5_000, 91);
      // Only the viewer sees the draft: the others hear "not there (yet)" (issue #17).
      const cases: [string, string, number, string][] = [
        ['innovator of another unit', 'innoB', 409, 'parent-unknown'],
        ['viewer', 'viewer', 403, 'forbidden'],
        ['coordinator of another tenant', 'other', 409, 'parent-unknown'],
      ];
      for (const [what, who, status, code] of cases) {
        const res = await createUpload(srv, who, metaFor(bytes, draftA), bytes.length);
        expect(res.status, what).toBe(status);
        expect(await errorCode(res), what).toBe(code);
      }
      // Another unit's or tenant's record answers exactly like a record that does not exist (yet).
      const unknown = await createUpload(srv, 'other', metaFor(bytes, uuidv7()), bytes.length);
      expect(unknown.status).toBe(409);
      expect(await errorCode(unknown)).toBe('parent-unknown');

      const gone = await newDraft(srv, 'innoA', UNIT_A);
      await deleteRecord(srv, 'innoA', 'draft', gone);
      const deleted = await createUpload(srv, 'innoA', metaFor(bytes, gone), bytes.length);
      expect(deleted.status).toBe(403);
      expect(await errorCode(deleted)).toBe('parent-deleted');

      const noMeta = await createUpload(srv, 'innoA', { filename: 'x.jpg', parentId: draftA }, bytes.length);
      expect(noMeta.status).toBe(400);
      expect(await errorCode(noMeta)).toBe('invalid-upload');
      const deferred = await srv.fetch('/api/files/', {
        as: 'innoA',
        method: 'POST',
        headers: { ...TUS, 'Upload-Defer-Length': '1' },
      });
      expect(deferred.status).toBe(400);

      // Someone else's upload cannot be seen or written, not even by a coordinator.
      const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA), bytes.length);
      for (const who of ['facA', 'coord', 'other']) {
        expect((await head(srv, who, url)).status, who).toBe(404);
        expect((await patch(srv, who, url, 0, bytes)).status, who).toBe(404);
      }
      expect(offsetOf(await head(srv, 'innoA', url))).toBe(0);
    });

    it('serves a file only to users who may see a live attachment record with it', async () => {
      const bytes = jpeg(40_000, 101);
      const sha = sha256Hex(bytes);
      const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA), bytes.length);
      expect((await sendFrom(srv, 'innoA', url, bytes)).status).toBe(204);
      // Stored, but no attachment record yet: nobody may download it.
      expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'innoA' })).status).toBe(404);

      const record = await pushRecord(
        srv,
        'innoA',
        'attachment',
        attachmentBody(bytes, draftA, UNIT_A, { name: 'Daftar hadir (1).jpg' }),
      );
      const ok = await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'facA' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-disposition')).toBe(
        `attachment; filename="Daftar hadir (1).jpg"; filename*=UTF-8''Daftar%20hadir%20%281%29.jpg`,
      );
      await ok.arrayBuffer();

      for (const who of ['innoB', 'other']) {
        const res = await srv.fetch(`/api/files/by-hash/${sha}`, { as: who });
        expect(res.status, who).toBe(404);
        const text = await res.text();
        expect(text, who).not.toContain(String(bytes.length));
        expect(res.headers.get('content-length'), who).not.toBe(String(bytes.length));
      }
      // Another tenant cannot even learn that the file exists.
      expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'other', method: 'HEAD' })).status).toBe(
        404,
      );
      expect((await srv.fetch(`/api/files/by-hash/${'0'.repeat(64)}`, { as: 'innoA' })).status).toBe(404);
      expect((await srv.fetch('/api/files/by-hash/not-a-hash', { as: 'innoA' })).status).toBe(400);

      // A record in a unit the caller cannot see does not open the file either.
      const otherUnitDraft = await newDraft(srv, 'innoB', UNIT_B);
      const bytesB = jpeg(30_000, 102);
      const urlB = await newUpload(srv, 'innoB', metaFor(bytesB, otherUnitDraft), bytesB.length);
      expect((await sendFrom(srv, 'innoB', urlB, bytesB)).status).toBe(204);
      await pushRecord(srv, 'innoB', 'attachment', attachmentBody(bytesB, otherUnitDraft, UNIT_B));
      expect((await srv.fetch(`/api/files/by-hash/${sha256Hex(bytesB)}`, { as: 'innoA' })).status).toBe(404);
      expect((await srv.fetch(`/api/files/by-hash/${sha256Hex(bytesB)}`, { as: 'innoB' })).status).toBe(200);

      // Deleting the attachment record closes the download.
      await deleteRecord(srv, 'innoA', 'attachment', record);
      expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'innoA' })).status).toBe(404);
      expect(
        await counter(srv, 'rintis_file_downloads_total', { outcome: 'refused' }),
      ).toBeGreaterThanOrEqual(1);
    });

    it("serves a comment's file only to users who may see the comment", async () => {
      // facA comments on innoA's draft in unit A: the server scopes the comment like the draft.
      const comment = await pushRecord(
        srv,
        'facA',
        'comment',
        commentOn(draftA, UNIT_A, 'facA', 'facilitator', 'Foto daftar hadir terlampir.'),
      );
      const bytes = jpeg(30_000, 131);
      const sha = sha256Hex(bytes);
      // Someone who may not see the comment cannot attach to it either: for them it is not there.
      const refused = await createUpload(srv, 'innoB', metaFor(bytes, comment), bytes.length);
      expect(refused.status).toBe(409);
      expect(await errorCode(refused)).toBe('parent-unknown');

      await pushRecord(
        srv,
        'facA',
        'attachment',
        attachmentBody(bytes, comment, UNIT_A, { parentKind: 'comment', name: 'hadir.jpg' }),
      );
      const url = await newUpload(srv, 'facA', metaFor(bytes, comment), bytes.length);
      expect((await sendFrom(srv, 'facA', url, bytes)).status).toBe(204);

      for (const who of ['facA', 'innoA', 'coord', 'viewer']) {
        const res = await srv.fetch(`/api/files/by-hash/${sha}`, { as: who });
        expect(res.status, who).toBe(200);
        expect(new Uint8Array(await res.arrayBuffer()), who).toEqual(bytes);
      }
      for (const who of ['innoB', 'other']) {
        const res = await srv.fetch(`/api/files/by-hash/${sha}`, { as: who });
        expect(res.status, who).toBe(404);
        expect(await res.text(), who).not.toContain(String(bytes.length));
      }
      // (HEAD answers whether the tenant holds the content, for the upload dedupe; never to another tenant.)
      expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'other', method: 'HEAD' })).status).toBe(
        404,
      );

      // An attachment record claiming the comment from a unit innoB sees is refused (issue #17), and the file
      // stays closed to innoB: the comment decides.
      await expect(
        pushRecord(
          srv,
          'innoB',
          'attachment',
          attachmentBody(bytes, comment, UNIT_B, { parentKind: 'comment', name: 'pinjam.jpg' }),
        ),
      ).rejects.toThrow(/"not-found"/);
      expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'innoB' })).status).toBe(404);
      expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'innoA' })).status).toBe(200);
    });

    it('scopes a file on a comment like the comment when the draft has no unit', async () => {
      // innoA's draft without a unit: only innoA and coordinators read it, and so its comments and their files.
      const draft = await newDraft(srv, 'innoA', null);
      const comment = await pushRecord(
        srv,
        'coord',
        'comment',
        commentOn(draft, null, 'coord', 'coordinator', 'Lihat contoh terlampir.'),
      );
      const bytes = jpeg(20_000, 141);
      const sha = sha256Hex(bytes);
      const attachment = await pushRecord(
        srv,
        'coord',
        'attachment',
        attachmentBody(bytes, comment, null, { parentKind: 'comment', name: 'contoh.jpg' }),
      );
      const url = await newUpload(srv, 'coord', metaFor(bytes, comment), bytes.length);
      expect((await sendFrom(srv, 'coord', url, bytes)).status).toBe(204);

      // The draft's author pulls the attachment record and downloads its file; an innovator of another unit neither.
      const pulled = await srv.fetch('/api/sync/pull?protocolVersion=1&cursor=0', { as: 'innoA' });
      const ids = ((await pulled.json()) as { records: { id: string }[] }).records.map((r) => r.id);
      expect(ids).toContain(attachment);
      expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'innoA' })).status).toBe(200);
      const elsewhere = await srv.fetch('/api/sync/pull?protocolVersion=1&cursor=0', { as: 'innoB' });
      expect(
        ((await elsewhere.json()) as { records: { id: string }[] }).records.map((r) => r.id),
      ).not.toContain(attachment);
      expect((await srv.fetch(`/api/files/by-hash/${sha}`, { as: 'innoB' })).status).toBe(404);
    });

    it('refuses expired and invalid tokens on every file route', async () => {
      const bytes = jpeg(2_000, 111);
      const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA), bytes.length);
      const auth = (
        await db.query<{ id: string; tenant_id: string }>(
          "SELECT id, tenant_id FROM users WHERE name = 'innoA'",
        )
      ).rows[0]!;
      const expired = (
        await signAccessToken(
          AUTH_SECRET,
          { userId: auth.id, tenantId: auth.tenant_id },
          Date.now() - 60 * 60 * 1000,
        )
      ).token;
      const sha = sha256Hex(jpeg(600_000, 11));
      const calls: [string, () => Promise<Response>][] = [
        ['create', () => createUpload(srv, expired, metaFor(bytes, draftA), bytes.length)],
        ['patch', () => patch(srv, expired, url, 0, bytes)],
        ['head', () => head(srv, expired, url)],
        ['by-hash HEAD', () => srv.fetch(`/api/files/by-hash/${sha}`, { as: expired, method: 'HEAD' })],
        ['by-hash GET', () => srv.fetch(`/api/files/by-hash/${sha}`, { as: expired })],
        ['no token', () => srv.fetch(`/api/files/by-hash/${sha}`)],
      ];
      for (const [what, call] of calls) {
        const res = await call();
        expect(res.status, what).toBe(401);
        if (what === 'by-hash GET' || what === 'create')
          expect(await errorCode(res), what).toBe('token-expired');
      }
      expect(offsetOf(await head(srv, 'innoA', url))).toBe(0);
    });

    it('finishes an upload whose last bytes arrived but whose answer was lost (HEAD runs the checks first)', async () => {
      const bytes = jpeg(100_000, 121);
      const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA), bytes.length);
      expect((await patch(srv, 'innoA', url, 0, bytes.subarray(0, 50_000))).status).toBe(204);
      // The process wrote the rest and stopped before checking it (crash, deploy): the partial is complete.
      await writeFile(join(srv.fileDir, 'partials', url.split('/').pop()!), bytes);
      expect(await uploadStatus(url)).toEqual({ status: 'receiving', reason: null });
      const res = await head(srv, 'innoA', url);
      expect(res.status).toBe(200);
      expect(offsetOf(res)).toBe(bytes.length);
      expect(await uploadStatus(url)).toEqual({ status: 'stored', reason: null });
      expect(new Uint8Array(await readFile(blobPath('Kabupaten Contoh', sha256Hex(bytes))))).toEqual(bytes);

      // The same with bytes that do not match: HEAD reports the upload gone, nothing stored.
      const wrong = jpeg(20_000, 122);
      const url2 = await newUpload(srv, 'innoA', metaFor(wrong, draftA), wrong.length);
      await writeFile(join(srv.fileDir, 'partials', url2.split('/').pop()!), jpeg(20_000, 123));
      expect((await head(srv, 'innoA', url2)).status).toBe(410);
      expect(existsSync(blobPath('Kabupaten Contoh', sha256Hex(jpeg(20_000, 123))))).toBe(false);
    });

    it('drops uploads left unfinished for a day: the bytes go and the upload answers 410', async () => {
      const bytes = jpeg(50_000, 151);
      const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA), bytes.length);
      expect((await patch(srv, 'innoA', url, 0, bytes.subarray(0, 20_000))).status).toBe(204);
      const id = url.split('/').pop()!;
      await db.query(`UPDATE file_uploads SET created_at = now() - interval '25 hours' WHERE id = $1`, [id]);
      // A server that just started sweeps on its first upload creation.
      const fresh = await startFilesServer(db, tokens, { fileDir: srv.fileDir });
      try {
        const other = jpeg(1_000, 152);
        expect((await createUpload(fresh, 'innoA', metaFor(other, draftA), other.length)).status).toBe(201);
        for (let i = 0; i < 100 && (await uploadStatus(url))?.status !== 'expired'; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(await uploadStatus(url)).toEqual({ status: 'expired', reason: null });
        for (let i = 0; i < 100 && (await partials()).includes(id); i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(await partials()).not.toContain(id);
        expect((await head(fresh, 'innoA', url)).status).toBe(410);
      } finally {
        await fresh.close();
      }
    });

    it('lists the file routes in a valid OpenAPI document', async () => {
      const doc = (await (await srv.fetch('/api/openapi.json')).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const result = await new Validator().validate(doc as never);
      expect(result.errors ?? []).toEqual([]);
      const ops = Object.entries(doc.paths)
        .filter(([p]) => p.startsWith('/api/files'))
        .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m} ${p}`));
      expect(ops.sort()).toEqual(
        [
          'post /api/files/',
          'head /api/files/{id}',
          'patch /api/files/{id}',
          'delete /api/files/{id}',
          'head /api/files/by-hash/{sha256}',
          'get /api/files/by-hash/{sha256}',
        ].sort(),
      );
    });
  });
}
