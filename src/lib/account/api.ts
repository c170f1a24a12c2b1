/**
 * The account API over HTTP: JSON in and out, every answer validated with the shared schemas, every failure
 * turned into an `ApiFailure` the screens can show in Indonesian or English. `fetch` is injectable so tests can
 * route requests to the real server app in-process (`app.request`).
 */
import type { z } from 'zod';
import { apiErrorSchema } from '../../shared/protocol';
import type { ApiUrl, JsonAnswer, JsonBody, PathOfUrl } from '../api/types';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A message from the server (`message`/`messageEn`) or from the client, in both languages. */
export interface Bilingual {
  id: string;
  en: string;
}

/**
 * Why a request failed. `offline`: no answer at all (no signal, DNS, server down): the caller keeps working
 * locally. `http`: the server answered with an error body (`code` from the API, e.g. 'invalid-credentials').
 */
export type ApiFailure =
  | { kind: 'offline' }
  | {
      kind: 'http';
      status: number;
      code: string;
      message: Bilingual;
      /** From `Retry-After` (429): how long to wait, in seconds. */
      retryAfterSeconds: number | null;
    };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.kind === 'offline' ? 'offline' : `${failure.status} ${failure.code}`);
    this.name = 'ApiError';
  }
}

/** The methods the app's JSON calls use. */
export type JsonMethod = 'GET' | 'POST' | 'PATCH';

/**
 * A JSON call typed from the server's OpenAPI document (src/lib/api/types.ts): `path` must be a URL the API
 * answers to `method`, `body` its request body, and `schema` a zod schema whose output fits its answer. The data
 * returned is what the schema parsed (the shared types the app works with).
 */
export interface ApiCall<M extends JsonMethod, U extends ApiUrl<M>, T> {
  body?: JsonBody<PathOfUrl<U, M>, M>;
  schema: z.ZodType<T> | null;
}

export interface ApiResponse<T> {
  data: T;
  /** The server's clock from the `Date` header (epoch ms), used to correct a phone whose clock is wrong. */
  serverTime: number | null;
}

function retryAfter(res: Response, details: unknown): number | null {
  const header = res.headers.get('Retry-After');
  if (header !== null) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - Date.now()) / 1000));
  }
  if (typeof details === 'object' && details !== null && 'retryAfterSeconds' in details) {
    const v = Number(details.retryAfterSeconds);
    if (Number.isFinite(v)) return Math.max(0, Math.ceil(v));
  }
  return null;
}

async function failureOf(res: Response): Promise<ApiFailure> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): fall through to the generic message.
  }
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, messageEn, details } = parsed.data.error;
    return {
      kind: 'http',
      status: res.status,
      code,
      message: { id: message, en: messageEn },
      retryAfterSeconds: retryAfter(res, details),
    };
  }
  return {
    kind: 'http',
    status: res.status,
    code: `http-${res.status}`,
    message: {
      id: `Server menjawab dengan galat ${res.status}`,
      en: `The server answered with error ${res.status}`,
    },
    retryAfterSeconds: retryAfter(res, null),
  };
}

export class ApiClient {
  constructor(
    private readonly fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init),
    private readonly baseUrl = '',
  ) {}

  /**
   * Sends a request and validates the answer with `schema` (`null` for 204). Throws `ApiError`: offline when no
   * answer came back, http otherwise.
   */
  async request<M extends JsonMethod, U extends ApiUrl<M>, T extends JsonAnswer<PathOfUrl<U, M>, M>>(
    method: M,
    path: U,
    opts: ApiCall<M, U, T> & { token?: string | null },
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
        // Account answers are never worth caching: they carry tokens and change on every sign-in.
        cache: 'no-store',
      });
    } catch {
      throw new ApiError({ kind: 'offline' });
    }
    if (!res.ok) throw new ApiError(await failureOf(res));
    const dateHeader = res.headers.get('Date');
    const serverTime = dateHeader ? Date.parse(dateHeader) : NaN;
    if (opts.schema === null)
      return { data: undefined as T, serverTime: Number.isNaN(serverTime) ? null : serverTime };
    const parsed = opts.schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError({
        kind: 'http',
        status: res.status,
        code: 'bad-response',
        message: {
          id: 'Jawaban server tidak dapat dibaca',
          en: 'The server answer could not be read',
        },
        retryAfterSeconds: null,
      });
    }
    return { data: parsed.data, serverTime: Number.isNaN(serverTime) ? null : serverTime };
  }
}
