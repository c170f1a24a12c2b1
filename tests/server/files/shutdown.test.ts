/**
 * Graceful shutdown with an upload in progress, on the real `startServer` (PGlite in a folder, FILE_DIR in a
 * folder): a PATCH still receiving when the server stops is answered 204 with the bytes received so far (not cut),
 * the stop does not wait out the grace period for a slow phone, and after a restart on the same folders the
 * client resumes from that offset and the file is stored whole.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from '../../../src/server/config';
import { createLogger } from '../../../src/server/http/logging';
import { SHUTDOWN_GRACE_MS, startServer, type RunningServer } from '../../../src/server/server';
import { endUploadsInFlight } from '../../../src/server/files/service';
import { AUTH_SECRET, CAST, UNIT_A, seedUsers } from '../sync/helpers';
import { pdf, sha256Hex } from './fixtures';
import {
  TUS,
  createUpload,
  filesClient,
  head,
  metaFor,
  newDraft,
  newUpload,
  offsetOf,
  sendFrom,
  type FilesClient,
} from './harness';

describe('graceful shutdown with an upload in progress', () => {
  let root: string;
  let config: ServerConfig;
  let running: RunningServer | null = null;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'rintis-files-stop-'));
    config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: join(root, 'pglite'),
      FILE_DIR: join(root, 'files'),
      STATIC_DIR: join(root, 'no-dist'),
      AUTH_SECRET,
      LOG_LEVEL: 'silent',
    });
  });
  afterAll(async () => {
    await running?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('answers the PATCH in flight with its offset, stops at once, and the upload resumes after the restart', async () => {
    const logger = createLogger('silent');
    running = await startServer(config, logger);
    const { tokens, tenants } = await seedUsers(running.db, CAST);
    let client: FilesClient = filesClient(running.url, tokens);
    const draft = await newDraft(client, 'innoA', UNIT_A);
    const bytes = pdf(1_000_000, 7);
    const url = await newUpload(
      client,
      'innoA',
      metaFor(bytes, draft, 'laporan.pdf', 'application/pdf'),
      bytes.length,
    );
    const path = new URL(url).pathname;

    // A slow phone: 300 KB of a 1 MB PATCH are sent, the rest has not come yet when the server is told to stop.
    const sent = 300_000;
    const answer = new Promise<{ status: number; offset: number; connection: string | undefined }>(
      (resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port: running!.port,
          path,
          method: 'PATCH',
          headers: {
            ...TUS,
            authorization: `Bearer ${tokens.innoA}`,
            'Upload-Offset': '0',
            'Content-Type': 'application/offset+octet-stream',
            'Content-Length': String(bytes.length),
          },
        });
        req.on('response', (res: IncomingMessage) => {
          res.resume();
          resolve({
            status: res.statusCode ?? 0,
            offset: Number(res.headers['upload-offset']),
            connection: res.headers.connection,
          });
        });
        req.on('error', reject);
        req.write(bytes.subarray(0, sent));
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const stopped = running.stop();
    const got = await answer;
    await stopped;
    running = null;
    expect(got.status).toBe(204);
    expect(got.offset).toBe(sent);
    expect(got.connection).toBe('close');
    expect(Date.now() - started).toBeLessThan(SHUTDOWN_GRACE_MS / 3);

    // Restarted on the same folders: the offset is what was acknowledged, and the rest completes the file.
    running = await startServer(config, logger);
    client = filesClient(running.url, tokens);
    const status = await head(client, 'innoA', url.replace(/^http:\/\/[^/]+/, running.url));
    expect(status.status).toBe(200);
    expect(offsetOf(status)).toBe(sent);
    const last = await sendFrom(client, 'innoA', url.replace(/^http:\/\/[^/]+/, running.url), bytes, sent);
    expect(last.status).toBe(204);
    const stored = await readFile(
      join(root, 'files', 'blobs', tenants['Kabupaten Contoh']!, sha256Hex(bytes)),
    );
    expect(new Uint8Array(stored)).toEqual(bytes);

    // Once stopping, a new upload on a connection still open is told to come back, not half-accepted.
    endUploadsInFlight(running.db);
    const late = await createUpload(
      client,
      'innoA',
      metaFor(pdf(1000, 8), draft, 'b.pdf', 'application/pdf'),
      1000,
    );
    expect(late.status).toBe(503);
    expect(late.headers.get('retry-after')).toBe('5');
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('shutting-down');
  });
});
