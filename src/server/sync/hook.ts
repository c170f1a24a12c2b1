/** Validation failures of sync requests as the shared API error body, in Indonesian and English. */
import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env';
import type { ApiError } from '../../shared/protocol';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const syncValidationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (result.success) return;
  const issues = result.error.issues;
  const protocol = issues.some((i) => i.path[0] === 'protocolVersion');
  const body: ApiError = {
    error: protocol
      ? {
          code: 'protocol-version',
          message: 'Aplikasi perlu diperbarui untuk sinkronisasi. Muat ulang aplikasi.',
          messageEn: 'The app needs an update to sync. Reload the app.',
          details: issues.slice(0, 10),
        }
      : {
          code: 'invalid-request',
          message: 'Permintaan sinkronisasi tidak sah.',
          messageEn: 'Invalid sync request.',
          details: issues.slice(0, 10),
        },
  };
  return c.json(body, 400);
};
