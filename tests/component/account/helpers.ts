/**
 * A session wired to the test server: its own accounts database (unique name per test), its own workspace, a
 * clock the test can move, and an online flag shared with the server's fetch.
 */
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { AccountsDb } from '../../../src/lib/account/accounts-db';
import { ApiClient } from '../../../src/lib/account/api';
import { AccountSession } from '../../../src/lib/account/session.svelte';
import { databaseName } from '../../../src/lib/db';
import { Workspace } from '../../../src/lib/state/workspace.svelte';
import type { TestServer } from './server';

export interface Phone {
  session: AccountSession;
  workspace: Workspace;
  accountsDb: AccountsDb;
  accountsDbName: string;
  clock: { now: number };
  caches?: CacheStorage | undefined;
}

/** One phone: the accounts database name is what survives an app restart (`reopen`). */
export function phone(
  server: TestServer,
  accountsDbName = `rintis-accounts-${uuidv7()}`,
  caches?: CacheStorage,
): Phone {
  const clock = { now: Date.now() };
  const workspace = new Workspace();
  const accountsDb = new AccountsDb(accountsDbName);
  const session = new AccountSession({
    api: new ApiClient(server.fetch),
    accountsDb,
    workspace,
    isOnline: () => server.online,
    now: () => clock.now,
    caches,
  });
  return { session, workspace, accountsDb, accountsDbName, clock, caches };
}

/** The app closed and opened again on the same phone: nothing in memory, the databases stay. */
export function reopen(server: TestServer, previous: Phone): Phone {
  previous.workspace.reset();
  previous.session.close();
  return phone(server, previous.accountsDbName, previous.caches);
}

/** Closes the phone's databases and deletes them (the users' too), so the next test starts clean. */
export async function wipe(p: Phone, userIds: (string | null)[]): Promise<void> {
  p.workspace.reset();
  p.session.close();
  await Dexie.delete(p.accountsDbName);
  for (const id of userIds) await Dexie.delete(databaseName(id));
}

export async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === name);
}
