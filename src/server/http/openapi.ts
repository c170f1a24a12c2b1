/**
 * The two OpenAPI pieces every route module writes: a JSON response with its description, and a required JSON
 * request body. The error responses, all with the shared error schema, are in errors.ts.
 */
import type { z } from '@hono/zod-openapi';

export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<S extends z.ZodType>(schema: S) {
  return { required: true, content: { 'application/json': { schema } } };
}
