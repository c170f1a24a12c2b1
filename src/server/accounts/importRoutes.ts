/** Bulk import of units and accounts (mounted at /api/accounts/import, behind requireAuth; coordinators only). */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { importPreviewSchema, importRequestSchema, importResultSchema } from '../../shared/import';
import type { Database } from '../db/types';
import type { PasswordHasher } from '../auth/password';
import type { AppEnv } from '../http/env';
import { EVERY_ROUTE, JSON_BODY, SIGNED_IN, apiError, defaultHook, errorResponses } from '../http/errors';
import { BEARER_AUTH } from '../http/openapi';
import { syncEventsFor } from '../sync/events';
import { AccountError } from './service';
import { ImportRowsError, commitImport, previewImport } from './import';
import { formatMessage } from '../../shared/format';

// The refusal's English half counts its rows (Indonesian has one form).
const ROWS_INVALID_EN = {
  one: '{count} row has errors; fix it first, nothing was imported',
  other: '{count} rows have errors; fix them first, nothing was imported',
};

const importRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'importAccounts',
  tags: ['accounts'],
  summary:
    'Import units and accounts from a file (rows as read in the browser): preview with dryRun, or commit',
  description:
    'dryRun true: what would be created, changed or left unchanged, and the errors per row; nothing is written. ' +
    'dryRun false: everything in one transaction, or nothing (400 when any row has an error). New accounts get ' +
    'a one-time password each, returned once in this answer. Re-importing the same file changes nothing.',
  security: BEARER_AUTH,
  request: {
    body: { required: true, content: { 'application/json': { schema: importRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The preview (dry run) or what was written (commit)',
      content: { 'application/json': { schema: z.union([importResultSchema, importPreviewSchema]) } },
    },
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE, 409),
  },
});

export function createImportRoutes(deps: { db: Database; passwords: PasswordHasher }): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });

  app.openapi(importRoute, async (c) => {
    const auth = c.get('auth');
    if (auth.role !== 'coordinator') {
      return apiError(
        c,
        403,
        'forbidden',
        'Hanya admin lokal yang dapat mengimpor unit dan akun',
        'Only local admins can import units and accounts',
      );
    }
    const request = c.req.valid('json');
    if (request.dryRun) return c.json(await previewImport(deps.db, auth, request), 200);
    try {
      const { result, version } = await commitImport(deps.db, auth, request, deps.passwords);
      const events = syncEventsFor(deps.db);
      if (version !== null && !events.usesNotify) events.publish(auth.tenantId, version);
      return c.json(result, 200);
    } catch (err) {
      if (err instanceof ImportRowsError) {
        return apiError(
          c,
          400,
          'import-rows-invalid',
          `${err.errors.length} baris bermasalah; perbaiki dulu, tidak ada yang diimpor`,
          formatMessage(ROWS_INVALID_EN, 'en', { count: err.errors.length }),
          { errors: err.errors },
        );
      }
      if (err instanceof AccountError && err.code === 'login-taken') {
        return apiError(c, 409, err.code, err.messageId, err.messageEn);
      }
      throw err;
    }
  });

  return app;
}
