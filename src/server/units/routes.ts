/**
 * Units API for coordinators (mounted at /api/units, behind requireAuth). Units themselves are ordinary synced
 * records (created, renamed and archived on the phone, offline too); only merging needs the server, because it
 * moves other people's records in one transaction (see merge.ts).
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../db/types';
import type { AppEnv } from '../http/env';
import { EVERY_ROUTE, JSON_BODY, SIGNED_IN, apiError, defaultHook, errorResponses } from '../http/errors';
import { BEARER_AUTH } from '../http/openapi';
import { recordIdSchema } from '../../shared/records';
import { mergeUnitsRequestSchema, mergeUnitsResponseSchema } from '../../shared/units';
import { syncEventsFor, type SyncEvents } from '../sync/events';
import { UnitMergeError, mergeUnits } from './merge';

const mergeRoute = createRoute({
  method: 'post',
  path: '/{id}/merge',
  operationId: 'mergeUnits',
  tags: ['units'],
  summary: 'Merge a unit into another: its records and accounts move to the kept unit; it is archived',
  security: BEARER_AUTH,
  request: {
    params: z.object({ id: recordIdSchema }),
    body: { required: true, content: { 'application/json': { schema: mergeUnitsRequestSchema } } },
  },
  responses: {
    200: {
      description: 'Merged: the two units as they are now and how many records moved',
      content: { 'application/json': { schema: mergeUnitsResponseSchema } },
    },
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE, 404, 409),
  },
});

export function createUnitRoutes(deps: { db: Database; events?: SyncEvents }): OpenAPIHono<AppEnv> {
  const { db } = deps;
  const events = deps.events ?? syncEventsFor(db);
  const app = new OpenAPIHono<AppEnv>({ defaultHook });

  app.openapi(mergeRoute, async (c) => {
    const auth = c.get('auth');
    const { id } = c.req.valid('param');
    const { into } = c.req.valid('json');
    try {
      const out = await mergeUnits(db, auth, id, into);
      if (out.newVersion !== null && !events.usesNotify) events.publish(auth.tenantId, out.newVersion);
      return c.json(out.response, 200);
    } catch (err) {
      if (err instanceof UnitMergeError)
        return apiError(c, err.status, err.code, err.messageId, err.messageEn);
      throw err;
    }
  });

  return app;
}
