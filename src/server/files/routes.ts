/**
 * File routes under /files (the app mounts them at /api, so that POST /api/files/ keeps its slash), behind requireAuth (OPTIONS, tus discovery, excepted):
 * - tus 1.0.0 (creation, core, termination): POST / creates an upload, HEAD /:id gives its offset, PATCH /:id
 *   appends at the offset, DELETE /:id gives it up. The caller must own the upload; otherwise 404.
 * - GET and HEAD /by-hash/:sha256: the bytes (HEAD: their length), when the caller may download them
 *   (repository.ts `downloadName`: a live attachment record and its existing parent, both visible to the caller,
 *   and the bytes uploaded for that record); 404 otherwise, the same for "not yours" and "not there".
 *
 * Hono answers HEAD with the GET route (body dropped), so the GET handlers look at the request's real method.
 * Every refusal is JSON in the shared error shape: tus' own plain-text answers are rewritten here.
 */
import { Readable } from 'node:stream';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { TUS_RESUMABLE } from '@tus/server';
import type { Database } from '../db/types';
import type { AppEnv } from '../http/env';
import { apiError, defaultHook } from '../http/errors';
import { BEARER_AUTH } from '../http/openapi';
import { apiErrorSchema } from '../../shared/protocol';
import { sha256Schema } from '../../shared/attachments';
import {
  FileRefusal,
  codeForTusStatus,
  fileErrorJson,
  fileErrorStatus,
  rejectionCode,
  type FileErrorCode,
} from './errors';
import { contentDisposition, uploadIdSchema } from './policy';
import { closeUpload, downloadName, findBlob, findUpload, type UploadRow } from './repository';
import { RESTART_RETRY_AFTER_S, type FilesService } from './service';

export interface FilesRouteDeps {
  db: Database;
  service: FilesService;
  /** requireAuth, applied to everything but OPTIONS. */
  auth: MiddlewareHandler<AppEnv>;
}

const TUS_HEADERS = { 'Tus-Resumable': TUS_RESUMABLE };

function refusal(code: FileErrorCode, headers: Record<string, string> = {}, limitBytes?: number): Response {
  return new Response(fileErrorJson(code, limitBytes), {
    status: fileErrorStatus(code),
    headers: { ...TUS_HEADERS, 'Content-Type': 'application/json', ...headers },
  });
}

/**
 * The file routes are plain Hono handlers (tus and streams), described here by hand. Each lists what it can
 * answer: requireAuth (401, 403 while a one-time password must be changed), the cross-origin refusal (403), tus'
 * own checks (412 without Tus-Resumable, 400 for a malformed tus header), the refusals of errors.ts and a busy
 * database (503). HEAD answers carry no body, so theirs are described without one.
 */
