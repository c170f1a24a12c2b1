/**
 * The HTTP application: JSON API under /api and the built PWA everywhere else, on one origin.
 *
 * Middleware order (outermost first): request id, log line, security headers, cross-origin policy, gzip,
 * no-store for /api, requireAuth on protected paths (before any body is read), then the body guard (size, JSON,
 * depth) for /api. Errors anywhere end in the shared
 * error shape with a bilingual message; a 500 never shows internals and carries the request id to quote.
 */
import packageJson from '../../package.json' with { type: 'json' };
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { installZodMessages } from '../shared/zod-messages';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { healthResponseSchema } from '../shared/api';
import type { Database } from './db/types';
import { isDatabaseBusy } from './db/postgres';
import type { AppEnv } from './http/env';
import { apiError, apiErrorResponse, defaultHook, errorResponses } from './http/errors';
import { METRICS_AUTH, NO_AUTH, apiDocumentConfig, registerSecuritySchemes } from './http/openapi';
import { jsonBodyGuard } from './http/body';
import { createLogger, requestLogger, type Logger } from './http/logging';
import { createMetrics, metricsMiddleware, type AppMetrics } from './http/metrics';
import { corsPolicy, noStore, sameSecret, securityHeaders, serverRequestId } from './http/security';
import { serveApp } from './http/static';
import { requireAuth } from './auth/middleware';
import { HashingBusyError } from './auth/hashSlots';
import { PASSWORD_HASH_COST_DEFAULT, PasswordHasher } from './auth/password';
import { createAuthRoutes, createMeRoutes } from './auth/routes';
import { createPasswordRoutes } from './auth/passwordRoutes';
import { createAccountRoutes } from './accounts/routes';
import { createImportRoutes } from './accounts/importRoutes';
import { createUnitRoutes } from './units/routes';
import { createTemplateRoutes } from './templates/routes';
import { createSyncMetrics } from './sync/metrics';
import { createSyncRoutes } from './sync/routes';
import { createHistoryRoutes } from './sync/history';
import { createFilesRoutes } from './files/routes';
import { FilesService } from './files/service';
import { DAY_MS } from './files/cleanup';
import { fileMetricsFor } from './files/metrics';
import type { BlobStore } from './files/storage';

// Imported, not read from disk: the production bundle (dist-server/) carries it, wherever it runs from.
export const APP_VERSION: string = packageJson.version;

export interface AppConfig {
  /** HMAC secret for access tokens; null: generated once and kept in the database. */
  authSecret?: string | null;
  /** Built PWA folder; null or absent: API only. */
  staticDir?: string | null;
  /** Origins allowed to call the API cross-origin. */
  corsOrigins?: readonly string[];
  logLevel?: string;
  /** Attachments folder (FILE_DIR); null or absent: no /api/files routes. */
  fileDir?: string | null;
  /** FILE_MAX_BYTES (default 10 MB) and TENANT_QUOTA_BYTES (default 2 GB). */
  fileMaxBytes?: number;
  tenantQuotaBytes?: number;
  /** FILE_ORPHAN_DAYS (default 30) and FILE_CLEANUP_INTERVAL_HOURS (absent or 0: no periodic cleanup). */
  fileOrphanDays?: number;
  fileCleanupIntervalHours?: number;
  /** TRUST_PROXY: behind one reverse proxy, the client address is its X-Forwarded-For entry (default off). */
  trustProxy?: boolean;
  /** METRICS_TOKEN: GET /api/metrics needs `Authorization: Bearer <token>`; null or absent: metrics are not served. */
  metricsToken?: string | null;
  /** Keep-alive interval of live event streams, also how often a stream re-checks its account (default 25 s). */
  liveKeepAliveMs?: number;
  /** Content-addressed store for attachments; default: a folder under `fileDir`. */
  fileStore?: BlobStore;
  /**
   * PASSWORD_HASH_COST: scrypt's log2 N (default 17, 128 MiB a hash). loadConfig never gives less than 17; tests
   * set a low cost here so they stay fast.
   */
  passwordHashCost?: number;
}

