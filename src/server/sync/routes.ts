/**
 * Sync HTTP routes, mounted by the app at /api/sync behind requireAuth (so `c.get('auth')` is set):
 * - POST /push: a batch of outbox changes, applied in one serialized transaction (see push.ts), answer gzipped;
 * - GET /pull?protocolVersion=1&cursor=N&limit=M: records above the cursor the caller may see, gzip-compressed;
 * - POST /records: whole records by id (the long fields a summary pull left out), gzip-compressed
 *   (these three from 1 KB, see http/jsonAnswer.ts);
 * - GET /stream?protocolVersion=2&cursor=N: a new phone's first sync, every record in one brotli stream (stream.ts);
 * - GET /events: server-sent events; `changed` carries the tenant's newest version so clients pull at once.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { Database } from '../db/types';
import type { AppEnv } from '../http/env';
import {
  OLDEST_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  type PullResponse,
  type PushAnswer,
  type PushRequest,
  type RecordsResponse,
  pushDeltaResponseSchema,
  pushResponseSchema,
  recordsRequestSchema,
  recordsResponseSchema,
  STREAM_SINCE_VERSION,
  streamQuerySchema,
} from '../../shared/protocol';
import { streamBody, streamEncoding, streamLines } from './stream';
import { fetchRecords, pullChanges } from './pull';
import { pushChanges } from './push';
import type { SyncMetrics } from './metrics';
import { syncEventsFor, type SyncEvents } from './events';
import { syncValidationHook } from './hook';
import {
  EVERY_ROUTE,
  JSON_BODY,
  SIGNED_IN,
  apiError,
  apiErrorResponse,
  errorResponses,
} from '../http/errors';
import { BEARER_AUTH } from '../http/openapi';
import { findUserById } from '../accounts/service';
import { PushQueue } from './pushQueue';
import { jsonAnswer } from '../http/jsonAnswer';

const security = BEARER_AUTH;

/**
 * The pull query as validated (the shared schema), described as a query string carries it: the document would
 * otherwise say the coerced numbers may be null and leave the protocol version at any integer. zod's own `.meta`,
 * not `.openapi`: the shared schemas may be built before @hono/zod-openapi extends zod.
 */
const pullQuery = pullQuerySchema.extend({
  protocolVersion: pullQuerySchema.shape.protocolVersion.meta({
    type: 'integer',
    minimum: OLDEST_PROTOCOL_VERSION,
    maximum: PROTOCOL_VERSION,
  }),
  cursor: pullQuerySchema.shape.cursor.meta({ type: 'integer', minimum: 0, default: 0 }),
});

const pushRoute = createRoute({
  method: 'post',
  path: '/push',
  operationId: 'pushChanges',
  tags: ['sync'],
  summary: 'Push outbox changes',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: pushRequestSchema } } } },
  responses: {
    200: {
      description: 'Per-change results (applied or rejected with a reason)',
      // `PushDeltaResponse` when the request asked for `answer: 'delta'`.
      content: { 'application/json': { schema: z.union([pushResponseSchema, pushDeltaResponseSchema]) } },
    },
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE),
    400: apiErrorResponse(
      'Invalid request; `protocol-version` when the app is too old for this server (reload the app)',
    ),
    429: apiErrorResponse(
      'Terlalu banyak kiriman menunggu / too many pushes running or waiting for this account or device',
    ),
  },
});

const pullRoute = createRoute({
  method: 'get',
  path: '/pull',
  operationId: 'pullChanges',
  tags: ['sync'],
  summary: 'Pull records changed since a cursor',
  security,
  request: { query: pullQuery },
  responses: {
    200: {
      description: 'One page of records, oldest version first',
      content: { 'application/json': { schema: pullResponseSchema } },
    },
    ...errorResponses(...SIGNED_IN, ...EVERY_ROUTE),
    400: apiErrorResponse('Invalid query; `protocol-version` when the app is too old for this server'),
  },
});

