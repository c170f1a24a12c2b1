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
import { jsonResponse } from './openapi';

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

const DESCRIPTIONS: Partial<Record<ContentfulStatusCode, string>> = {
  400: 'Invalid request (validation failed, broken JSON, unknown fields)',
  401: 'Not signed in, token expired or revoked',
  403: 'Signed in but not allowed',
  404: 'Not found',
  409: 'Conflicts with existing data',
  413: 'Body too large',
  415: 'Body is not JSON',
  429: 'Too many attempts; see Retry-After',
  503: 'Busy (e.g. too many password checks at once); nothing was done, try again after Retry-After',
};

/** An OpenAPI error response with the shared error schema, for a status whose meaning is the route's own. */
export function errorResponse(description: string) {
  return jsonResponse(apiErrorSchema, description);
}

/** OpenAPI `responses` entries for the given error statuses, all with the shared error schema. */
export function errorResponses<const S extends readonly (keyof typeof DESCRIPTIONS)[]>(...statuses: S) {
  const out = {} as Record<S[number], ReturnType<typeof errorResponse>>;
  for (const s of statuses) out[s as S[number]] = errorResponse(DESCRIPTIONS[s] ?? 'Error');
  return out;
}
