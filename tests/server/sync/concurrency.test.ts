/**
 * Pushes running at the same time on one PostgreSQL (PGlite has one connection, so its pushes never overlap and
 * this suite is PostgreSQL only). A push reads and locks its records, merges, and only then takes the writers'
 * lock for its write and commit (see src/server/sync/push.ts). These tests hold a push at a chosen point with a
 * lock taken from another connection and check what may and may not happen meanwhile. Each tenant has its own
 * writers' lock and version sequence (src/server/sync/versions.ts): another tenant's pushes never wait.
 */
import 'fake-indexeddb/auto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/db/types';
import type { PushResponse } from '../../../src/shared/protocol';
import type { AnyRecord } from '../../../src/shared/records';
import {
  CAST,
  freshPostgres,
  postgresDatabase,
  seedUsers,
  syncApp,
  UNIT_A,
  type SyncTestApp,
} from './helpers';
import { Device, draftBody, pull, push } from './fixtures';
import { WRITERS_LOCK } from '../../../src/server/sync/locks';

/** Waits until some session waits on a lock of this type (the held push has reached the lock). */
async function untilWaiting(client: pg.Client, locktype: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await client.query(
      `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE NOT l.granted AND l.locktype = $1 AND a.datname = current_database()`,
      [locktype],
    );
    if (rows.length > 0) return;
    if (Date.now() > deadline) throw new Error(`no session waits on a ${locktype} lock`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether the promise is still unsettled after `ms`. */
async function stillPending(promise: Promise<unknown>, ms = 300): Promise<boolean> {
  const pending = Symbol('pending');
  const winner = await Promise.race([
    promise.then(
      () => null,
      () => null,
    ),
    new Promise((r) => setTimeout(() => r(pending), ms)),
  ]);
  return winner === pending;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const appliedRecord = (res: PushResponse, index = 0): AnyRecord => {
  const result = res.results[index]!;
  if (result.status !== 'applied') throw new Error(`change refused: ${result.code} ${result.message}`);
  return result.record;
};

describe('pushes at the same time on PostgreSQL', () => {
  let url: string;
  let first: Database;
  let second: Database;
  let drop: () => Promise<void>;
  let apps: SyncTestApp[];
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let holder: pg.Client;

  beforeAll(async () => {
    const fresh = await freshPostgres();
    url = fresh.url;
    drop = fresh.drop;
    first = await postgresDatabase(url);
    second = await postgresDatabase(url, false);
    users = await seedUsers(first, CAST);
    apps = [syncApp(first, users.tokens), syncApp(second, users.tokens)];
    holder = new pg.Client({ connectionString: url });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end();
    await first.close();
    await second.close();
    await drop();
  });

  it('makes a version visible only after every smaller version has committed', async () => {
    const observer = new pg.Client({ connectionString: url });
    await observer.connect();
    try {
      const { cursor: start } = await pull(apps[0]!, 'coord', 0);
      const held = new Device('phone-held-0001', 'innoA');
      const other = new Device('phone-other-001', 'facA');
      const early = held.create(draftBody(UNIT_A, { title: 'Ditulis lebih dulu' }));
      const late = other.create(draftBody(UNIT_A, { title: 'Ditulis kemudian' }));

      // Another transaction owns the idempotency row the held push is about to write: the push blocks inside its
      // write statement, holding the writers' lock with its versions drawn and not committed.
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO sync_processed (tenant_id, user_id, device_id, seq, record_id, result)
         VALUES ($5, $1, $2, $3, $4, '{}')`,
        [
          users.auth['innoA']!.userId,
          held.deviceId,
          early.seq,
          early.recordId,
          users.auth['innoA']!.tenantId,
        ],
      );
      const pushingEarly = push(apps[0]!, 'innoA', [early]);
      await untilWaiting(observer, 'transactionid');
      // The other process's push does its reads, then waits for the writers' lock: it cannot commit a higher
      // version past the uncommitted lower one.
      const pushingLate = push(apps[1]!, 'facA', [late]);
      await untilWaiting(observer, 'advisory');
      expect(await stillPending(pushingLate)).toBe(true);
      const meanwhile = await pull(apps[1]!, 'coord', start);
      expect(meanwhile.records.map((r) => r.id)).not.toContain(late.recordId);
      expect(meanwhile.cursor).toBe(start);

      await holder.query('ROLLBACK');
      const earlyRecord = appliedRecord(await pushingEarly);
      const lateRecord = appliedRecord(await pushingLate);
      expect(earlyRecord.rev).toBeLessThan(lateRecord.rev);
      const after = await pull(apps[0]!, 'coord', meanwhile.cursor);
      expect(after.records.map((r) => r.id)).toEqual([early.recordId, late.recordId]);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await observer.end();
    }
  });

  it('lets a push of other records finish while one waits for its record', async () => {
    const observer = new pg.Client({ connectionString: url });
    await observer.connect();
    try {
      const innovator = new Device('phone-inno-0002', 'innoA');
      // A local admin: facilitators review drafts but do not write their title.
      const admin = new Device('phone-admin-0002', 'coord');
      const busy = innovator.create(draftBody(UNIT_A, { title: 'Sedang dikunci' }));
      const free = innovator.create(draftBody(UNIT_A, { title: 'Bebas' }));
      const created = await push(apps[0]!, 'innoA', [busy, free]);
      const busyBase = appliedRecord(created, 0).fieldVersions;
      const freeBase = appliedRecord(created, 1).fieldVersions;

      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM sync_records WHERE id = $1 FOR UPDATE', [busy.recordId]);
      const waiting = push(apps[0]!, 'coord', [
        admin.update(busy.recordId, { title: 'Judul dari admin lokal' }, { title: busyBase['title']! }),
      ]);
      await untilWaiting(observer, 'transactionid');
      const other = await push(apps[1]!, 'innoA', [
        innovator.update(free.recordId, { title: 'Bebas, diubah' }, { title: freeBase['title']! }),
      ]);
      expect(appliedRecord(other)).toMatchObject({ title: 'Bebas, diubah' });
      expect(await stillPending(waiting, 100)).toBe(true);

      await holder.query('COMMIT');
      expect(appliedRecord(await waiting)).toMatchObject({ title: 'Judul dari admin lokal' });
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await observer.end();
    }
  });

  it('lets another tenant push at once while a push of this tenant holds its writers’ lock', async () => {
    const observer = new pg.Client({ connectionString: url });
    await observer.connect();
    const held = new Device('phone-held-0005', 'innoA');
    const elsewhere = new Device('phone-other-t05', 'other');
    const pushElsewhere = async (i: number): Promise<{ ms: number; rev: number }> => {
      const started = performance.now();
      const res = await push(apps[i % 2]!, 'other', [
        elsewhere.create(draftBody(null, { title: `Lain ${i}` })),
      ]);
      return { ms: performance.now() - started, rev: appliedRecord(res).rev };
    };
    try {
      for (let i = 0; i < 3; i++) await pushElsewhere(i);
      // Rounds alternate a push of the other tenant alone and one while this tenant's push is held, so a busy
      // machine slows both samples alike.
      const quiet: number[] = [];
      const during: number[] = [];
      const revs: number[] = [];
      for (let round = 0; round < 9; round++) {
        // The held push blocks inside its write statement, holding its tenant's writers' lock with its versions
        // drawn and not committed (as in the first test).
        const early = held.create(draftBody(UNIT_A, { title: `Ditahan ${round}` }));
        await holder.query('BEGIN');
        await holder.query(
          `INSERT INTO sync_processed (tenant_id, user_id, device_id, seq, record_id, result)
         VALUES ($5, $1, $2, $3, $4, '{}')`,
          [
            users.auth['innoA']!.userId,
            held.deviceId,
            early.seq,
            early.recordId,
            users.auth['innoA']!.tenantId,
          ],
        );
        const pushingHeld = push(apps[round % 2]!, 'innoA', [early]);
        await untilWaiting(observer, 'transactionid');
        const { rows: lockers } = await observer.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objsubid = 2
             AND objid = hashtext($2)::oid`,
          [WRITERS_LOCK, users.auth['innoA']!.tenantId],
        );
        expect(lockers).toHaveLength(1);
        // The other tenant's push, through either process, completes while the held one still waits.
        const sample = await pushElsewhere(round + 1);
        expect(await stillPending(pushingHeld, 0)).toBe(true);
        during.push(sample.ms);
        revs.push(sample.rev);
        await holder.query('ROLLBACK');
        appliedRecord(await pushingHeld);
        const alone = await pushElsewhere(round);
        quiet.push(alone.ms);
        revs.push(alone.rev);
      }
      // Its versions are its own: one by one, whatever the held tenant drew meanwhile.
      expect(revs).toEqual(revs.map((_, i) => revs[0]! + i));
      const delay = median(during) - median(quiet);
      console.log(
        `[tenants] other tenant's push, median of 9: ${median(quiet).toFixed(1)} ms alone, ` +
          `${median(during).toFixed(1)} ms while a push of this tenant holds its writers' lock ` +
          `(delay ${delay.toFixed(1)} ms, budget < 20 ms)`,
      );
      // Not waiting at all is what completing above shows (a wait would last as long as the lock is held); the
      // figure is compared with a margin for a machine busy with other work.
      expect(delay).toBeLessThan(40);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await observer.end();
    }
  });

  it('keeps every edit when several phones change one record at once through both processes', async () => {
    const owner = new Device('phone-owner-003', 'innoA');
    const sections = [
      'ringkasan',
      'latar-belakang-tujuan',
      'kebaruan',
      'implementasi',
      'signifikansi',
      'keberlanjutan',
    ];
    const created = await push(apps[0]!, 'innoA', [owner.create(draftBody(UNIT_A))]);
    const record = appliedRecord(created);
    const phones = sections.map((_, i) => new Device(`phone-many-00${i}`, i % 2 === 0 ? 'innoA' : 'coord'));
    const revs: number[][] = phones.map(() => []);
    await Promise.all(
      phones.map(async (phone, i) => {
        for (let round = 1; round <= 5; round++) {
          const path = `sections.${sections[i]}`;
          const res = await push(apps[(i + round) % 2]!, phone.token, [
            // Each phone edits its own section on top of the created record (its own later edits continue it).
            phone.update(
              record.id,
              { [path]: `Bagian ${sections[i]}, putaran ${round}.` },
              { [path]: record.fieldVersions[path] ?? 0 },
            ),
          ]);
          revs[i]!.push(appliedRecord(res).rev);
        }
      }),
    );
    // Each phone saw the record's version grow with every push it made.
    for (const seen of revs) expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const pulled = await pull(apps[0]!, 'coord', 0);
    const final = pulled.records.find((r) => r.id === record.id);
    expect(final?.kind).toBe('draft');
    if (final?.kind !== 'draft') return;
    for (const section of sections) expect(final.sections[section]).toBe(`Bagian ${section}, putaran 5.`);
    expect(pulled.records.filter((r) => r.kind === 'conflict')).toEqual([]);
  });

  it('applies a push sent twice at the same time once, and answers both', async () => {
    const phone = new Device('phone-twice-004', 'innoA');
    const changes = [
      phone.create(draftBody(UNIT_A, { title: 'Dikirim dua kali' })),
      phone.create(draftBody(UNIT_A, { title: 'Juga dua kali' })),
    ];
    const [a, b] = await Promise.all([push(apps[0]!, 'innoA', changes), push(apps[1]!, 'innoA', changes)]);
    expect(a.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(b.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(appliedRecord(a).rev).toBe(appliedRecord(b).rev);
    const { rows } = await holder.query<{ n: string }>(
      `SELECT count(*) AS n FROM sync_changes WHERE record_id = ANY($1::uuid[]) AND path = 'title'`,
      [changes.map((c) => c.recordId)],
    );
    expect(Number(rows[0]!.n)).toBe(2);
  });
});
