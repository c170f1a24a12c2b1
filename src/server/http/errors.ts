/**
 * One error shape for the whole API (`apiErrorSchema`): a stable code for the client and a message in Indonesian
 * and English it can show as it is. Every route module (accounts, auth, sync) answers errors through `apiError`,
 * and every OpenAPIHono uses `defaultHook`, so a failed validation looks the same everywhere.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { OpenAPIHonoOptions } from '@hono/zod-openapi';
import type { z } from 'zod';
import { apiErrorSchema, type ApiError } from '../../shared/protocol';
import type { AppEnv } from './env';

export function apiErrorBody(code: string, message: string, messageEn: string, details?: unknown): ApiError {
  return {
    error: details === undefined ? { code, message, messageEn } : { code, message, messageEn, details },
  };
}

/** Answers `status` with `{ error: { code, message, messageEn, details? } }`. */
export function apiError<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: string,
  message: string,
  messageEn: string,
  details?: unknown,
) {
  return c.json(apiErrorBody(code, message, messageEn, details), status);
}

/** Where the problem is and what zod said about it; bilingual shared-schema messages pass through as they are. */
export function validationDetails(error: z.core.$ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Validation hook for every OpenAPIHono: 400 with the zod issues as details. */
export const defaultHook: NonNullable<OpenAPIHonoOptions<AppEnv>['defaultHook']> = (result, c) => {
  if (!result.success) {
    return apiError(
      c,
      400,
      'invalid-request',
      'Data yang dikirim tidak sah',
      'The request is not valid',
      validationDetails(result.error as z.core.$ZodError),
    );
  }
  return undefined;
};

const DESCRIPTIONS = {
  400: 'Invalid request: failed validation, broken JSON or UTF-8, nested too deeply, or a NUL character',
  401: 'Not signed in, or the token expired or was revoked (`error.code` says which)',
  403:
    'Refused: the role may not do this, a one-time password must be changed first, or the request came from ' +
    'an origin not allowed (`error.code` says which)',
  404: 'Not found, or not visible to the caller (the two are not told apart)',
  409: 'Conflicts with existing data',
  413: 'Body too large',
  415: 'Body is not JSON (Content-Type)',
  429: 'Too many at once or too many attempts; see Retry-After',
  503: 'Busy (database or password checks): nothing was done; try again after Retry-After',
} as const satisfies Partial<Record<ContentfulStatusCode, string>>;
export type ErrorStatus = keyof typeof DESCRIPTIONS;

/**
 * What the middleware in front of the routes may answer (app.ts), spread into a route's `errorResponses` beside
 * its own statuses, so the document declares every status an operation can give:
 * - every /api route: 403 for a cross-origin request from an origin not listed (corsPolicy), 503 when the
 *   database is busy (PostgreSQL timeouts, the app's onError);
 * - behind requireAuth: 401 without a valid token, 403 while a one-time password must be changed;
 * - every POST and PATCH (jsonBodyGuard, even without a declared body): 400, 413, 415.
 */
export const EVERY_ROUTE = [403, 503] as const;
export const SIGNED_IN = [401, 403] as const;
export const JSON_BODY = [400, 413, 415] as const;

/** One error answer in the shared error shape (a route's own description of a status). */
export const apiErrorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: apiErrorSchema } },
});

/** OpenAPI `responses` entries for the given error statuses, all with the shared error schema. */
export function errorResponses<const S extends readonly ErrorStatus[]>(...statuses: S) {
  const out = {} as Record<S[number], ReturnType<typeof apiErrorResponse>>;
  for (const s of statuses) out[s as S[number]] = apiErrorResponse(DESCRIPTIONS[s]);
  return out;
}
