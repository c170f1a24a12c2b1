/**
 * The OpenAPI document's frame (GET /api/openapi.json): its info and tags, the security schemes, and the security
 * requirement each operation states. Every operation declares one: `BEARER_AUTH` behind requireAuth,
 * `METRICS_AUTH` for the metrics token, `NO_AUTH` for the few anyone may call (health; sign-in, which checks a
 * password; refresh and sign-out, which carry their refresh token in the body, not in a header).
 * The routes name their schemas in src/shared (`.meta({ id })`); tests/server/openapi.test.ts lints the result.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';

export const BEARER_AUTH = [{ bearerAuth: [] }];
export const METRICS_AUTH = [{ metricsToken: [] }];
export const NO_AUTH = [];

export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token from POST /api/auth/sign-in or /api/auth/refresh (15 minutes)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'metricsToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The METRICS_TOKEN the server was started with (GET /api/metrics only)',
  });
}

/** What `doc31` puts around the operations; `version` is the app's. */
export function apiDocumentConfig(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rintis API',
      version,
      description:
        'Accounts, sessions and offline-first sync for Rintis. Errors share one shape (ApiError): ' +
        '{ error: { code, message (Indonesian), messageEn, details? } }.',
    },
    tags: [
      { name: 'auth' },
      { name: 'accounts' },
      { name: 'units' },
      { name: 'sync' },
      { name: 'files' },
      { name: 'operations' },
    ],
  };
}
