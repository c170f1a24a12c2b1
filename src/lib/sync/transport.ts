/**
 * How the sync engine reaches the server. An interface so tests can put the real server app behind it
 * (`app.request`) and inject faults; `httpTransport` is the one the app uses (fetch, injectable).
 */
import {
  PROTOCOL_VERSION,
  apiErrorSchema,
  pullResponseSchema,
  pushResponseSchema,
  recordsResponseSchema,
  type PullQuery,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type RecordsResponse,
} from '../../shared/protocol';

export type PullView = PullQuery['view'];

export interface SyncTransport {
  push(req: PushRequest, token: string): Promise<PushResponse>;
  pull(cursor: number, limit: number, token: string, view?: PullView): Promise<PullResponse>;
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
      const res = await send(fetchFn, `${baseUrl}/api/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(req),
      });
      if (!res.ok) throw await failure(res);
      return pushResponseSchema.parse(await res.json());
    },
    async pull(cursor, limit, token, view = 'full') {
      const q = `protocolVersion=${PROTOCOL_VERSION}&cursor=${cursor}&limit=${limit}&view=${view}`;
      const res = await send(fetchFn, `${baseUrl}/api/sync/pull?${q}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw await failure(res);
      return pullResponseSchema.parse(await res.json());
    },
    async records(ids, token) {
      const res = await send(fetchFn, `${baseUrl}/api/sync/records`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, ids }),
      });
      if (!res.ok) throw await failure(res);
      return recordsResponseSchema.parse(await res.json());
    },
  };
}
