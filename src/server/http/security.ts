/**
 * Security headers on every response, and the cross-origin policy.
 *
 * CSP: scripts only from our own origin (no inline script, no eval). `style-src 'self'` keeps <style> elements
 * and inline style blocks out; `style-src-attr 'unsafe-inline'` still lets Svelte templates carry static
 * `style="…"` attributes, which cannot run code. Images may be `data:`/`blob:` (photo previews made on the phone).
 *
 * CORS: a browser request from another origin is refused (403, no Access-Control-Allow-Origin) unless its origin
 * is listed in CORS_ORIGINS. Same-origin is recognised by `Sec-Fetch-Site` or by Origin matching the Host header,
 * so a TLS reverse proxy must forward Host (nginx: `proxy_set_header Host $host`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';
import { apiError } from './errors';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  styleSrcAttr: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    // The camera may be used by the app itself (photos of evidence); nothing else, and never by a frame.
    permissionsPolicy: {
      camera: ['self'],
      microphone: false,
      geolocation: false,
      payment: false,
      usb: false,
    },
  });
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function corsPolicy(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    if (!origin || site === 'same-origin' || site === 'none' || isSameOrigin(origin, c.req.header('Host'))) {
      await next();
      return undefined;
    }
    if (!allowed.has(origin)) {
      return apiError(
        c,
        403,
        'cross-origin-refused',
        'Permintaan dari situs lain ditolak',
        'Requests from other sites are refused',
      );
    }
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, PUT, DELETE, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    await next();
    return undefined;
  };
}

/**
 * `Cache-Control: no-store` on every API response: they carry tokens and personal data, and a phone may be shared,
 * so neither the browser's disk cache nor a proxy keeps a copy. (The PWA keeps what it needs offline in IndexedDB
 * and in its own Cache Storage, which sign-out clears.) Set after the route so it wins over a route's own header.
 */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
}

/**
 * The request id logged and returned in `X-Request-Id` is always the server's own: a client-sent id would let
 * anyone write what they like into the logs or pass their request off as another one.
 */
export function serverRequestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = crypto.randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}

/** Compares two secrets in constant time (a metrics token must not leak one matching character at a time). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
