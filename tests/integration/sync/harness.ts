/**
 * Client-side sync harness: devices with their own real LocalStore (fake-indexeddb, one database per user and
 * device) and the real engine, talking to the real sync routes through `app.request`.
 */
import 'fake-indexeddb/auto';
import { openLocalStore, type LocalStore } from '../../../src/lib/db';
import { SyncEngine } from '../../../src/lib/sync/engine';
import type { SyncTransport } from '../../../src/lib/sync/transport';
import { httpTransport } from '../../../src/lib/sync/transport';
import type { AuthContext } from '../../../src/server/auth/types';
import type { Database } from '../../../src/server/db/types';
import { CAST, pgliteDatabase, seedUsers, syncApp, type SyncTestApp } from '../../server/sync/helpers';

type AppLike = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/** The real HTTP transport over an in-process app: same JSON, same status codes, no sockets. */
export function appTransport(getApp: () => AppLike): SyncTransport {
  return httpTransport('', async (input, init) => getApp().request(input, init));
}

let dbCounter = 0;

export interface SimDevice {
  name: string;
  token: string;
  store: LocalStore;
  engine: SyncEngine;
}

export async function openDevice(
  name: string,
  token: string,
  auth: AuthContext,
  transport: SyncTransport,
  options: { random?: () => number } = {},
): Promise<SimDevice> {
  const store = await openLocalStore({
    userId: `${auth.userId}-${name}-${++dbCounter}-${Date.now()}`,
    tenantId: auth.tenantId,
  });
  const engine = new SyncEngine({
    store,
    transport,
    getToken: () => token,
    backoffBaseMs: 60_000,
    ...(options.random ? { random: options.random } : {}),
  });
  return { name, token, store, engine };
}

/**
 * The real sync routes on a PGlite database with the usual cast of accounts (`CAST`), and phones on it:
 * `device(name, token)` opens one with its own store and engine; `close()` stops them all and the database.
 */
export interface SimulatedCast {
  readonly db: Database;
  readonly app: SyncTestApp;
  readonly users: Record<string, AuthContext>;
  device(name: string, token: string): Promise<SimDevice>;
  close(): Promise<void>;
}

export async function simulatedCast(): Promise<SimulatedCast> {
  const db = await pgliteDatabase();
  const seeded = await seedUsers(db, CAST);
  const app = syncApp(db, seeded.tokens);
  const devices: SimDevice[] = [];
  return {
    db,
    app,
    users: seeded.auth,
    async device(name, token) {
      const d = await openDevice(
        name,
        token,
        seeded.auth[token]!,
        appTransport(() => app),
      );
      devices.push(d);
      return d;
    },
    async close() {
      for (const d of devices) {
        d.engine.stop();
        d.store.close();
      }
      await db.close();
    },
  };
}
