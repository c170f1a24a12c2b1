/**
 * How the sync engine reaches the server. An interface so tests can put the real server app behind it
 * (`app.request`) and inject faults; `httpTransport` is the one the app uses (fetch, injectable). Its URLs, bodies,
 * query and answers are checked against the types generated from the server's OpenAPI document (src/lib/api/),
 * with `satisfies` only: the code that runs is the same.
 */
import {
  PROTOCOL_VERSION,
  apiErrorSchema,
  pullResponseSchema,
  pushDeltaResponseSchema,
  pushResponseSchema,
  recordsResponseSchema,
  type PullResponse,
  type PushRequest,
  type PushAnswer,
  type RecordsResponse,
} from '../../shared/protocol';
import type { ApiUrl, JsonAnswer, JsonBody, QueryOf } from '../api/types';

/** The pull's query as the document states it. */
type PullParams = Required<QueryOf<'/api/sync/pull', 'GET'>>;
export type PullView = PullParams['view'];

export interface SyncTransport {
  /** Answered with `PushDeltaResponse` when `req.answer` is 'delta', else with `PushResponse`. */
  push(req: PushRequest, token: string): Promise<PushAnswer>;
  pull(
    cursor: PullParams['cursor'],
    limit: PullParams['limit'],
    token: string,
    view?: PullView,
  ): Promise<PullResponse>;
  /** Whole records by id (the long fields of summaries). */
  records(ids: string[], token: string): Promise<RecordsResponse>;
}

/** A failed round trip. `retryable` errors (network, 5xx, 429, 401 until a new token) are retried with backoff. */
export class SyncTransportError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SyncTransportError';
  }

  get retryable(): boolean {
    return (
      this.status === null ||
      this.status >= 500 ||
      this.status === 429 ||
      this.status === 401 ||
      this.status === 408
    );
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

async function failure(res: Response): Promise<SyncTransportError> {
  const parsed = apiErrorSchema.safeParse(await res.json().catch(() => null));
  if (parsed.success) {
    const { code, message, messageEn } = parsed.data.error;
    return new SyncTransportError(`${message} / ${messageEn}`, res.status, code);
  }
  return new SyncTransportError(
    `Server menjawab ${res.status} / the server answered ${res.status}`,
    res.status,
    'http',
  );
}

async function send(fetchFn: FetchLike, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchFn(url, init);
  } catch {
    throw new SyncTransportError(
      'Tidak ada koneksi ke server / no connection to the server',
      null,
      'network',
    );
  }
}

export function httpTransport(baseUrl = '', fetchFn: FetchLike = (i, init) => fetch(i, init)): SyncTransport {
  return {
    async push(req, token) {
      const res = await send(fetchFn, `${baseUrl}${'/api/sync/push' satisfies ApiUrl<'POST'>}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(req satisfies JsonBody<'/api/sync/push', 'POST'>),
      });
      if (!res.ok) throw await failure(res);
      const body: unknown = await res.json();
      return (
        req.answer === 'delta' ? pushDeltaResponseSchema.parse(body) : pushResponseSchema.parse(body)
      ) satisfies JsonAnswer<'/api/sync/push', 'POST'>;
    },
    async pull(cursor, limit, token, view = 'full') {
      const q = `protocolVersion=${PROTOCOL_VERSION satisfies PullParams['protocolVersion']}&cursor=${cursor}&limit=${limit}&view=${view}`;
      const res = await send(fetchFn, `${baseUrl}${'/api/sync/pull' satisfies ApiUrl<'GET'>}?${q}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw await failure(res);
      return pullResponseSchema.parse(await res.json()) satisfies JsonAnswer<'/api/sync/pull', 'GET'>;
    },
    async records(ids, token) {
      const res = await send(fetchFn, `${baseUrl}${'/api/sync/records' satisfies ApiUrl<'POST'>}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, ids } satisfies JsonBody<
          '/api/sync/records',
          'POST'
        >),
      });
      if (!res.ok) throw await failure(res);
      return recordsResponseSchema.parse(await res.json()) satisfies JsonAnswer<'/api/sync/records', 'POST'>;
    },
  };
}
