/** Hono environment shared by every route module: the authenticated caller is `c.get('auth')`. */
import type { AuthContext } from '../auth/types';

export interface AppEnv {
  Variables: {
    auth: AuthContext;
    requestId: string;
    /** When the caller's access token expires (ms since the epoch): a live event stream ends then. */
    tokenExpiresAt: number;
  };
}