const recordsRoute = createRoute({
  method: 'post',
  path: '/records',
  operationId: 'fetchRecords',
  tags: ['sync'],
  summary: 'Whole records by id (after a summary pull, or when a summary is opened)',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: recordsRequestSchema } } } },
  responses: {
    200: {
      description: 'The records the caller may see; the others listed as missing or for later',
      content: { 'application/json': { schema: recordsResponseSchema } },
    },
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE),
  },
});

const streamQuery = streamQuerySchema.extend({
  protocolVersion: streamQuerySchema.shape.protocolVersion.meta({
    type: 'integer',
    minimum: STREAM_SINCE_VERSION,
    maximum: PROTOCOL_VERSION,
  }),
  cursor: streamQuerySchema.shape.cursor.meta({ type: 'integer', minimum: 0, default: 0 }),
});

const streamRoute = createRoute({
  method: 'get',
  path: '/stream',
  operationId: 'streamRecords',
  tags: ['sync'],
  summary: "A new phone's first sync: every record above the cursor, whole, in one compressed stream",
  security,
  request: { query: streamQuery },
  responses: {
    200: {
      description:
        'application/x-ndjson, brotli (or gzip) encoded: a `start` line, `page` lines (records with compact field versions, the cursor they reach), an `end` line; see src/shared/stream.ts',
      content: { 'application/x-ndjson': { schema: z.string() } },
    },
    ...errorResponses(...SIGNED_IN, ...EVERY_ROUTE),
    400: apiErrorResponse('Invalid query; `protocol-version` when the app is too old for the stream'),
  },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/events',
  operationId: 'streamEvents',
  tags: ['sync'],
  summary: 'Live events: "changed" with the newest version of the tenant',
  security,
  responses: {
    200: {
      description: 'text/event-stream; event "changed", data `{"version": N}`',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses(...SIGNED_IN, ...EVERY_ROUTE),
    429: apiErrorResponse(
      'Terlalu banyak aliran langsung untuk akun ini / too many live streams for this account',
    ),
  },
});

/**
 * Live event streams one account may hold open at once (per server process): a person's phone, laptop and a few
 * tabs. Each stream holds a socket and a listener, so an account cannot open hundreds.
 */
export const MAX_EVENT_STREAMS_PER_USER = 6;

const queues = new WeakMap<Database, PushQueue>();
/** One push queue per database handle, shared by every app instance built on it (as the event hub is). */
function pushQueueFor(db: Database): PushQueue {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = new PushQueue()));
  return queue;
}

export interface SyncRouteDeps {
  db: Database;
  /** Defaults to the hub shared by every app on this database handle. */
  events?: SyncEvents;
  /** Keep-alive comment interval of the event stream. */
  keepAliveMs?: number;
  /** Sync counters on the app's registry (GET /api/metrics). */
  metrics?: SyncMetrics;
}

/**
 * zod leaves a `__proto__` key out of a record it validates, so a change whose values name a field `__proto__`
 * would arrive as an empty edit and be applied. The key is put back (an own property, from the raw JSON, which has
 * the same changes in the same order) so the store refuses the change as naming an unknown field.
 */
