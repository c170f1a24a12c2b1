/**
 * Issue #17, the attachment rows, on PGlite and on a real PostgreSQL (the real app on a listening server, real
 * tus requests, records pushed through /api/sync/push). Each `describe` is one finding; each failed on the code
 * before the fix (checked by running it against that commit):
 * - a known hash opened another unit's file (an attachment record naming it with a made-up parent, or with a
 *   parent of one's own): downloads answered 200, now 404;
 * - unfinished uploads escaped the quota (one announced hash counted once, a stored one not at all; no cap per
 *   person): all were accepted, now each holds its declared length, and the 11th unfinished one is a 429;
 * - an image declaring 20000 x 20000 pixels was stored (204), now refused (413);
 * - a non-coordinator could push an attachment naming a record of another unit (applied), now refused.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Upload } from 'tus-js-client';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../src/server/db/types';
import { flattenBody } from '../../src/shared/fieldPaths';
import { PROTOCOL_VERSION, type ChangeResult, type PushResponse } from '../../src/shared/protocol';
import { CAST, UNIT_A, UNIT_B, seedUsers, type UserSpec } from '../server/sync/helpers';
import { jpeg, pdf, pngDeclaring, sha256Hex } from '../server/files/fixtures';
import {
  TUS,
  attachmentBody,
  createUpload,
  head,
  metaFor,
  newDraft,
  newUpload,
  offsetOf,
  patch,
  pushRecord,
  sendFrom,
  startFilesServer,
  type FilesClient,
  type FilesServer,
} from '../server/files/harness';

const CASTING: Record<string, UserSpec> = {
  ...CAST,
  facB: { tenant: 'Kabupaten Contoh', role: 'facilitator', unitIds: [UNIT_B] },
  quotaCoord: { tenant: 'Kabupaten Kuota', role: 'coordinator', unitIds: [] },
  quotaInno: { tenant: 'Kabupaten Kuota', role: 'innovator', unitIds: [UNIT_A] },
  busy: { tenant: 'Kabupaten Sibuk', role: 'innovator', unitIds: [UNIT_A] },
};

const MIB = 1024 * 1024;

let deviceSeq = 0;

/** Pushes one attachment create as `as` and returns the server's result (applied or rejected). */
async function pushAttachment(
  srv: FilesClient,
  as: string,
  body: Record<string, unknown>,
  id = uuidv7(),
): Promise<ChangeResult> {
  const deviceId = `security-files-${as}`;
  const res = await srv.fetch('/api/sync/push', {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId,
      changes: [
        {
          deviceId,
          seq: ++deviceSeq,
          recordId: id,
          kind: 'attachment',
          op: 'create',
          values: flattenBody('attachment', body),
          base: {},
          editedAt: 1_700_000_000_000,
        },
      ],
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as PushResponse).results[0]!;
}

export function attachmentSecuritySuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`attachment security (issue #17) on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let srv: FilesServer;
    let tokens: Record<string, string>;
    let userIds: Record<string, string>;
    let tenants: Record<string, string>;
    let draftA: string;
    let draftB: string;
    /** A file of unit A's draft, uploaded and attached by innoA: the file others try to reach. */
    let secret: Uint8Array;

    beforeAll(async () => {
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CASTING);
      tokens = seeded.tokens;
      tenants = seeded.tenants;
      userIds = Object.fromEntries(Object.entries(seeded.auth).map(([key, a]) => [key, a.userId]));
      srv = await startFilesServer(db, tokens);
      draftA = await newDraft(srv, 'innoA', UNIT_A);
      draftB = await newDraft(srv, 'innoB', UNIT_B);
      secret = jpeg(60_000, 1701);
      await pushRecord(srv, 'innoA', 'attachment', attachmentBody(secret, draftA, UNIT_A));
      const url = await newUpload(srv, 'innoA', metaFor(secret, draftA), secret.length);
      expect((await sendFrom(srv, 'innoA', url, secret)).status).toBe(204);
    });
    afterAll(async () => {
      await srv?.close();
      await done();
    });

    const byHash = (sha: string, as: string, method: 'GET' | 'HEAD' = 'GET') =>
      srv.fetch(`/api/files/by-hash/${sha}`, { as, method });
    const rejected = (r: ChangeResult) => {
      if (r.status !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(r)}`);
      return r;
    };
    const errorOf = async (res: Response) =>
      ((await res.json()) as { error: { code: string; message: string; messageEn: string } }).error;
    const partials = async () =>
      (await readdir(join(srv.fileDir, 'partials'))).filter((f) => !f.startsWith('.'));

    describe('a known hash does not open another unit’s file (medium)', () => {
      it('refuses an attachment naming a parent that does not exist, and its creator cannot download', async () => {
        const sha = sha256Hex(secret);
        expect((await byHash(sha, 'innoA')).status).toBe(200);
        const result = rejected(await pushAttachment(srv, 'innoB', attachmentBody(secret, uuidv7(), UNIT_B)));
        expect(result.code).toBe('not-found');
        expect(result.message).toMatch(/induk/);
        expect(result.message).toMatch(/parent record/);
        for (const method of ['GET', 'HEAD'] as const)
          expect((await byHash(sha, 'innoB', method)).status, method).toBe(404);
      });

      it('denies a download through a stored attachment whose parent is missing, to its creator too', async () => {
        // Such a record predates the push check (or was written around it): the download check stands alone.
        const id = uuidv7();
        const body = attachmentBody(secret, uuidv7(), UNIT_B, { name: 'curian.jpg' });
        const paths = Object.keys(flattenBody('attachment', body));
        await db.query(
          `INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted,
             unit_ids, created_by, updated_by, created_at, updated_at)
           VALUES ($1, $2, 'attachment', $3, $4, $5, 1, false, $6, $7, $7, 1, 1)`,
          [
            id,
            tenants['Kabupaten Contoh'],
            JSON.stringify(body),
            JSON.stringify(Object.fromEntries(paths.map((p) => [p, 1]))),
            JSON.stringify(Object.fromEntries(paths.map((p) => [p, 'd']))),
            [UNIT_B],
            userIds.innoB,
          ],
        );
        for (const method of ['GET', 'HEAD'] as const)
          expect((await byHash(sha256Hex(secret), 'innoB', method)).status, method).toBe(404);
      });

      it('denies a download through an attachment on a record of one’s own, and answers like a missing file', async () => {
        const sha = sha256Hex(secret);
        // innoB may attach to its own draft (nothing tells the server the hash is not innoB's)...
        const own = await pushAttachment(srv, 'innoB', attachmentBody(secret, draftB, UNIT_B));
        expect(own.status).toBe('applied');
        // ...but the bytes never came from innoB for that record: no download, no HEAD, the answer of "not there".
        const refused = await byHash(sha, 'innoB');
        const missing = await byHash(sha256Hex(jpeg(1_000, 1702)), 'innoB');
        expect(refused.status).toBe(404);
        expect(missing.status).toBe(404);
        expect(await refused.text()).toBe(await missing.text());
        expect((await byHash(sha, 'innoB', 'HEAD')).status).toBe(404);
        // Nor does announcing the hash in an upload skip sending the bytes: the upload waits for all of them.
        const url = await newUpload(srv, 'innoB', metaFor(secret, draftB), secret.length);
        expect(offsetOf(await head(srv, 'innoB', url))).toBe(0);
        await srv.fetch(url, { as: 'innoB', method: 'DELETE', headers: TUS });
        // Whoever sends the real bytes for their record has shown they have the file, and may then download it.
        const url2 = await newUpload(srv, 'innoB', metaFor(secret, draftB), secret.length);
        expect((await sendFrom(srv, 'innoB', url2, secret)).status).toBe(204);
        expect((await byHash(sha, 'innoB')).status).toBe(200);
        expect((await byHash(sha, 'facB')).status).toBe(200);
      });
    });

    describe('unfinished uploads count against the quota (medium)', () => {
      it('counts every upload by its declared length, the same or a stored hash too', async () => {
        const quotaSrv = await startFilesServer(db, tokens, {
          tenantQuotaBytes: 3 * MIB,
          fileDir: srv.fileDir,
        });
        try {
          const coordDraft = await newDraft(quotaSrv, 'quotaCoord', null);
          const innoDraft = await newDraft(quotaSrv, 'quotaInno', UNIT_A);
          const stored = pdf(MIB, 1711);
          const url = await newUpload(
            quotaSrv,
            'quotaCoord',
            metaFor(stored, coordDraft, 'a.pdf', 'application/pdf'),
            MIB,
          );
          expect((await sendFrom(quotaSrv, 'quotaCoord', url, stored)).status).toBe(204);

          // 1 MiB stored; uploads announcing that stored hash (by someone who never sent it) hold 1 MiB each.
          const announce = (bytes: Uint8Array) =>
            createUpload(quotaSrv, 'quotaInno', metaFor(bytes, innoDraft, 'a.pdf', 'application/pdf'), MIB);
          const onStored: Response[] = [];
          for (let i = 0; i < 4; i++) onStored.push(await announce(stored));
          expect(onStored.map((r) => r.status)).toEqual([201, 201, 413, 413]);
          const over = await errorOf(onStored[3]!);
          expect(over.code).toBe('quota-exceeded');
          expect(over.message).toMatch(/penuh/);
          expect(over.messageEn).toMatch(/full/);
          for (const r of onStored.slice(0, 2))
            await quotaSrv.fetch(r.headers.get('location')!, {
              as: 'quotaInno',
              method: 'DELETE',
              headers: TUS,
            });

          // One hash not stored yet, announced again and again: each announcement holds its length.
          const arriving = pdf(MIB, 1712);
          const same: number[] = [];
          for (let i = 0; i < 3; i++) same.push((await announce(arriving)).status);
          expect(same).toEqual([201, 201, 413]);
        } finally {
          await quotaSrv.close();
        }
      });

      it('closes at once, reserving nothing, an upload of stored content its sender has', async () => {
        const bytes = jpeg(80_000, 1721);
        const url = await newUpload(srv, 'innoA', metaFor(bytes, draftA), bytes.length);
        expect((await sendFrom(srv, 'innoA', url, bytes)).status).toBe(204);
        const again = await newUpload(srv, 'innoA', metaFor(bytes, draftA), bytes.length);
        const id = again.split('/').pop()!;
        const status = await head(srv, 'innoA', again);
        expect(status.status).toBe(200);
        expect(offsetOf(status)).toBe(bytes.length);
        const row = await db.query<{ status: string }>('SELECT status FROM file_uploads WHERE id = $1', [id]);
        expect(row.rows[0]?.status).toBe('stored');
        expect(await partials()).not.toContain(id);
        // A client that PATCHes from 0 anyway (tus-js-client does after a creation) learns it is done.
        const first = await patch(srv, 'innoA', again, 0, bytes.subarray(0, 1000));
        expect(first.status).toBe(204);
        expect(offsetOf(first)).toBe(bytes.length);
        // The phone's client library (tus-js-client) finishes such an upload too, and nothing is kept of it.
        const viaClient = await new Promise<string>((resolve, reject) => {
          const upload = new Upload(Buffer.from(bytes), {
            endpoint: `${srv.base}/api/files/`,
            chunkSize: 256 * 1024,
            metadata: { ...metaFor(bytes, draftA) },
            headers: { Authorization: `Bearer ${tokens.innoA}` },
            retryDelays: [],
            onSuccess: () => resolve(upload.url ?? ''),
            onError: reject,
          });
          upload.start();
        });
        const clientId = viaClient.split('/').pop()!;
        const clientRow = await db.query<{ status: string }>(
          'SELECT status FROM file_uploads WHERE id = $1',
          [clientId],
        );
        expect(clientRow.rows[0]?.status).toBe('stored');
        expect(await partials()).not.toContain(clientId);
      });

      it('allows at most 10 unfinished uploads per person (429, in both languages)', async () => {
        const draft = await newDraft(srv, 'busy', UNIT_A);
        const urls: string[] = [];
        for (let i = 0; i < 10; i++)
          urls.push(await newUpload(srv, 'busy', metaFor(jpeg(1_000, 1730 + i), draft), 1_000));
        const eleventh = await createUpload(srv, 'busy', metaFor(jpeg(1_000, 1740), draft), 1_000);
        expect(eleventh.status).toBe(429);
        const error = await errorOf(eleventh);
        expect(error.code).toBe('too-many-uploads');
        expect(error.message).toMatch(/belum selesai/);
        expect(error.messageEn).toMatch(/unfinished/);
        // Finishing one (or giving it up) makes room again.
        await srv.fetch(urls[0]!, { as: 'busy', method: 'DELETE', headers: TUS });
        expect((await createUpload(srv, 'busy', metaFor(jpeg(1_000, 1740), draft), 1_000)).status).toBe(201);
        // Other people are not held up by it.
        expect((await createUpload(srv, 'innoA', metaFor(jpeg(1_000, 1741), draftA), 1_000)).status).toBe(
          201,
        );
      });
    });

    describe('images are refused by the pixels their header declares (info)', () => {
      it('refuses a PNG declaring 20000 x 20000 pixels, and a JPEG whose size cannot be read', async () => {
        const bomb = pngDeclaring(20_000, 20_000);
        const url = await newUpload(
          srv,
          'innoA',
          metaFor(bomb, draftA, 'denah.png', 'image/png'),
          bomb.length,
        );
        const last = await sendFrom(srv, 'innoA', url, bomb);
        expect(last.status).toBe(413);
        const error = await errorOf(last);
        expect(error.code).toBe('image-too-large');
        expect(error.message).toMatch(/40 megapiksel/);
        expect(error.messageEn).toMatch(/40 megapixels/);
        expect(existsSync(join(srv.fileDir, 'blobs', tenants['Kabupaten Contoh']!, sha256Hex(bomb)))).toBe(
          false,
        );
        // A retried last PATCH repeats the reason.
        expect((await patch(srv, 'innoA', url, bomb.length - 10, bomb.subarray(-10))).status).toBe(413);

        // 8000 x 5000 (40 megapixels exactly) is accepted.
        const large = pngDeclaring(8_000, 5_000, 5_000, 10);
        const ok = await newUpload(
          srv,
          'innoA',
          metaFor(large, draftA, 'besar.png', 'image/png'),
          large.length,
        );
        expect((await sendFrom(srv, 'innoA', ok, large)).status).toBe(204);

        // A JPEG whose frame header is missing: its size is unknown, so it is not kept either.
        const headless = jpeg(5_000, 1750).slice();
        headless.set([0xff, 0xda], 20); // a scan where the frame header should be
        const url2 = await newUpload(srv, 'innoA', metaFor(headless, draftA), headless.length);
        const refused = await sendFrom(srv, 'innoA', url2, headless);
        expect(refused.status).toBe(415);
        expect((await errorOf(refused)).code).toBe('unsupported-type');
      });
    });

    describe('an attachment names only a parent its pusher may write (low)', () => {
      it('refuses a parent in another unit exactly like a parent that does not exist', async () => {
        const cases: [string, string, string][] = [
          ['innovator of another unit', 'innoB', draftA],
          ['facilitator of another unit', 'facB', draftA],
          ['viewer (reads, never writes)', 'viewer', draftA],
          ['coordinator of another tenant', 'other', draftA],
          ['a parent that does not exist', 'innoB', uuidv7()],
        ];
        const answers: string[] = [];
        for (const [what, who, parent] of cases) {
          const id = uuidv7();
          const result = rejected(
            await pushAttachment(srv, who, attachmentBody(jpeg(2_000, 1760), parent, UNIT_B), id),
          );
          expect(result.code, what).toBe('not-found');
          answers.push(result.message);
          const stored = await db.query('SELECT 1 FROM sync_records WHERE id = $1', [id]);
          expect(stored.rows, what).toHaveLength(0);
        }
        expect(new Set(answers).size).toBe(1);
      });

      it('answers an upload to a parent one may not see exactly like one to a parent not there (existence leak)', async () => {
        const bytes = jpeg(2_000, 1763);
        const answer = async (who: string, parent: string) => {
          const res = await createUpload(srv, who, metaFor(bytes, parent), bytes.length);
          return { status: res.status, error: await errorOf(res) };
        };
        for (const who of ['innoB', 'facB', 'other']) {
          const theirs = await answer(who, draftA);
          expect(theirs, who).toEqual(await answer(who, uuidv7()));
          expect(theirs.status, who).toBe(409);
        }
        // The viewer sees the draft: being told she may not attach to it reveals nothing.
        expect((await answer('viewer', draftA)).status).toBe(403);
      });

      it('takes the unit from the parent, and checks the parent kind', async () => {
        const id = uuidv7();
        const ok = await pushAttachment(srv, 'facA', attachmentBody(jpeg(2_000, 1761), draftA, UNIT_B), id);
        expect(ok.status).toBe('applied');
        const row = await db.query<{ unit_ids: string[]; body: { unitId: string } }>(
          'SELECT unit_ids, body FROM sync_records WHERE id = $1',
          [id],
        );
        expect(row.rows[0]?.unit_ids).toEqual([UNIT_A]);
        expect(row.rows[0]?.body.unitId).toBe(UNIT_A);
        const wrongKind = rejected(
          await pushAttachment(
            srv,
            'innoA',
            attachmentBody(jpeg(2_000, 1762), draftA, UNIT_A, { parentKind: 'session' }),
          ),
        );
        expect(wrongKind.code).toBe('invalid');
      });
    });
  });
}
