/**
 * Signing a person in the way the app reopens offline: their stored profile and tokens are restored, no server
 * involved ("Masuk lagi" pending, so the phone works on local data and never calls a server in these tests).
 * Call `forgetOfflineAccounts` after each test: it signs out and deletes the databases made.
 */
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import type { User } from '../../src/shared/api';
import { AccountsDb } from '../../src/lib/account/accounts-db';
import { accountSession } from '../../src/lib/account/session.svelte';
import { databaseName, type LocalStore } from '../../src/lib/db';
import { locale } from '../../src/lib/i18n/index.svelte';
import { workspace } from '../../src/lib/state/workspace.svelte';

export const OFFLINE_TENANT = 'kab-uji';

const signedInUsers: string[] = [];

/** Signs `role` in with `unitIds` (none: a coordinator's whole tenant, or an account without units). */
export async function signInOffline(
  role: User['role'],
  unitIds: string[] = [],
  name = `Uji ${role}`,
): Promise<{ store: LocalStore; user: User }> {
  workspace.reset();
  localStorage.clear();
  locale.reset();
  const user: User = {
    id: uuidv7(),
    tenantId: OFFLINE_TENANT,
    tenantName: 'Kabupaten Uji',
    name,
    email: null,
    phone: null,
    role,
    unitIds,
  };
  signedInUsers.push(user.id);
  const now = Date.now();
  await new AccountsDb().signIn({
    userId: user.id,
    user,
    tokens: { accessToken: 'a', accessExpiresAt: now, localExpiresAt: now, refreshToken: 'r' },
    reauthRequired: true,
    signedInAt: now,
  });
  await accountSession.restore();
  return { store: workspace.requireStore(), user };
}

export async function forgetOfflineAccounts(): Promise<void> {
  accountSession.reset();
  for (const id of signedInUsers.splice(0)) await Dexie.delete(databaseName(id));
}