function withProtoKeys(req: PushRequest, raw: unknown): PushRequest {
  const rawChanges = (raw as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(rawChanges)) return req;
  const changes = req.changes.map((change, i) => {
    const values: unknown = (rawChanges[i] as { values?: unknown } | null)?.values;
    if (!values || typeof values !== 'object' || !Object.hasOwn(values, '__proto__')) return change;
    const kept = { ...change.values };
    Object.defineProperty(kept, '__proto__', {
      value: null,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return { ...change, values: kept };
  });
  return { ...req, changes };
}

export function createSyncRoutes(deps: SyncRouteDeps): OpenAPIHono<AppEnv> {
  const { db } = deps;
  const events = deps.events ?? syncEventsFor(db);
  const keepAliveMs = deps.keepAliveMs ?? 25_000;
  const pushes = pushQueueFor(db);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: syncValidationHook });

  // Answers are gzipped from 1 KB (jsonAnswer.ts). Full answers carry each pushed record as merged: ~3 KB each,
  // ~5x smaller compressed (50 offline edits on 2G); slim ones (`answer: 'delta'`) mostly versions.
  app.openapi(pushRoute, async (c) => {
    const auth = c.get('auth');
    // The raw body is the one parsed by the body guard (http/body.ts), not parsed again.
    const req = withProtoKeys(c.req.valid('json'), await c.req.json());
    const out = await pushes.run(auth.userId, req.deviceId, () => pushChanges(db, auth, req));
    if (out === 'busy') {
      c.header('Retry-After', '5');
      return apiError(
        c,
        429,
        'push-busy',
        'Kiriman sebelumnya dari akun atau perangkat ini masih diproses; dicoba lagi sebentar lagi',
        'Earlier pushes from this account or device are still being processed; it will be retried shortly',
      ) as never;
    }
    deps.metrics?.pushed(out.response);
    if (out.newVersion !== null && !events.usesNotify) events.publish(auth.tenantId, out.newVersion);
    return (await jsonAnswer(c, out.response satisfies PushAnswer)) as never;
  });

  app.openapi(pullRoute, async (c) => {
    const page = await pullChanges(db, c.get('auth'), c.req.valid('query'));
    deps.metrics?.pulled(page);
    return (await jsonAnswer(c, page satisfies PullResponse)) as never;
  });

  app.openapi(recordsRoute, async (c) => {
    const found = await fetchRecords(db, c.get('auth'), c.req.valid('json'));
    return (await jsonAnswer(c, found satisfies RecordsResponse)) as never;
  });

  // Compressed here, not by the app's middleware: brotli when accepted, each page flushed as it is written.
  app.openapi(streamRoute, (c) => {
    const { cursor, limit } = c.req.valid('query');
    const encoding = streamEncoding(c.req.header('accept-encoding'));
    const headers: Record<string, string> = {
      'content-type': 'application/x-ndjson; charset=utf-8',
      vary: 'Accept-Encoding',
      'cache-control': 'no-store',
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    return new Response(streamBody(streamLines(db, c.get('auth'), cursor, limit), encoding), {
      status: 200,
      headers,
    }) as never;
  });

  app.openapi(eventsRoute, (c) => {
    const auth = c.get('auth');
    const release = events.claimStream(auth.userId, MAX_EVENT_STREAMS_PER_USER);
    if (!release) {
      return apiError(
        c,
        429,
        'too-many-streams',
        `Terlalu banyak koneksi langsung untuk akun ini (maks. ${MAX_EVENT_STREAMS_PER_USER}); tutup tab lain`,
        `Too many live connections for this account (max. ${MAX_EVENT_STREAMS_PER_USER}); close other tabs`,
      ) as never;
    }
    // The stream lives only as long as the token that opened it (the phone reconnects with a fresh one) and
    // ends when the account is disabled or moved to another tenant.
    const endsAt = c.get('tokenExpiresAt') ?? Date.now() + keepAliveMs;
    const stillAllowed = async (): Promise<boolean> => {
      if (Date.now() >= endsAt) return false;
      const user = await findUserById(db, auth.userId).catch(() => undefined);
      return !!user && !user.disabled && user.tenant_id === auth.tenantId;
    };
    return streamSSE(c, async (stream) => {
      const closed = deps.metrics?.streamOpened();
      let last = 0;
      let wake: (() => void) | null = null;
      const unsubscribe = await events.subscribe(auth.tenantId, (version) => {
        if (version <= last) return;
        last = version;
        void stream.writeSSE({ event: 'changed', data: JSON.stringify({ version }) });
      });
      stream.onAbort(() => {
        closed?.();
        release();
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted && !stream.closed) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.max(0, Math.min(keepAliveMs, endsAt - Date.now())));
        });
        if (stream.aborted || stream.closed) break;
        if (!(await stillAllowed())) break;
        await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
      release();
      closed?.();
    }) as never;
  });

  return app;
}
