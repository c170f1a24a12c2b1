/**
 * Templates API for local admins (mounted at /api/templates, behind requireAuth). Templates are synced records
 * every phone reads; importing a version and activating it happen here, each in one transaction (service.ts).
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../db/types';
import type { AppEnv } from '../http/env';
import { EVERY_ROUTE, JSON_BODY, SIGNED_IN, apiError, defaultHook, errorResponses } from '../http/errors';
import { BEARER_AUTH } from '../http/openapi';
import { recordIdSchema } from '../../shared/records';
import {
  activateTemplateResponseSchema,
  importTemplateRequestSchema,
  importTemplateResponseSchema,
} from '../../shared/templateApi';
import { syncEventsFor, type SyncEvents } from '../sync/events';
import { TemplateError, activateTemplate, importTemplate } from './service';

const importRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'importTemplate',
  tags: ['templates'],
  summary: 'Import a proposal template version (a draft until it is activated)',
  security: BEARER_AUTH,
  request: {
    body: { required: true, content: { 'application/json': { schema: importTemplateRequestSchema } } },
  },
  responses: {
    201: {
      description: 'Imported: the template record, status draft',
      content: { 'application/json': { schema: importTemplateResponseSchema } },
    },
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE, 409),
  },
});

const activateRoute = createRoute({
  method: 'post',
  path: '/{id}/activate',
  operationId: 'activateTemplate',
  tags: ['templates'],
  summary: 'Activate a template version; the version it succeeds is retired',
  security: BEARER_AUTH,
  request: { params: z.object({ id: recordIdSchema }) },
  responses: {
    200: {
      description: 'Activated: the template and the versions it retired',
      content: { 'application/json': { schema: activateTemplateResponseSchema } },
    },
    ...errorResponses(...SIGNED_IN, ...EVERY_ROUTE, 400, 404),
  },
});

export function createTemplateRoutes(deps: { db: Database; events?: SyncEvents }): OpenAPIHono<AppEnv> {
  const { db } = deps;
  const events = deps.events ?? syncEventsFor(db);
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  const announce = (tenantId: string, version: number | null) => {
    if (version !== null && !events.usesNotify) events.publish(tenantId, version);
  };

  app.openapi(importRoute, async (c) => {
    const auth = c.get('auth');
    try {
      const out = await importTemplate(db, auth, c.req.valid('json'));
      announce(auth.tenantId, out.newVersion);
      return c.json({ template: out.template }, 201);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      // An import refuses with 400, 403 or 409 only (service.ts).
      const status = err.status as 400 | 403 | 409;
      return apiError(c, status, err.code, err.messageId, err.messageEn, err.details);
    }
  });

  app.openapi(activateRoute, async (c) => {
    const auth = c.get('auth');
    try {
      const out = await activateTemplate(db, auth, c.req.valid('param').id);
      announce(auth.tenantId, out.newVersion);
      return c.json(out.response, 200);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      // An activation refuses with 403 or 404 only (service.ts).
      const status = err.status as 403 | 404;
      return apiError(c, status, err.code, err.messageId, err.messageEn);
    }
  });

  return app;
}
