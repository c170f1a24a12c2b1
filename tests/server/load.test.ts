/**
 * The load test's short variant (the 60 s, 200-phone run is `npm run bench -- load`): 20 phones for 5 s through
 * autocannon against the real server process on a fresh PostgreSQL database, then the verification that no
 * acknowledged change was lost or applied twice. The verification is then shown to catch each kind of damage,
 * made by hand in the database, so a clean result means something.
 */
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveLoad, startLoadEnvironment, type LoadEnvironment, type LoadRun } from '../../bench/load/drive';
import { problems, verifyLoad } from '../../bench/load/verify';
import { makeFakeDist } from './support/fakeDist';

describe('load: 20 phones pushing and pulling for 5 s on PostgreSQL', () => {
  let env: LoadEnvironment;
  let run: LoadRun;
  let root = '';

  beforeAll(async () => {
    const fake = await makeFakeDist();
    root = fake.root;
    env = await startLoadEnvironment(fake.dist);
    run = await driveLoad(env, { devices: 20, seconds: 5 });
  }, 120_000);

  afterAll(async () => {
    await env?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('answers every request, and every phone pushed and pulled', () => {
    expect(run.errors).toMatchObject({ connection: 0, timeouts: 0, non2xx: 0, unreadable: 0 });
    expect(run.requests).toBeGreaterThan(40);
    for (const device of run.devices) {
      expect(device.rejected, device.deviceId).toBe(0);
      // 3 creates, then at least one batch of edits.
      expect(device.acked.length, device.deviceId).toBeGreaterThanOrEqual(8);
      expect(device.pulls, device.deviceId).toBeGreaterThan(0);
      expect(device.cursor, device.deviceId).toBeGreaterThan(0);
    }
    expect(run.pushes.count).toBeGreaterThan(0);
    expect(run.pulls.count).toBeGreaterThan(0);
    expect(run.all.p50).toBeLessThanOrEqual(run.all.p95);
    expect(run.all.p95).toBeLessThanOrEqual(run.all.p99);
  });

  it('lost no acknowledged change and applied none twice (database and full pull)', async () => {
    const v = await verifyLoad(env.bench.url, env.server.url, env.token, run.devices);
    expect(v.acked).toBe(run.devices.reduce((n, d) => n + d.acked.length, 0));
    expect(v.records).toBe(60);
    expect(v.pulledRecords).toBe(60);
    expect(v).toMatchObject({ lost: [], duplicated: [], wrongInDatabase: [], wrongInPull: [] });
    expect(problems(v)).toBe(0);
  });

  it('the verification catches a lost write, a change applied twice and a changed final value', async () => {
    const victim = run.devices[3]!;
    const write = victim.acked.at(-1)!;
    const earlier = victim.acked.find((w) => w.recordId !== write.recordId && w.seq > 3)!;
    const db = new pg.Client({ connectionString: env.bench.url });
    await db.connect();
    try {
      // Forget that an acknowledged change was processed (a lost acknowledgement record).
      await db.query('DELETE FROM sync_processed WHERE device_id = $1 AND seq = $2', [
        victim.deviceId,
        write.seq,
      ]);
      // The same change applied a second time, under a new version.
      await db.query(
        `INSERT INTO sync_changes (tenant_id, record_id, path, version, value, device_id, user_id)
         SELECT tenant_id, record_id, path, version + 1000000, value, device_id, user_id FROM sync_changes
         WHERE device_id = $1 AND path = 'notes' AND value #>> '{}' = $2`,
        [victim.deviceId, earlier.notes],
      );
      // A final value that is not the last acknowledged write.
      await db.query(`UPDATE sync_records SET body = jsonb_set(body, '{notes}', '"ditimpa"') WHERE id = $1`, [
        write.recordId,
      ]);
    } finally {
      await db.end();
    }
    const v = await verifyLoad(env.bench.url, env.server.url, env.token, run.devices);
    expect(v.lost).toEqual([`${victim.deviceId}#${write.seq} not recorded as processed`]);
    expect(v.duplicated).toHaveLength(1);
    expect(v.duplicated[0]).toContain(`${victim.deviceId}: "[${victim.deviceId}#${earlier.seq}]`);
    expect(v.wrongInDatabase).toEqual([write.recordId]);
    expect(v.wrongInPull).toEqual([write.recordId]);
    expect(problems(v)).toBe(4);
  });
});
