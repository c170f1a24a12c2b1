/** Hono environment shared by every route module: the authenticated caller is `c.get('auth')`. */
import type { AuthContext } from '../auth/types';

export interface AppEnv {
  Variables: {
    auth: AuthContext;
    requestId: string;
  };
}
