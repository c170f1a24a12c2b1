/** Who is calling, as the auth middleware sets it on the request context (`c.get('auth')`). */
import type { z } from 'zod';
import type { personRoleSchema } from '../../shared/records';

export type Role = z.infer<typeof personRoleSchema>;

export interface AuthContext {
  userId: string;
  tenantId: string;
  role: Role;
  /**
   * Units whose records this user may see and write: an innovator's own units, a facilitator's assigned units.
   * `null` means the whole tenant (coordinators).
   */
  unitIds: string[] | null;
  /** Viewers read only. */
  canWrite: boolean;
}
