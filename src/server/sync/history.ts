/**
 * GET /api/sync/history/{recordId}: who changed what and when on one synced record (a draft), read from the
 * change log (`sync_changes`, one version per applied change) with the writers' names. Mounted under /api/sync,
 * behind requireAuth. The caller must be allowed to read the record (`canRead`, as pull decides); anyone else
 * gets the same 404 as for a record that does not exist, so nothing about another unit's or tenant's record leaks.
 */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { Database } from '../db/types';
import type { AppEnv } from '../http/env';
import { EVERY_ROUTE, SIGNED_IN, apiError, defaultHook, errorResponses } from '../http/errors';
import { BEARER_AUTH } from '../http/openapi';
import {
  MAX_HISTORY_ENTRIES,
  historyParamsSchema,
  historyResponseSchema,
  type HistoryEntry,
} from '../../shared/history';
import { REVIEW_STATUSES, type RecordKind } from '../../shared/records';
import type { Role } from '../auth/types';
import { canRead } from '../../shared/access';

const historyRoute = createRoute({
  method: 'get',
  path: '/history/{recordId}',
  operationId: 'getRecordHistory',
  tags: ['sync'],
  summary: "A record's history: who changed which parts, and when (newest first)",
  security: BEARER_AUTH,
  request: { params: historyParamsSchema },
  responses: {
    200: {
      description: 'The applied changes of the record, newest first',
      content: { 'application/json': { schema: historyResponseSchema } },
    },
    ...errorResponses(...SIGNED_IN, ...EVERY_ROUTE, 400, 404),
  },
});

export function createHistoryRoutes(deps: { db: Database }): OpenAPIHono<AppEnv> {
  const { db } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook });

  app.openapi(historyRoute, async (c) => {
    const auth = c.get('auth');
    const { recordId } = c.req.valid('param');
    const { rows: records } = await db.query<{
      tenant_id: string;
      kind: RecordKind;
      unit_ids: string[];
      created_by: string;
    }>('SELECT tenant_id, kind, unit_ids, created_by FROM sync_records WHERE tenant_id = $1 AND id = $2', [
      auth.tenantId,
      recordId,
    ]);
    const record = records[0];
    if (
      !record ||
      !canRead(auth, {
        tenantId: record.tenant_id,
        kind: record.kind,
        unitIds: record.unit_ids,
        createdBy: record.created_by,
      })
    ) {
      return apiError(c, 404, 'not-found', 'Riwayat tidak ditemukan', 'History not found');
    }
    const { rows } = await db.query<{
      version: string | number;
      at: string | number | null;
      user_id: string;
      user_name: string | null;
      user_role: Role | null;
      paths: string[];
      review_status: string | null;
    }>(
      `SELECT c.version, (extract(epoch FROM min(c.changed_at)) * 1000)::bigint AS at, c.user_id,
         min(u.name) AS user_name, min(u.role) AS user_role, array_agg(c.path ORDER BY c.path) AS paths,
         min(c.value #>> '{}') FILTER (WHERE c.path = 'reviewStatus') AS review_status
       FROM sync_changes c LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.user_id
       WHERE c.tenant_id = $3 AND c.record_id = $1
       GROUP BY c.version, c.user_id
       ORDER BY c.version DESC
       LIMIT $2`,
      [recordId, MAX_HISTORY_ENTRIES, auth.tenantId],
    );
    const entries: HistoryEntry[] = rows.map((r) => ({
      version: Number(r.version),
      at: r.at === null ? null : Number(r.at),
      userId: r.user_id,
      userName: r.user_name,
      userRole: r.user_role,
      paths: r.paths,
      reviewStatus: (REVIEW_STATUSES as readonly string[]).includes(r.review_status ?? '')
        ? (r.review_status as HistoryEntry['reviewStatus'])
        : null,
    }));
    return c.json({ recordId, entries, readAt: Date.now() }, 200);
  });

  return app;
}