function describeRoutes(app: OpenAPIHono<AppEnv>): void {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: apiErrorSchema } },
  });
  const headOnly = (description: string) => ({ description });
  const signedIn = {
    401: error('Not signed in or token expired'),
    403: error(
      'A one-time password must be changed first, or a cross-origin request from an origin not allowed',
    ),
    503: error('The server is restarting (uploads) or the database is busy; retry after Retry-After'),
  };
  const tusChecks = {
    400: error('A malformed tus header (Upload-Offset, Upload-Length, Upload-Metadata)'),
    412: error('Tus-Resumable missing: tus 1.0.0 needs it on every request'),
  };
  const tusHeaders = z.object({
    'Tus-Resumable': z.literal('1.0.0'),
  });
  const uploadId = z.object({ id: uploadIdSchema.openapi({ description: 'Upload id from Location' }) });
  const sha = z.object({ sha256: sha256Schema });
  const security = BEARER_AUTH;
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/files/',
    operationId: 'createUpload',
    tags: ['files'],
    summary: 'tus: create an upload',
    description:
      'tus 1.0.0 creation. Headers: Upload-Length (bytes, at most FILE_MAX_BYTES), Upload-Metadata with base64 ' +
      'values for sha256 (hex), filename, filetype (MIME) and parentId (the record the file is attached to). ' +
      'Answers 201 with a relative Location (/api/files/<id>). Content the tenant stores and the caller has ' +
      'uploaded or may download is closed at once: its first PATCH answers 204 with the full offset. Every ' +
      'other upload holds its declared length of the quota until it completes or expires.',
    security,
    request: {
      headers: tusHeaders.extend({
        'Upload-Length': z.string().regex(/^\d+$/),
        'Upload-Metadata': z.string().openapi({
          example: 'sha256 ZTNi..., filename Zm90by5qcGc=, filetype aW1hZ2UvanBlZw==, parentId MDE5...',
        }),
      }),
    },
    responses: {
      201: { description: 'Created; Location names the upload' },
      ...signedIn,
      ...tusChecks,
      400: error('Metadata missing or invalid, a malformed tus header, or Upload-Defer-Length used'),
      403: error(
        'May not attach files to the parent record (or it was deleted), a one-time password must be changed ' +
          'first, or a cross-origin request (`error.code` says which)',
      ),
      409: error('The parent record is not on the server yet: retry later'),
      413: error('Larger than FILE_MAX_BYTES, or over the tenant quota'),
      429: error('Too many unfinished uploads of this user (10); retry when one finishes or expires'),
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'head',
    path: '/files/{id}',
    operationId: 'getUploadOffset',
    tags: ['files'],
    summary: 'tus: offset of an upload',
    description:
      'Upload-Offset says how many bytes the server holds; equal to Upload-Length once stored. An upload whose ' +
      'bytes all arrived but whose last PATCH got no answer is finished here first.',
    security,
    request: { params: uploadId, headers: tusHeaders },
    responses: {
      200: headOnly('Upload-Offset and Upload-Length headers'),
      400: headOnly('A malformed tus header'),
      401: headOnly('Not signed in or token expired'),
      403: headOnly('A one-time password must be changed first, or a cross-origin request'),
      404: headOnly('No such upload for this user'),
      410: headOnly('Expired or rejected: create a new upload'),
      412: headOnly('Tus-Resumable missing'),
      423: headOnly('The upload is being finished by another request; retry shortly'),
      503: headOnly('The database is busy; retry after Retry-After'),
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'patch',
    path: '/files/{id}',
    operationId: 'appendUpload',
    tags: ['files'],
    summary: 'tus: append bytes at the offset',
    description:
      'Content-Type application/offset+octet-stream, Upload-Offset equal to the server offset. The PATCH that ' +
      'completes the file answers 204 only after the SHA-256 matched, the type sniffed from the content was ' +
      'accepted and the file was stored.',
    security,
    request: {
      params: uploadId,
      headers: tusHeaders.extend({ 'Upload-Offset': z.string().regex(/^\d+$/) }),
      body: {
        content: { 'application/offset+octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
    },
    responses: {
      204: { description: 'Accepted; Upload-Offset is the new offset' },
      ...signedIn,
      ...tusChecks,
      403: error(
        'Upload-Offset or Content-Type missing, a one-time password must be changed first, or a cross-origin ' +
          'request (`error.code` says which)',
      ),
      404: error('No such upload for this user'),
      409: error('Upload-Offset does not match: HEAD, then resume'),
      410: error('Expired'),
      413: error('More bytes than Upload-Length, or an image over 40 megapixels (header); discarded'),
      415: error(
        'Sniffed type not accepted or not matching the declared type and name, or an image whose size ' +
          'cannot be read from its header; discarded',
      ),
      423: error('The upload is being written by another request; retry shortly'),
      460: error('SHA-256 mismatch (tus checksum mismatch); discarded'),
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'delete',
    path: '/files/{id}',
    operationId: 'cancelUpload',
    tags: ['files'],
    summary: 'tus: give up an upload',
    security,
    request: { params: uploadId, headers: tusHeaders },
    responses: {
      204: { description: 'Terminated' },
      ...signedIn,
      ...tusChecks,
      404: error('No such upload for this user'),
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'head',
    path: '/files/by-hash/{sha256}',
    operationId: 'checkFile',
    tags: ['files'],
    summary: 'May the caller download this file?',
    description:
      'Lets a client skip uploading content the server has for its record. 200 with Content-Length under the ' +
      'same rule as GET, else 404.',
    security,
    request: { params: sha },
    responses: {
      200: headOnly('Downloadable; Content-Length is its size'),
      400: headOnly('Not a SHA-256'),
      401: headOnly('Not signed in or token expired'),
      403: headOnly('A one-time password must be changed first, or a cross-origin request'),
      404: headOnly('Not held, or not visible to this user'),
      503: headOnly('The database is busy; retry after Retry-After'),
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/files/by-hash/{sha256}',
    operationId: 'downloadFile',
    tags: ['files'],
    summary: 'Download a file',
    description:
      'Only when the caller may see a live attachment record of its tenant with this content, may read its ' +
      'parent (which must exist), and the bytes were uploaded for that record. ' +
      'Content-Type is the type sniffed at upload; Content-Disposition attachment; ETag is the hash.',
    security,
    request: { params: sha },
    responses: {
      200: {
        description: 'The bytes',
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      304: { description: 'Not modified (If-None-Match)' },
      ...signedIn,
      400: error('Not a SHA-256'),
      404: error('Not found, or not visible to this user'),
    },
  });
}

/** Counts and logs a refusal (one JSON line with the request id, the caller and the code; never file names). */
function noteRefusal(c: Context<AppEnv>, service: FilesService, code: FileErrorCode, status: number): void {
  service.metrics.refusals.inc({ code });
  const line = {
    reqId: c.get('requestId'),
    userId: c.get('auth')?.userId,
    method: c.req.raw.method,
    status,
    code,
  };
  if (status >= 500) service.logger.error(line, 'upload refused');
  else service.logger.info(line, 'upload refused');
}

/** tus' plain-text errors become the shared JSON shape; PATCH progress is counted. */
async function normalize(
  c: Context<AppEnv>,
  service: FilesService,
  response: Response,
  endedEarly: boolean,
): Promise<Response> {
  if (response.status < 400) {
    if (c.req.raw.method === 'PATCH' && response.status === 204) {
      const before = Number(c.req.header('Upload-Offset'));
      const after = Number(response.headers.get('Upload-Offset'));
      if (after > before) service.metrics.bytesReceived.inc(after - before);
    }
    if (endedEarly) response.headers.set('Connection', 'close');
    return response;
  }
  const text = await response.text();
  let code: FileErrorCode;
  let body = text;
  try {
    code = (JSON.parse(text) as { error: { code: FileErrorCode } }).error.code;
  } catch {
    code = codeForTusStatus(response.status, text);
    body = fileErrorJson(code, code === 'file-too-large' ? service.maxBytes : undefined);
  }
  noteRefusal(c, service, code, response.status);
  const headers = new Headers(response.headers);
  headers.set('Content-Type', 'application/json');
  headers.delete('Content-Length');
  // tus closes the connection after any refused PATCH. For an offset mismatch (a cut PATCH that finished
  // writing late) keep it open: Node reads and drops the rest of the chunk, and the client reads the 409 instead
  // of meeting a reset while still sending.
  if (code === 'offset-mismatch') headers.delete('Connection');
  if (code === 'shutting-down') headers.set('Retry-After', String(RESTART_RETRY_AFTER_S));
  return new Response(c.req.raw.method === 'HEAD' ? null : body, { status: response.status, headers });
}

/** An upload that is no longer receiving: answered from the database (tus no longer has it). */
function closedUpload(method: string, row: UploadRow, offsetHeader: string | undefined): Response {
  const done = { ...TUS_HEADERS, 'Cache-Control': 'no-store' };
  if (method === 'DELETE') return new Response(null, { status: 204, headers: TUS_HEADERS });
  if (row.status === 'stored') {
    const offsets = { 'Upload-Offset': String(row.size), 'Upload-Length': String(row.size) };
    if (method === 'HEAD') return new Response(null, { status: 200, headers: { ...done, ...offsets } });
    // Every byte is held (or the upload was closed at creation): any PATCH within the file learns it is done.
    const offset = Number(offsetHeader);
    return Number.isInteger(offset) && offset >= 0 && offset <= row.size
      ? new Response(null, { status: 204, headers: { ...done, 'Upload-Offset': String(row.size) } })
      : refusal('offset-mismatch');
  }
  if (row.status === 'rejected' && method === 'PATCH') return refusal(rejectionCode(row.reason));
  return new Response(method === 'HEAD' ? null : fileErrorJson('upload-gone'), {
    status: 410,
    headers: { ...TUS_HEADERS, 'Content-Type': 'application/json' },
  });
}

export function createFilesRoutes({ db, service, auth }: FilesRouteDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  describeRoutes(app);

  const guard: MiddlewareHandler<AppEnv> = async (c, next) =>
    c.req.method === 'OPTIONS' ? next() : auth(c, next);
  app.use('/files', guard);
  app.use('/files/*', guard);

  const tus = async (c: Context<AppEnv>): Promise<Response> => {
    const method = c.req.raw.method;
    const refuse = (code: FileErrorCode, headers: Record<string, string> = {}) => {
      noteRefusal(c, service, code, fileErrorStatus(code));
      return refusal(code, headers);
    };
    if ((method === 'POST' || method === 'PATCH') && service.ending) {
      return refuse('shutting-down', { 'Retry-After': String(RESTART_RETRY_AFTER_S), Connection: 'close' });
    }
    if (method === 'POST' && c.req.header('Upload-Defer-Length') !== undefined)
      return refuse('invalid-upload');
    const ctx = { auth: c.get('auth'), reqId: c.get('requestId') };
    if (method !== 'POST' && method !== 'OPTIONS') {
      const id = uploadIdSchema.safeParse(c.req.param('id'));
      const row = id.success ? await findUpload(db, ctx.auth.tenantId, id.data) : null;
      if (!row || row.tenantId !== ctx.auth.tenantId || row.userId !== ctx.auth.userId)
        return refuse('upload-gone');
      if (row.status !== 'receiving') return closedUpload(method, row, c.req.header('Upload-Offset'));
      if (method === 'DELETE') await closeUpload(db, row);
      if (method === 'HEAD' && (await service.partialOffset(row.id)) === row.size) {
        // Every byte arrived but the finalize did not answer (cut connection, restart): run it now, so "complete"
        // is only ever said of a stored file.
        try {
          const outcome = await service.finalize(row.tenantId, row.id);
          return closedUpload(
            method,
            { ...row, status: outcome.status === 'rejected' ? 'rejected' : 'stored' },
            undefined,
          );
        } catch (err) {
          if (err instanceof FileRefusal) return refuse(err.code);
          throw err;
        }
      }
    }
    const { response, endedEarly } = await service.handle(c.req.raw, ctx);
    return normalize(c, service, response, endedEarly);
  };

  app.on(['POST', 'OPTIONS'], ['/files/', '/files'], tus);
  app.on(['PATCH', 'DELETE', 'OPTIONS'], '/files/:id', tus);

  app.get('/files/by-hash/:sha256', async (c) => {
    const parsed = sha256Schema.safeParse(c.req.param('sha256'));
    if (!parsed.success) {
      return apiError(
        c,
        400,
        'invalid-request',
        'Sidik berkas tidak sah',
        'Invalid file hash (SHA-256, 64 hex)',
      );
    }
    const { tenantId } = c.get('auth');
    const sha256 = parsed.data;
    const blob = await findBlob(db, tenantId, sha256);
    const name = blob ? await downloadName(db, c.get('auth'), sha256) : null;
    if (c.req.raw.method === 'HEAD') {
      return blob && name !== null
        ? c.body(null, 200, {
            'Content-Length': String(blob.size),
            'Content-Type': blob.mime,
            'Cache-Control': 'no-store',
          })
        : c.body(null, 404, { 'Cache-Control': 'no-store' });
    }
    const notFound = () => {
      service.metrics.downloads.inc({ outcome: 'refused' });
      return apiError(c, 404, 'not-found', 'Berkas tidak ditemukan', 'File not found');
    };
    if (!blob || name === null) return notFound();
    const etag = `"${sha256}"`;
    const common = { ETag: etag, 'Cache-Control': 'private, no-cache', 'X-Content-Type-Options': 'nosniff' };
    if (
      c.req
        .header('If-None-Match')
        ?.split(/\s*,\s*/)
        .includes(etag)
    ) {
      service.metrics.downloads.inc({ outcome: 'not-modified' });
      return c.body(null, 304, common);
    }
    const stream = await service.blobs.get({ tenantId, sha256 });
    if (!stream) {
      service.logger.error(
        { reqId: c.get('requestId'), tenantId, sha256 },
        'stored file missing from the blob store',
      );
      return notFound();
    }
    service.metrics.downloads.inc({ outcome: 'served' });
    service.metrics.downloadBytes.inc(blob.size);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      status: 200,
      headers: {
        ...common,
        'Content-Type': blob.mime,
        'Content-Length': String(blob.size),
        'Content-Disposition': contentDisposition(name),
      },
    });
  });

  // HEAD /:id arrives here as GET (see the file comment); a real GET of an upload is not part of tus.
  app.get('/files/:id', async (c) => {
    if (c.req.raw.method === 'HEAD') return tus(c);
    return apiError(c, 405, 'method-not-allowed', 'Metode tidak diizinkan', 'Method not allowed');
  });

  return app;
}
