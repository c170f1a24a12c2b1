/** Account management for coordinators (mounted at /api/accounts, behind requireAuth). */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  accountListResponseSchema,
  accountSchema,
  createAccountRequestSchema,
  createAccountResponseSchema,
  resetPasswordResponseSchema,
  updateAccountRequestSchema,
} from '../../shared/api';
import { loadCommonPasswords } from '../../shared/commonPasswords';
import { NEW_PASSWORD_MESSAGES, isCommonPassword } from '../../shared/passwordPolicy';
import { recordIdSchema } from '../../shared/records';
import type { Database } from '../db/types';
import type { AppEnv } from '../http/env';
import { EVERY_ROUTE, JSON_BODY, SIGNED_IN, apiError, defaultHook, errorResponses } from '../http/errors';
import { BEARER_AUTH } from '../http/openapi';
import type { PasswordHasher } from '../auth/password';
import { generateOneTimePassword } from '../auth/oneTimePassword';
import { revokeAllRefreshTokens, revokeFamilies } from '../auth/tokens';
import {
  AccountError,
  assertTenantUnits,
  createUser,
  findUserById,
  listUsers,
  setPasswordHash,
  toAccount,
  updateUser,
} from './service';
import { writeAccountPerson } from './people';

const security = BEARER_AUTH;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listAccounts',
  tags: ['accounts'],
  summary: "List the accounts of the coordinator's tenant",
  security,
  responses: {
    200: { description: 'Accounts', content: { 'application/json': { schema: accountListResponseSchema } } },
    ...errorResponses(...SIGNED_IN, ...EVERY_ROUTE),
  },
});

const createAccountRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createAccount',
  tags: ['accounts'],
  summary:
    "Create an account in the coordinator's tenant; without a password the server generates a one-time password (answered once). Either way its holder must change it at first sign-in.",
  security,
  request: {
    body: { required: true, content: { 'application/json': { schema: createAccountRequestSchema } } },
  },
  responses: {
    201: {
      description: 'Created',
      content: { 'application/json': { schema: createAccountResponseSchema } },
    },
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE, 409),
  },
});

const resetPasswordRoute = createRoute({
  method: 'post',
  path: '/{id}/reset-password',
  operationId: 'resetAccountPassword',
  tags: ['accounts'],
  summary:
    "Give an account of the coordinator's tenant a new one-time password (answered once): all its devices are signed out and it must choose a new password at its next sign-in",
  security,
  request: { params: z.object({ id: recordIdSchema }) },
  responses: {
    200: {
      description: 'The account and its one-time password',
      content: { 'application/json': { schema: resetPasswordResponseSchema } },
    },
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE, 404, 409),
  },
});

const updateAccountRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateAccount',
  tags: ['accounts'],
  summary: 'Change the role, units, name or disabled flag of an account',
  security,
  request: {
    params: z.object({ id: recordIdSchema }),
    body: { required: true, content: { 'application/json': { schema: updateAccountRequestSchema } } },
  },
  responses: {
    200: { description: 'Updated', content: { 'application/json': { schema: accountSchema } } },
    ...errorResponses(...SIGNED_IN, ...JSON_BODY, ...EVERY_ROUTE, 404, 409),
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

export function createAccountRoutes(deps: { db: Database; passwords: PasswordHasher }): OpenAPIHono<AppEnv> {
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
    const { password: typed, ...body } = c.req.valid('json');
    if (typed !== undefined && isCommonPassword(typed, await loadCommonPasswords())) {
      const message = NEW_PASSWORD_MESSAGES['too-common'];
      return apiError(c, 400, 'password-too-common', message.id, message.en);
    }
    // Generated unless the coordinator typed one; the holder chooses their own at first sign-in either way.
    const oneTimePassword = typed ?? generateOneTimePassword();
    // Hashed before the transaction. A typed password may be one a person would choose: the full cost.
    const passwordHash =
      typed === undefined
        ? await deps.passwords.hashOneTimePassword(oneTimePassword)
        : await deps.passwords.hash(typed);
    try {
      // The account and its person record (which every phone pulls) commit together.
      const row = await deps.db.transaction(async (tx) => {
        await assertTenantUnits(tx, auth.tenantId, body.unitIds);
        const created = await createUser(tx, {
          ...body,
          passwordHash,
          mustChangePassword: true,
          tenantId: auth.tenantId,
        });
        await writeAccountPerson(tx, created, auth.userId);
        return created;
      });
      return c.json({ ...toAccount(row), ...(typed === undefined ? { oneTimePassword } : {}) }, 201);
    } catch (err) {
      if (err instanceof AccountError && err.code === 'login-taken') {
        return apiError(c, 409, err.code, err.messageId, err.messageEn);
      }
      if (err instanceof AccountError && err.code === 'unknown-units') {
        return apiError(c, 400, err.code, err.messageId, err.messageEn);
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
    let row;
    try {
      row = await deps.db.transaction(async (tx) => {
        if (changes.unitIds) await assertTenantUnits(tx, auth.tenantId, changes.unitIds);
        const updated = await updateUser(tx, auth.tenantId, id, changes);
        if (updated?.disabled) await revokeAllRefreshTokens(tx, id);
        if (updated) await writeAccountPerson(tx, updated, auth.userId);
        return updated;
      });
    } catch (err) {
      if (err instanceof AccountError && err.code === 'unknown-units')
        return apiError(c, 400, err.code, err.messageId, err.messageEn);
      throw err;
    }
    // Another tenant's account answers exactly like a missing one: nothing leaks across tenants.
    if (!row) return apiError(c, 404, 'not-found', 'Akun tidak ditemukan', 'Account not found');
    return c.json(toAccount(row), 200);
  });

  app.openapi(resetPasswordRoute, async (c) => {
    const auth = c.get('auth');
    if (auth.role !== 'coordinator') return forbidden(c);
    const { id } = c.req.valid('param');
    if (id === auth.userId) {
      // It would sign the coordinator out everywhere, this phone included, with a password only they saw.
      return apiError(
        c,
        409,
        'self-reset',
        'Untuk akun Anda sendiri, pakai "Ganti kata sandi" di halaman Akun',
        'For your own account, use "Change password" on the Account page',
      );
    }
    const oneTimePassword = generateOneTimePassword();
    const hash = await deps.passwords.hashOneTimePassword(oneTimePassword);
    const row = await deps.db.transaction(async (tx) => {
      const target = await findUserById(tx, id);
      // Another tenant's account answers exactly like a missing one: nothing leaks across tenants.
      if (!target || target.tenant_id !== auth.tenantId) return undefined;
      await setPasswordHash(tx, id, hash, true);
      await revokeFamilies(tx, id);
      return findUserById(tx, id);
    });
    if (!row) return apiError(c, 404, 'not-found', 'Akun tidak ditemukan', 'Account not found');
    return c.json({ account: toAccount(row), oneTimePassword }, 200);
  });

  return app;
}
