/**
 * Sessions on push: who a session names, checked and named by the server (issue #17: display fields were
 * client-set). `facilitatorId` decides who writes the session, so it may name only what `facilitatorRefusal`
 * (src/shared/access.ts) allows, judged on the tenant's accounts. Where a session names an account of the tenant,
 * the name shown beside it is the account's, as the server holds it:
 * - `facilitatorName`, whenever the change writes the facilitator or its name and the facilitator is an account;
 * - a follow-up's `who`, whenever the change writes a follow-up whose `ownerId` is an account.
 * A name typed for someone without an account (a guest, a kader) stays as typed: the UI drops the id when a name
 * is typed over a picked person, so a typed name never sits beside an account's id.
 */
import type { Role } from '../auth/types';
import type { FieldValues } from '../../shared/fieldPaths';
import type { NamedAccount } from '../../shared/access';

/** An account of the pusher's tenant, as the server holds it. */
export interface TenantAccount {
  name: string;
  role: Role;
  disabled: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The follow-up entries a change writes (`actions.<id>` paths, or a whole `actions` map), by path. */
function followUpsOf(values: FieldValues): [path: string, entry: Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const [path, value] of Object.entries(values)) {
    if (path.startsWith('actions.') && isObject(value)) out.push([path, value]);
    if (path === 'actions' && isObject(value))
      for (const [key, entry] of Object.entries(value))
        if (isObject(entry)) out.push([`actions.${key}`, entry]);
  }
  return out;
}

/** The facilitator a session has after the change (`values` on top of the stored body, null for a new one). */
function facilitatorAfter(values: FieldValues, stored: Record<string, unknown> | null): unknown {
  return Object.hasOwn(values, 'facilitatorId') ? values.facilitatorId : stored?.facilitatorId;
}

/** The ids a session change names that may be accounts (to read them in one query). */
export function sessionAccountIds(values: FieldValues, stored: Record<string, unknown> | null): string[] {
  const ids = new Set<string>();
  const facilitator = facilitatorAfter(values, stored);
  if (typeof facilitator === 'string') ids.add(facilitator);
  for (const [, entry] of followUpsOf(values)) if (typeof entry.ownerId === 'string') ids.add(entry.ownerId);
  return [...ids];
}

/** An account as the shared rule sees it (undefined: not an account of the tenant). */
export const namedAccount = (
  accounts: ReadonlyMap<string, TenantAccount>,
  id: unknown,
): NamedAccount | undefined => {
  const account = typeof id === 'string' ? accounts.get(id) : undefined;
  return account && { role: account.role, active: !account.disabled };
};

/**
 * Sets the facilitator's name when the change writes the facilitator or its name and the facilitator (after the
 * change, refused paths left out) is an account of the tenant.
 */
export function stampFacilitatorName(
  values: FieldValues,
  stored: Record<string, unknown> | null,
  accounts: ReadonlyMap<string, TenantAccount>,
): void {
  if (!Object.hasOwn(values, 'facilitatorId') && !Object.hasOwn(values, 'facilitatorName')) return;
  const facilitator = facilitatorAfter(values, stored);
  const account = typeof facilitator === 'string' ? accounts.get(facilitator) : undefined;
  if (account) values.facilitatorName = account.name;
}

/**
 * Sets `who` of each follow-up the change writes whose owner is an account of the tenant. Done before the
 * access rules judge the change: an innovator's tick sent with another `who` than the server's is still only a
 * tick.
 */
export function stampFollowUpOwners(values: FieldValues, accounts: ReadonlyMap<string, TenantAccount>): void {
  for (const [path, entry] of followUpsOf(values)) {
    const owner = typeof entry.ownerId === 'string' ? accounts.get(entry.ownerId) : undefined;
    if (!owner || entry.who === owner.name) continue;
    if (Object.hasOwn(values, path) && values[path] === entry) values[path] = { ...entry, who: owner.name };
    else {
      // An entry of a whole `actions` map.
      const key = path.slice('actions.'.length);
      const map = values.actions as Record<string, unknown>;
      values.actions = { ...map, [key]: { ...entry, who: owner.name } };
    }
  }
}
