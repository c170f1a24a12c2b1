/**
 * The files suites' harness, on real parts: the real app (`createApp` with FILE_DIR in a temporary folder) on a
 * real listening HTTP server, real users and tokens (seeded like the sync suites), parent and attachment records
 * pushed through the real /api/sync/push, and a small tus 1.0.0 client over fetch (plus raw node:http for
 * connections cut in the middle of a PATCH).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { uuidv7 } from 'uuidv7';
import { createApp } from '../../../src/server/app';
import { TEST_PASSWORD_HASH_COST } from '../support/passwords';
import type { Database } from '../../../src/server/db/types';
import { createMetrics, type AppMetrics } from '../../../src/server/http/metrics';
import { flattenBody } from '../../../src/shared/fieldPaths';
import { PROTOCOL_VERSION, type PushResponse } from '../../../src/shared/protocol';
import type { AttachmentBody } from '../../../src/shared/attachments';
import type { BodyOf, RecordKind } from '../../../src/shared/records';
import { AUTH_SECRET } from '../sync/helpers';
import { draftBody } from '../sync/fixtures';
import { anAttachmentBody } from '../../factories';
import { sha256Hex } from './fixtures';

/** Requests to a running server as the seeded users. */
export interface FilesClient {
  base: string;
  /** fetch with `as` swapped for that user's access token (unknown keys pass through as they are). */
  fetch(path: string, init?: RequestInit & { as?: string }): Promise<Response>;
}

export interface FilesServer extends FilesClient {
  fileDir: string;
  metrics: AppMetrics;
  close(): Promise<void>;
}

export function filesClient(base: string, tokens: Record<string, string>): FilesClient {
  return {
    base,
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.as) headers.set('authorization', `Bearer ${tokens[init.as] ?? init.as}`);
      const url = path.startsWith('http') ? path : `${base}${path}`;
      // A pooled keep-alive connection can meet a reset when the server has just dropped a connection cut
      // mid-PATCH by another request of the test; a tus client retries such a network error, and so does this.
      return fetch(url, { ...init, headers }).catch((err: unknown) =>
        (err as { cause?: { code?: string } }).cause?.code === 'ECONNRESET'
          ? fetch(url, { ...init, headers })
          : Promise.reject(err as Error),
      );
    },
  };
}

/** The bearer token of /api/metrics on the test server (METRICS_TOKEN). */
export const FILES_METRICS_TOKEN = 'files-test-metrics-token';

export async function startFilesServer(
  db: Database,
  tokens: Record<string, string>,
  options: { fileDir?: string; fileMaxBytes?: number; tenantQuotaBytes?: number } = {},
): Promise<FilesServer> {
  const ownDir = options.fileDir === undefined;
  const fileDir = options.fileDir ?? (await mkdtemp(join(tmpdir(), 'rintis-files-')));
  const metrics = createMetrics();
  const app = createApp({
    db,
    metrics,
    config: {
      passwordHashCost: TEST_PASSWORD_HASH_COST,
      authSecret: AUTH_SECRET,
      logLevel: 'silent',
      metricsToken: FILES_METRICS_TOKEN,
      fileDir,
      ...(options.fileMaxBytes ? { fileMaxBytes: options.fileMaxBytes } : {}),
      ...(options.tenantQuotaBytes ? { tenantQuotaBytes: options.tenantQuotaBytes } : {}),
    },
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) =>
    server.listening ? resolve() : server.once('listening', () => resolve()),
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    ...filesClient(base, tokens),
    fileDir,
    metrics,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownDir) await rm(fileDir, { recursive: true, force: true });
    },
  };
}

let deviceSeq = 0;

/** Pushes one record through /api/sync/push as `as`; returns the applied record or throws. */
export async function pushRecord(
  srv: FilesClient,
  as: string,
  kind: RecordKind,
  body: Record<string, unknown>,
  id: string = uuidv7(),
): Promise<string> {
  const deviceId = `files-test-${as}`;
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
          kind,
          op: 'create',
          values: flattenBody(kind, body),
          base: {},
          editedAt: 1_700_000_000_000,
        },
      ],
    }),
  });
  const out = (await res.json()) as PushResponse;
  const result = out.results[0];
  if (result?.status !== 'applied') throw new Error(`push ${kind} as ${as}: ${JSON.stringify(out)}`);
  return id;
}

/** Deletes a record through sync (a tombstone). */
/** Deletes (or restores) a record through the push endpoint. */
async function tombstone(
  srv: FilesClient,
  as: string,
  kind: RecordKind,
  id: string,
  op: 'delete' | 'restore',
): Promise<void> {
  const deviceId = `files-test-${as}`;
  const res = await srv.fetch('/api/sync/push', {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId,
      changes: [{ deviceId, seq: ++deviceSeq, recordId: id, kind, op, values: {}, base: {}, editedAt: 1 }],
    }),
  });
  const out = (await res.json()) as PushResponse;
  if (out.results[0]?.status !== 'applied') throw new Error(`${op} ${kind}: ${JSON.stringify(out)}`);
}

