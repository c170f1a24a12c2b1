/** Who is calling, as the auth middleware sets it on the request context (`c.get('auth')`). */
import type { AccessPrincipal, PersonRole } from '../../shared/access';

export type Role = PersonRole;

/** The principal of the shared access rules (`src/shared/access.ts`), as the server knows it for a request. */
export interface AuthContext extends AccessPrincipal {
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
  /** The token family (device) of the access token; null for tokens from before families. */
  familyId?: string | null;
}