export interface AppDeps {
  db: Database;
  config: AppConfig;
  /** Defaults to a pino logger at `config.logLevel` (info). */
  logger?: Logger;
  /** Defaults to a fresh registry without process metrics (main.ts passes one with them). */
  metrics?: AppMetrics;
}

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  operationId: 'getHealth',
  tags: ['operations'],
  summary: 'Liveness and database reachability',
  security: NO_AUTH,
  responses: {
    200: { description: 'Status', content: { 'application/json': { schema: healthResponseSchema } } },
    // Only the cross-origin refusal: an unreachable database is a 200 with `degraded`.
    ...errorResponses(403),
  },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/api/metrics',
  operationId: 'getMetrics',
  tags: ['operations'],
  summary:
    'Prometheus metrics (requests, latency, errors; sync adds its own), with `Authorization: Bearer <METRICS_TOKEN>`. ' +
    'Without METRICS_TOKEN set on the server, 404.',
  security: METRICS_AUTH,
  responses: {
    200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } },
    ...errorResponses(403),
    401: apiErrorResponse('Missing or wrong metrics token'),
    404: apiErrorResponse('Metrics are not enabled (METRICS_TOKEN unset)'),
  },
});

async function databaseReachable(db: Database, timeoutMs = 2000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.query('select 1').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

const HTTP_MESSAGES: Partial<Record<number, [string, string, string]>> = {
  400: ['invalid-request', 'Permintaan tidak sah', 'Invalid request'],
  401: ['unauthenticated', 'Silakan masuk terlebih dahulu', 'Please sign in first'],
  404: ['not-found', 'Tidak ditemukan', 'Not found'],
  405: ['method-not-allowed', 'Metode tidak diizinkan', 'Method not allowed'],
  413: ['body-too-large', 'Data terlalu besar', 'Request body too large'],
};

export function createApp({
  db,
  config,
  logger: givenLogger,
  metrics: givenMetrics,
}: AppDeps): OpenAPIHono<AppEnv> {
  // zod's messages for issues without a schema message of their own, in Indonesian and English.
  installZodMessages();
  const logger = givenLogger ?? createLogger(config.logLevel ?? 'info');
  const metrics = givenMetrics ?? createMetrics();
  const auth = requireAuth({ db, authSecret: config.authSecret ?? null });
  // A person holding a one-time password may only read who they are and change it (and sign out, which needs
  // no access token); every other route answers 403 password-change-required.
  const authBeforePasswordChange = requireAuth({
    db,
    authSecret: config.authSecret ?? null,
    allowPasswordChangeRequired: true,
  });
  const passwords = new PasswordHasher(config.passwordHashCost ?? PASSWORD_HASH_COST_DEFAULT);
  const app = new OpenAPIHono<AppEnv>({ defaultHook });

  app.use('*', serverRequestId());
  app.use('*', requestLogger(logger));
  app.use('*', metricsMiddleware(metrics));
  app.use('*', securityHeaders());
  app.use('*', corsPolicy(config.corsOrigins ?? []));
  app.use('*', compress());
  app.use('/api/*', noStore());
  // The token is checked before any body is read: an anonymous request never gets its megabytes parsed.
  app.use('/api/me', authBeforePasswordChange);
  app.use('/api/auth/change-password', authBeforePasswordChange);
  app.use('/api/auth/devices', auth);
  app.use('/api/auth/devices/*', auth);
  app.use('/api/accounts', auth);
  app.use('/api/accounts/*', auth);
  app.use('/api/sync/*', auth);
  app.use('/api/units/*', auth);
  app.use('/api/templates', auth);
  app.use('/api/templates/*', auth);
  app.use('/api/*', jsonBodyGuard());

  registerSecuritySchemes(app);

  app.openapi(healthRoute, async (c) => {
    const reachable = await databaseReachable(db);
    return c.json(
      {
        status: reachable ? ('ok' as const) : ('degraded' as const),
        database: { kind: db.kind, reachable },
        version: APP_VERSION,
      },
      200,
    );
  });

  app.openapi(metricsRoute, async (c) => {
    const token = config.metricsToken ?? null;
    if (token === null) return apiError(c, 404, 'not-found', 'Tidak ditemukan', 'Not found') as never;
    if (!sameSecret(c.req.header('Authorization') ?? '', `Bearer ${token}`)) {
      c.header('WWW-Authenticate', 'Bearer');
      return apiError(
        c,
        401,
        'unauthenticated',
        'Token metrik salah atau tidak ada',
        'Missing or wrong metrics token',
      ) as never;
    }
    const body = await metrics.registry.metrics();
    return c.text(body, 200, { 'Content-Type': metrics.registry.contentType });
  });

  const authDeps = {
    db,
    passwords,
    authSecret: config.authSecret ?? null,
    trustProxy: config.trustProxy ?? false,
  };
  app.route('/api/auth', createAuthRoutes(authDeps));
  app.route('/api/auth', createPasswordRoutes(authDeps));
  app.route('/api', createMeRoutes(authDeps));
  app.route('/api/accounts/import', createImportRoutes({ db, passwords }));
  app.route('/api/accounts', createAccountRoutes({ db, passwords }));
  app.route('/api/units', createUnitRoutes({ db }));
  app.route('/api/templates', createTemplateRoutes({ db }));
  app.route(
    '/api/sync',
    createSyncRoutes({
      db,
      metrics: createSyncMetrics(metrics.registry),
      ...(config.liveKeepAliveMs ? { keepAliveMs: config.liveKeepAliveMs } : {}),
    }),
  );
  app.route('/api/sync', createHistoryRoutes({ db }));
  if (config.fileDir) {
    const service = new FilesService(
      db,
      {
        dir: config.fileDir,
        maxBytes: config.fileMaxBytes ?? 10 * 1024 * 1024,
        tenantQuotaBytes: config.tenantQuotaBytes ?? 2 * 1024 * 1024 * 1024,
        corsOrigins: config.corsOrigins ?? [],
        ...(config.fileOrphanDays !== undefined ? { orphanGraceMs: config.fileOrphanDays * DAY_MS } : {}),
        cleanupIntervalMs: (config.fileCleanupIntervalHours ?? 0) * 60 * 60 * 1000,
        ...(config.fileStore ? { blobs: config.fileStore } : {}),
      },
      logger,
      fileMetricsFor(metrics.registry),
    );
    app.route('/api', createFilesRoutes({ db, service, auth }));
  }

  app.doc31('/api/openapi.json', apiDocumentConfig(APP_VERSION));

  app.all('/api/*', (c) =>
    apiError(c, 404, 'not-found', 'Alamat API tidak dikenal', 'Unknown API endpoint', { path: c.req.path }),
  );

  if (config.staticDir) app.use('*', serveApp(config.staticDir));

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? apiError(c, 404, 'not-found', 'Alamat API tidak dikenal', 'Unknown API endpoint')
      : c.text('Tidak ditemukan / not found', 404),
  );

  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      const [code, id, en] = HTTP_MESSAGES[err.status] ?? [
        'http-error',
        'Permintaan ditolak',
        'Request refused',
      ];
      return apiError(c, err.status as ContentfulStatusCode, code, id, en);
    }
    if (isDatabaseBusy(err)) {
      logger.warn({ reqId: c.get('requestId'), err }, 'database busy');
      c.header('Retry-After', '5');
      return apiError(
        c,
        503,
        'busy',
        'Server sedang sibuk. Data Anda tetap aman di perangkat ini; dicoba lagi sebentar lagi.',
        'The server is busy. Your data is still safe on this device; it will be retried shortly.',
      );
    }
    if (err instanceof HashingBusyError) {
      // Too many password checks at once (auth/hashSlots.ts): nothing was checked or stored. The phone shows
      // it like a network hiccup and the person tries again.
      logger.warn({ reqId: c.get('requestId') }, 'password hashing busy');
      c.header('Retry-After', String(err.retryAfterSeconds));
      return apiError(
        c,
        503,
        'busy',
        `Server sedang sibuk memeriksa kata sandi. Coba lagi dalam ${err.retryAfterSeconds} detik.`,
        `The server is busy checking passwords. Try again in ${err.retryAfterSeconds} seconds.`,
        { retryAfterSeconds: err.retryAfterSeconds },
      );
    }
    logger.error({ reqId: c.get('requestId'), err }, 'unhandled error');
    return apiError(
      c,
      500,
      'internal',
      'Terjadi kesalahan di server. Data Anda tetap aman di perangkat ini; coba lagi nanti.',
      'Something went wrong on the server. Your data is still safe on this device; try again later.',
      { requestId: c.get('requestId') },
    );
  });

  return app;
}
