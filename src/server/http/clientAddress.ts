/**
 * The client's address for limits. Without TRUST_PROXY it is the socket's peer, and X-Forwarded-For is ignored
 * (anyone can send it). With TRUST_PROXY the server sits behind one reverse proxy that appends the address it saw,
 * so the last X-Forwarded-For entry is the client; earlier entries come from the client and are not trusted.
 */
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const last = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (last && isIP(last)) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}

/** Whether the client reached us over HTTPS (directly, or at the trusted proxy). */
export function viaHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim() === 'https';
}
