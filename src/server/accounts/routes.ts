/** Account management for coordinators (mounted at /api/accounts, behind requireAuth). */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  accountListResponseSchema,
  accountSchema,
  createAccountRequestSchema,
  updateAccountRequestSchema,
} from '../../shared/api';
import { recordIdSchema } from '../../shared/records';
import type { Database } from '../db/types';
import type { AppEnv } from '../http/env';
import { apiError, defaultHook, errorResponses } from '../http/errors';
import { revokeAllRefreshTokens } from '../auth/tokens';
import { AccountError, createUser, listUsers, toAccount, updateUser } from './service';

const security = [{ bearerAuth: [] }];

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['accounts'],
  summary: "List the accounts of the coordinator's tenant",
  security,
  responses: {
    200: { description: 'Accounts', content: { 'application/json': { schema: accountListResponseSchema } } },
    ...errorResponses(401, 403),
  },
});

const createAccountRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['accounts'],
  summary: "Create an account in the coordinator's tenant",
  security,
  request: {
    body: { required: true, content: { 'application/json': { schema: createAccountRequestSchema } } },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: accountSchema } } },
    ...errorResponses(400, 401, 403, 409),
  },
});

const updateAccountRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['accounts'],
  summary: 'Change the role, units, name or disabled flag of an account',
  security,
  request: {
    params: z.object({ id: recordIdSchema }),
    body: { required: true, content: { 'application/json': { schema: updateAccountRequestSchema } } },
  },
  responses: {
    200: { description: 'Updated', content: { 'application/json': { schema: accountSchema } } },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const forbidden = (c: Parameters<typeof apiError>[0]) =>
  apiError(
    c,
    403,
    'forbidden',
    'Hanya admin lokal yang dapat mengelola akun',
    'Only local admins can manage accounts',
  );

export function createAccountRoutes(deps: { db: Database }): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });

  app.openapi(listRoute, async (c) => {
    const auth = c.get('auth');
    if (auth.role !== 'coordinator') return forbidden(c);
    const rows = await listUsers(deps.db, auth.tenantId);
    return c.json({ accounts: rows.map(toAccount) }, 200);
  });

  app.openapi(createAccountRoute, async (c) => {
    const auth = c.get('auth');
    if (auth.role !== 'coordinator') return forbidden(c);
    const body = c.req.valid('json');
    try {
      const row = await createUser(deps.db, { ...body, tenantId: auth.tenantId });
      return c.json(toAccount(row), 201);
    } catch (err) {
      if (err instanceof AccountError && err.code === 'login-taken') {
        return apiError(c, 409, err.code, err.messageId, err.messageEn);
      }
      throw err;
    }
  });

  app.openapi(updateAccountRoute, async (c) => {
    const auth = c.get('auth');
    if (auth.role !== 'coordinator') return forbidden(c);
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json');
    if (
      id === auth.userId &&
      (changes.disabled === true || (changes.role && changes.role !== 'coordinator'))
    ) {
      // A tenant must not lock itself out by accident; another coordinator can do it.
      return apiError(
        c,
        409,
        'self-lockout',
        'Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri',
        'You cannot disable or demote your own account',
      );
    }
    const row = await deps.db.transaction(async (tx) => {
      const updated = await updateUser(tx, auth.tenantId, id, changes);
      if (updated?.disabled) await revokeAllRefreshTokens(tx, id);
      return updated;
    });
    // Another tenant's account answers exactly like a missing one: nothing leaks across tenants.
    if (!row) return apiError(c, 404, 'not-found', 'Akun tidak ditemukan', 'Account not found');
    return c.json(toAccount(row), 200);
  });

  return app;
}
