/**
 * Two server processes (each its own pool) on one PostgreSQL and one shared FILE_DIR, as behind a load balancer:
 * an upload started on one and cut resumes on the other, the file is stored once, and both serve it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/db/types';
import { CAST, UNIT_A, freshPostgres, postgresDatabase, seedUsers } from '../sync/helpers';
import { pdf, sha256Hex } from './fixtures';
import {
  attachmentBody,
  cutPatch,
  head,
  metaFor,
  newDraft,
  newUpload,
  offsetOf,
  pushRecord,
  sendFrom,
  startFilesServer,
  type FilesServer,
} from './harness';

describe('files on two server processes sharing PostgreSQL and FILE_DIR', () => {
  let fresh: { url: string; drop: () => Promise<void> };
  let dbA: Database;
  let dbB: Database;
  let fileDir: string;
  let a: FilesServer;
  let b: FilesServer;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    fresh = await freshPostgres();
    dbA = await postgresDatabase(fresh.url);
    dbB = await postgresDatabase(fresh.url, false);
    tokens = (await seedUsers(dbA, CAST)).tokens;
    fileDir = await mkdtemp(join(tmpdir(), 'rintis-files-two-'));
    a = await startFilesServer(dbA, tokens, { fileDir });
    b = await startFilesServer(dbB, tokens, { fileDir });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dbA?.close();
    await dbB?.close();
    await fresh?.drop();
    await rm(fileDir, { recursive: true, force: true });
  });

  it('resumes on the other process, stores once, and both serve the file', async () => {
    const draft = await newDraft(a, 'innoA', UNIT_A);
    const bytes = pdf(800_000, 201);
    await pushRecord(
      a,
      'innoA',
      'attachment',
      attachmentBody(bytes, draft, UNIT_A, { name: 'laporan.pdf', mime: 'application/pdf' }),
    );
    const onA = await newUpload(
      a,
      'innoA',
      metaFor(bytes, draft, 'laporan.pdf', 'application/pdf'),
      bytes.length,
    );
    await cutPatch(a, tokens.innoA!, onA, 0, bytes, 300_000);
    const offsetOnA = offsetOf(await head(a, 'innoA', onA));
    expect(offsetOnA).toBeGreaterThan(0);

    // The phone's next request lands on the other process.
    const onB = onA.replace(a.base, b.base);
    const status = await head(b, 'innoA', onB);
    expect(status.status).toBe(200);
    // Bytes of the cut PATCH still being written on A may land after A's HEAD: never more than were sent.
    const offsetOnB = offsetOf(status);
    expect(offsetOnB).toBeGreaterThanOrEqual(offsetOnA);
    expect(offsetOnB).toBeLessThanOrEqual(300_000);
    expect((await sendFrom(b, 'innoA', onB, bytes, offsetOnB)).status).toBe(204);

    // Both processes see it stored; asking the first one again says complete.
    expect(offsetOf(await head(a, 'innoA', onA))).toBe(bytes.length);
    for (const srv of [a, b]) {
      const res = await srv.fetch(`/api/files/by-hash/${sha256Hex(bytes)}`, { as: 'facA' });
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    }
  });
});
