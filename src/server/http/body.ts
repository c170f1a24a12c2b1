/**
 * Request body guard for /api: size limit, JSON only, parseable, not absurdly nested. Runs before the zod
 * validators so every malformed body gets a 4xx in the shared error shape, never a 5xx.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env';
import { apiError } from './errors';
import { IMPORT_MAX_FILE_BYTES } from '../../shared/import';

export const JSON_BODY_LIMIT = 1024 * 1024;
/** Sync pushes carry up to 500 changes of long texts. */
export const SYNC_BODY_LIMIT = 4 * 1024 * 1024;
/** A bulk import's rows (the browser refuses a file over IMPORT_MAX_FILE_BYTES; its rows are smaller). */
export const IMPORT_BODY_LIMIT = IMPORT_MAX_FILE_BYTES;
export const MAX_JSON_DEPTH = 64;

/**
 * Where the first string (a value or a key) holding U+0000 sits, as a dotted path ('' for the root), or null.
 * PostgreSQL cannot store that character in text or jsonb: it would fail the query (a 500), so it is refused here.
 */
export function nulCharacterPath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    for (const [key, child] of Object.entries(v)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key.includes('\u0000')) return at;
      stack.push([child, at]);
    }
  }
  return null;
}

/** Depth of nested arrays/objects, without recursion (a hostile body must not blow the stack). */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return max;
}

function sizeGuard(maxSize: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      apiError(
        c,
        413,
        'body-too-large',
        `Data terlalu besar (maks. ${Math.round(maxSize / 1024)} KB)`,
        `Request body too large (max ${Math.round(maxSize / 1024)} KB)`,
      ),
  });
}

/** A 4xx response when the body is not acceptable JSON; undefined when it is (or there is no body). */
async function checkJsonBody(c: Context<AppEnv>): Promise<Response | undefined> {
  const hasBody = c.req.raw.body !== null && c.req.header('Content-Length') !== '0';
  if (!hasBody) return undefined;
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    return apiError(
      c,
      415,
      'unsupported-media-type',
      'Data harus berformat JSON (Content-Type: application/json)',
      'The body must be JSON (Content-Type: application/json)',
    );
  }
  // Checked strictly: a lenient decoder would turn broken bytes into U+FFFD and store them as if typed. (Checked,
  // then decoded: several times cheaper than a fatal TextDecoder, which ran on every push.)
  const bytes = Buffer.from(await c.req.arrayBuffer());
  if (!isUtf8(bytes)) {
    return apiError(
      c,
      400,
      'invalid-utf8',
      'Data bukan teks UTF-8 yang sah',
      'The body is not valid UTF-8 text',
    );
  }
  // A byte order mark is not part of the JSON (TextDecoder left it out as well).
  const decoded = bytes.toString('utf8');
  const text = decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return apiError(c, 400, 'invalid-json', 'Data JSON rusak', 'Malformed JSON body');
  }
  if (jsonDepth(parsed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return apiError(
      c,
      400,
      'too-deep',
      `Data terlalu bersarang (maks. ${MAX_JSON_DEPTH} tingkat)`,
      `Body nested too deeply (max ${MAX_JSON_DEPTH} levels)`,
    );
  }
  // Every later reader (the route's validator, a handler that looks at the raw body) gets this parse: the body is
  // decoded and parsed once, not once per reader (hono's own json() decodes and parses the bytes on each call).
  // They only read it (zod returns new objects), so sharing the one value is safe.
  const body = Promise.resolve(parsed);
  c.req.json = <T>() => body as Promise<T>;
  // Sync is left to its own checks: a push refuses such a value change by change (sync/push.ts), so one bad edit in a
  // phone's outbox cannot block the others, and `deviceIdSchema` refuses it in a device id.
  const nulAt = c.req.path.startsWith('/api/sync/') ? null : nulCharacterPath(parsed);
  if (nulAt !== null) {
    return apiError(
      c,
      400,
      'nul-character',
      'Teks tidak boleh berisi karakter NUL (\\u0000)',
      'Text must not contain the NUL character (\\u0000)',
      { path: nulAt },
    );
  }
  return undefined;
}

export function jsonBodyGuard(): MiddlewareHandler<AppEnv> {
  const normal = sizeGuard(JSON_BODY_LIMIT);
  const sync = sizeGuard(SYNC_BODY_LIMIT);
  const bulkImport = sizeGuard(IMPORT_BODY_LIMIT);
  return async (c, next) => {
    const method = c.req.method;
    // /api/files/ carries file bytes (tus), limited and checked by the files routes themselves.
    if (
      method === 'GET' ||
      method === 'HEAD' ||
      method === 'OPTIONS' ||
      c.req.path.startsWith('/api/files')
    ) {
      await next();
      return undefined;
    }
    const limit = c.req.path.startsWith('/api/sync/')
      ? sync
      : c.req.path === '/api/accounts/import'
        ? bulkImport
        : normal;
    return limit(c, async () => {
      const problem = await checkJsonBody(c);
      if (problem) {
        c.res = problem;
        return;
      }
      await next();
    });
  };
}
