/**
 * A JSON answer, gzipped when the client accepts gzip and the answer is worth it (GZIP_THRESHOLD bytes or more).
 * Compressed in one zlib call off the event loop, not through hono's `compress()` (a CompressionStream piped
 * through web streams): that plumbing cost a push more CPU than the compression itself, and it compressed even
 * answers of a few bytes (it skips only those with a Content-Length, which a JSON answer does not have).
 */
import { Buffer } from 'node:buffer';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';

/** Smaller answers go as they are: gzip saves a few bytes there and costs a call. */
export const GZIP_THRESHOLD = 1024;

const gzipAsync = promisify(gzip);

/** Whether an Accept-Encoding header accepts gzip (named, or `*`, with a weight above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    const accepted = Number.isFinite(weight) && weight > 0;
    if (name.trim() === 'gzip') return accepted;
    if (name.trim() === '*') wildcard = accepted;
  }
  return wildcard;
}

/** `value` as a JSON response with `status`, gzipped as the file comment says. */
export async function jsonAnswer(c: Context, value: unknown, status = 200): Promise<Response> {
  const text = JSON.stringify(value);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    vary: 'Accept-Encoding',
  };
  let body = Buffer.from(text);
  if (body.length >= GZIP_THRESHOLD && acceptsGzip(c.req.header('accept-encoding'))) {
    body = await gzipAsync(body);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.length);
  return new Response(body, { status, headers });
}
