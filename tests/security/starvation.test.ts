/**
 * One user must not slow every tenant (security finding): a slow push and 20 small pushes on one device id each
 * held one of the 10 pooled connections while waiting on the device lock, and another tenant's `GET /api/me` went
 * from 13 ms to 1.4 s. Now pushes wait their turn in memory (one per device, two per account, a few waiting, the
 * rest 429), the pool has an acquire timeout and a statement timeout, and a timeout answers 503 `busy`, not 500.
 * Real PostgreSQL (the pool is node-postgres'), with a pool of 3 so exhaustion is quick to reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createApp } from '../../src/server/app';
import { TEST_PASSWORD_HASH_COST } from '../server/support/passwords';
import { isDatabaseBusy, openPostgres } from '../../src/server/db/postgres';
import type { Database } from '../../src/server/db/types';
import { DEVICE_LOCK } from '../../src/server/sync/store';
import { DEVICE_PUSH_WAITING } from '../../src/server/sync/pushQueue';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import {
  AUTH_SECRET,
  CAST,
  UNIT_A,
  freshPostgres,
  postgresDatabase,
  seedUsers,
} from '../server/sync/helpers';
import { Device, draftBody } from '../server/sync/fixtures';

describe('one user cannot starve the others (PostgreSQL)', () => {
  let url: string;
  let drop: () => Promise<void>;
  let setup: Database;
  let db: Database;
  let seeded: Awaited<ReturnType<typeof seedUsers>>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    ({ url, drop } = await freshPostgres());
    setup = await postgresDatabase(url);
    seeded = await seedUsers(setup, CAST);
    db = openPostgres(url, { max: 3, acquireTimeoutMs: 1_500, statementTimeoutMs: 2_000 });
    app = createApp({
      db,
      config: { passwordHashCost: TEST_PASSWORD_HASH_COST, authSecret: AUTH_SECRET, logLevel: 'silent' },
    });
  });
  afterAll(async () => {
    await db.close();
    await setup.close();
    await drop();
  });

  const me = (key: string) =>
    app.request('/api/me', { headers: { authorization: `Bearer ${seeded.tokens[key]}` } });
  const pushFrom = (device: Device) =>
    app.request('/api/sync/push', {
      method: 'POST',
      headers: { authorization: `Bearer ${seeded.tokens.innoA}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: device.deviceId,
        changes: [device.create(draftBody(UNIT_A))],
      }),
    });

  it('keeps another tenant fast while 20 pushes of one device wait on its lock', async () => {
    const device = new Device('starving-device-01', 'innoA');
    // A slow push of this device in flight elsewhere (another process): its lock is held.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      DEVICE_LOCK,
      `${seeded.auth.innoA!.userId} ${device.deviceId}`,
    ]);
    try {
      const pushes = Array.from({ length: 20 }, () => pushFrom(device));
      await new Promise((r) => setTimeout(r, 300));
      const started = performance.now();
      const other = await me('other');
      const took = performance.now() - started;
      expect(other.status).toBe(200);
      expect(took).toBeLessThan(1_000);
      // Beyond the one running and the few waiting, pushes are told at once to come back later.
      const early = await Promise.all(
        pushes.map((p) => Promise.race([p, new Promise<null>((r) => setTimeout(() => r(null), 200))])),
      );
      const refused = early.filter((r): r is Response => r !== null && r.status === 429);
      expect(refused).toHaveLength(20 - 1 - DEVICE_PUSH_WAITING);
      const body = (await refused[0]!.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('push-busy');
      expect(refused[0]!.headers.get('Retry-After')).toBe('5');
      await holder.query('COMMIT');
      const all = await Promise.all(pushes);
      expect(all.filter((r) => r.status === 200)).toHaveLength(1 + DEVICE_PUSH_WAITING);
    } finally {
      await holder.end();
    }
  });

  it('answers 503 busy (never 500, never a wait without end) when no connection frees up in time', async () => {
    // Three transactions that each hold a pooled connection for 1.8 s (under the statement timeout).
    const hogs = Array.from({ length: 3 }, () => db.transaction((tx) => tx.query('SELECT pg_sleep(1.8)')));
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    const res = await me('coord');
    expect(performance.now() - started).toBeLessThan(1_700);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('busy');
    expect(res.headers.get('Retry-After')).toBe('5');
    await Promise.all(hogs);
    expect((await me('coord')).status).toBe(200);
  });

  it('stops a statement at the statement timeout, as a busy error', async () => {
    const err = await db.query('SELECT pg_sleep(5)').catch((e: unknown) => e);
    expect(isDatabaseBusy(err)).toBe(true);
  });
});
