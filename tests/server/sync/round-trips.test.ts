/**
 * What a push and a pull cost in round trips to PostgreSQL, whatever their size. Between the server's pool and
 * PostgreSQL sits a proxy that holds every answer back 20 milliseconds and counts flights: what a connection
 * sends after it was last answered. Statements sent together (pipelined, db/postgres.ts) are one flight; a
 * statement that waits for an answer before it is sent starts another. On a real network each flight is a full
 * round trip, and on one machine each costs both processes a wake-up.
 */
import 'fake-indexeddb/auto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/db/types';
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

/**
 * How long the proxy holds each answer: far longer than a client takes to send what it sends together, with room
 * for a busy test process (the proxy and the server share its event loop).
 */
const ANSWER_DELAY_MS = 20;

/**
 * A connection's flights, once it is ready for queries: the start-up (TLS ask, authentication, parameters) ends
 * with its first ReadyForQuery message ('Z'), found by reading the framing of PostgreSQL's messages (a type
 * byte, then a 4-byte length that counts itself).
 */
class FlightCounter {
  flights = 0;
  #ready = false;
  #answered = false;
  /** Bytes of the current message still to come, or -1 while its type and length are being read. */
  #header: number[] = [];
  #left = 0;

  sent(): void {
    if (this.#ready && this.#answered) this.flights++;
    this.#answered = false;
  }

  answered(chunk: Buffer): void {
    this.#answered = true;
    if (this.#ready) return;
    for (let i = 0; i < chunk.length;) {
      if (this.#left > 0) {
        const take = Math.min(this.#left, chunk.length - i);
        this.#left -= take;
        i += take;
        continue;
      }
      this.#header.push(chunk[i++]!);
      if (this.#header.length === 5) {
        const [type, ...length] = this.#header;
        this.#header = [];
        this.#left = Buffer.from(length).readUInt32BE(0) - 4;
        if (type === 0x5a) this.#ready = true;
      }
    }
  }
}

interface CountingProxy {
  url: string;
  /** Flights of every connection since the last call. */
  take(): number;
  close(): Promise<void>;
}

async function countingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const counters = new Set<FlightCounter>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const counter = new FlightCounter();
    counters.add(counter);
    const db = connect(Number(upstream.port || 5432), upstream.hostname);
    sockets.add(client).add(db);
    client.on('data', (chunk) => {
      counter.sent();
      db.write(chunk);
    });
    db.on('data', (chunk) => {
      setTimeout(() => {
        counter.answered(chunk);
        if (!client.destroyed) client.write(chunk);
      }, ANSWER_DELAY_MS);
    });
    const end = () => {
      client.destroy();
      db.destroy();
    };
    client.on('close', end).on('error', end);
    db.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  const url = new URL(target);
  url.host = `127.0.0.1:${address.port}`;
  return {
    url: url.toString(),
    take: () => {
      let sum = 0;
      for (const counter of counters) {
        sum += counter.flights;
        counter.flights = 0;
      }
      return sum;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('round trips to PostgreSQL', () => {
  let drop: () => Promise<void>;
  let db: Database;
  let proxy: CountingProxy;
  let app: SyncTestApp;
  let users: Awaited<ReturnType<typeof seedUsers>>;

  beforeAll(async () => {
    const fresh = await freshPostgres();
    drop = fresh.drop;
    const direct = await postgresDatabase(fresh.url);
    users = await seedUsers(direct, CAST);
    await direct.close();
    proxy = await countingProxy(fresh.url);
    db = await postgresDatabase(proxy.url, false);
    app = syncApp(db, users.tokens);
    // Connections opened (and their start-up done) before anything is counted.
    const warm = Array.from({ length: 3 }, (_, i) => new Device(`phone-warm-000${i}`, 'innoA'));
    await Promise.all(warm.map((d) => push(app, d.token, [d.create(draftBody(UNIT_A))])));
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await proxy?.close();
    await drop?.();
  });

  /** The flights `request` makes, and its result. */
  const counted = async <T>(request: () => Promise<T>): Promise<{ flights: number; result: T }> => {
    proxy.take();
    const result = await request();
    return { flights: proxy.take(), result };
  };

  it('a push costs three, one change or a hundred: its account, its locks and reads, its write with its versions and commit', async () => {
    const phone = new Device('phone-trips-0001', 'innoA');
    const one = await counted(() => push(app, 'innoA', [phone.create(draftBody(UNIT_A))]));
    expect(one.result.results.map((r) => r.status)).toEqual(['applied']);

    // 50 new drafts naming a unit (the units lock and the merges read ride along), then 50 edits of them.
    const created = Array.from({ length: 50 }, () => phone.create(draftBody(UNIT_A)));
    const edits = created.map((c, i) => phone.update(c.recordId, { title: `Judul ${i}` }, {}));
    const hundred = await counted(() => push(app, 'innoA', [...created, ...edits]));
    expect(hundred.result.results.filter((r) => r.status === 'applied')).toHaveLength(100);

    expect({ one: one.flights, hundred: hundred.flights }).toEqual({ one: 3, hundred: 3 });
  });

  it('edits typed on while the last push was on the wire cost one more, however many', async () => {
    const phone = new Device('phone-trips-0003', 'innoA');
    const created = (
      await push(
        app,
        'innoA',
        Array.from({ length: 10 }, () => phone.create(draftBody(UNIT_A))),
      )
    ).results.map((r) => {
      if (r.status !== 'applied' || !('record' in r)) throw new Error('not applied');
      return r.record;
    });
    await push(
      app,
      'innoA',
      created.map((r) => phone.update(r.id, { title: 'Judul pertama' }, r.fieldVersions)),
    );
    // The next edits were made before that push's answer came back: their bases are behind the stored titles.
    const behind = await counted(() =>
      push(
        app,
        'innoA',
        created.map((r) => phone.update(r.id, { title: 'Judul kedua' }, r.fieldVersions)),
      ),
    );
    expect(behind.result.results.map((r) => r.status)).toEqual(Array(10).fill('applied'));
    expect(behind.flights).toBe(4);
  });

  it('a pull costs two: its account and its page', async () => {
    const { flights, result } = await counted(() => pull(app, 'coord', 0));
    expect(result.records.length).toBeGreaterThan(0);
    expect(flights).toBe(2);
  });

  it('a push sent again is answered from what was stored, in as many', async () => {
    const phone = new Device('phone-trips-0002', 'innoA');
    const change = phone.create(draftBody(UNIT_A));
    await push(app, 'innoA', [change]);
    const again = await counted(() => push(app, 'innoA', [change]));
    expect(again.result.results.map((r) => r.status)).toEqual(['applied']);
    expect(again.flights).toBeLessThanOrEqual(3);
  });
});