export const deleteRecord = (srv: FilesClient, as: string, kind: RecordKind, id: string) =>
  tombstone(srv, as, kind, id, 'delete');
export const restoreRecord = (srv: FilesClient, as: string, kind: RecordKind, id: string) =>
  tombstone(srv, as, kind, id, 'restore');

export const newDraft = (srv: FilesClient, as: string, unitId: string | null): Promise<string> =>
  pushRecord(srv, as, 'draft', draftBody(unitId) as BodyOf<'draft'>);

export function attachmentBody(
  bytes: Uint8Array,
  parentId: string,
  unitId: string | null,
  patch: Partial<AttachmentBody> = {},
): AttachmentBody {
  return anAttachmentBody({
    sha256: sha256Hex(bytes),
    name: 'foto.jpg',
    size: bytes.length,
    originalSize: bytes.length,
    parentId,
    parentKind: 'draft',
    unitId,
    width: null,
    height: null,
    ...patch,
  });
}

// ------------------------------------------------------------------------------------------------------------
// A tus 1.0.0 client, request by request.

export interface UploadMeta {
  sha256: string;
  filename: string;
  filetype: string;
  parentId: string;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
export const metadataHeader = (meta: Partial<UploadMeta>): string =>
  Object.entries(meta)
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');

export const metaFor = (
  bytes: Uint8Array,
  parentId: string,
  filename = 'foto.jpg',
  filetype = 'image/jpeg',
): UploadMeta => ({
  sha256: sha256Hex(bytes),
  filename,
  filetype,
  parentId,
});

export const TUS = { 'Tus-Resumable': '1.0.0' };

export function createUpload(
  srv: FilesClient,
  as: string,
  meta: Partial<UploadMeta>,
  length: number,
): Promise<Response> {
  return srv.fetch('/api/files/', {
    as,
    method: 'POST',
    headers: { ...TUS, 'Upload-Length': String(length), 'Upload-Metadata': metadataHeader(meta) },
  });
}

/** Creates an upload and returns its absolute URL (throws unless 201). */
export async function newUpload(
  srv: FilesClient,
  as: string,
  meta: UploadMeta,
  length: number,
): Promise<string> {
  const res = await createUpload(srv, as, meta, length);
  if (res.status !== 201) throw new Error(`create ${res.status}: ${await res.text()}`);
  const location = res.headers.get('location')!;
  return new URL(location, `${srv.base}/api/files/`).toString();
}

export function patch(
  srv: FilesClient,
  as: string,
  url: string,
  offset: number,
  bytes: Uint8Array,
): Promise<Response> {
  return srv.fetch(url, {
    as,
    method: 'PATCH',
    headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
    body: new Uint8Array(bytes),
  });
}

export function head(srv: FilesClient, as: string, url: string): Promise<Response> {
  return srv.fetch(url, { as, method: 'HEAD', headers: TUS });
}

export const offsetOf = (res: Response): number => Number(res.headers.get('upload-offset'));

/**
 * Sends `bytes` from `from` in chunks, as a tus client does: on 409 (the server's offset moved, e.g. a cut PATCH
 * finished writing late) it asks HEAD and goes on from there. Returns the last PATCH answer.
 */
export async function sendFrom(
  srv: FilesClient,
  as: string,
  url: string,
  bytes: Uint8Array,
  from = 0,
  chunk = 256 * 1024,
): Promise<Response> {
  let offset = from;
  let last: Response;
  do {
    last = await patch(srv, as, url, offset, bytes.subarray(offset, Math.min(bytes.length, offset + chunk)));
    if (last.status === 409) {
      await last.arrayBuffer();
      offset = offsetOf(await head(srv, as, url));
      continue;
    }
    if (last.status !== 204) return last;
    offset = offsetOf(last);
  } while (offset < bytes.length);
  return last;
}

/**
 * A PATCH whose connection is cut after `sendBytes` of the announced body: the request is written on a raw socket
 * and destroyed, as a phone losing signal does. Resolves once the bytes were handed to the socket and it closed.
 */
export async function cutPatch(
  srv: FilesClient,
  token: string,
  url: string,
  offset: number,
  body: Uint8Array,
  sendBytes: number,
): Promise<void> {
  const target = new URL(url);
  await new Promise<void>((resolve) => {
    const req = httpRequest({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'PATCH',
      headers: {
        ...TUS,
        authorization: `Bearer ${token}`,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(body.length),
      },
    });
    req.on('error', () => resolve());
    req.on('response', (res: IncomingMessage) => res.resume());
    req.on('close', () => resolve());
    req.write(body.subarray(0, sendBytes), () => {
      // Let the server read what was sent, then drop the connection mid-body.
      setTimeout(() => req.destroy(), 100);
    });
  });
}

/** Value of a Prometheus counter (sum over its series with the given labels). */
export async function counter(
  srv: FilesServer,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metrics = await srv.metrics.registry.getSingleMetric(name)?.get();
  return (metrics?.values ?? [])
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}
