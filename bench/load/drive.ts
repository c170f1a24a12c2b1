/**
 * The load test (issue #7): autocannon keeps one keep-alive connection per simulated phone (LoadDevice), each
 * alternating a push of its outbox and a pull from its cursor, against the real server process on a fresh
 * PostgreSQL database (bench/load/server.ts). Each phone is its own person, a facilitator of a unit of its tenant
 * (`phoneAccounts`); with `tenants` > 1 the phones are dealt round the tenants, each with its coordinator and
 * unit, so their pushes meet no other tenant's lock. After the run every phone sends what is still pending (as a phone
 * does when it comes back), then `verifyLoad` checks the database and a full pull against the phones' ledgers.
 */
import autocannon, { type Client } from 'autocannon';
import { uuidv7 } from 'uuidv7';
import { flattenBody } from '../../src/shared/fieldPaths';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { LoadDevice } from './loadDevice';
import {
  benchTenant,
  createBenchDatabase,
  phoneAccounts,
  signIn,
  startServerProcess,
  type BenchDatabase,
  type ServerProcess,
} from './server';
import { TextGenerator, between, rng } from './text';

export interface LoadEnvironment {
  bench: BenchDatabase;
  server: ServerProcess;
  token: string;
  unitId: string;
  close(): Promise<void>;
}

/** A unit record pushed by a coordinator of the tenant, as an import writes it; returns its id. */
async function pushUnit(serverUrl: string, token: string): Promise<string> {
  const unitId = uuidv7();
  const values = flattenBody('unit', { name: 'Puskesmas Malili', type: 'puskesmas', demo: false });
  const res = await fetch(`${serverUrl}/api/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: 'load-seeder-0',
      changes: [
        {
          deviceId: 'load-seeder-0',
          seq: 1,
          recordId: unitId,
          kind: 'unit',
          op: 'create',
          values,
          base: Object.fromEntries(Object.keys(values).map((p) => [p, 0])),
          editedAt: Date.now(),
        },
      ],
    }),
  });
  if (!res.ok) throw new Error(`unit push ${res.status}: ${await res.text()}`);
  return unitId;
}

/** A fresh database, the server process on it, a signed-in coordinator and one unit the sessions belong to. */
export async function startLoadEnvironment(staticDir: string): Promise<LoadEnvironment> {
  const bench = await createBenchDatabase();
  let server: ServerProcess | null = null;
  try {
    server = await startServerProcess(bench.url, staticDir);
    const { accessToken } = await signIn(server.url, bench.login, bench.password);
    const unitId = await pushUnit(server.url, accessToken);
    const running = server;
    return {
      bench,
      server: running,
      token: accessToken,
      unitId,
      async close() {
        await running.stop();
        await bench.drop();
      },
    };
  } catch (err) {
    await server?.stop();
    await bench.drop();
    throw err;
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** A tenant of the run: a coordinator's token (for the verifying pull), its unit and its phones. */
export interface LoadTenant {
  tenantId: string;
  token: string;
  unitId: string;
  devices: LoadDevice[];
}

export interface LoadRun {
  devices: LoadDevice[];
  tenants: LoadTenant[];
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  pushes: LatencySummary;
  pulls: LatencySummary;
  all: LatencySummary;
  /** Connection errors and timeouts (autocannon), answers other than 2xx, pushes left pending and resent. */
  errors: { connection: number; timeouts: number; non2xx: number; unreadable: number; resent: number };
  /** Changes acknowledged during the timed run (not counting the resend afterwards). */
  changesAcked: number;
}

export function summarize(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? NaN };
}

function texts(count: number): string[] {
  const gen = new TextGenerator();
  const rand = rng(7);
  return Array.from({ length: count }, () => gen.text(rand, between(rand, 8, 40)));
}

/**
 * `devices` phones, each with `sessionsPerDevice` sessions of its own, for `seconds` seconds; dealt round
 * `tenants` tenants (1: all in the environment's tenant).
 */
export async function driveLoad(
  env: LoadEnvironment,
  opts: {
    devices: number;
    seconds: number;
    sessionsPerDevice?: number;
    changesPerPush?: number;
    tenants?: number;
  },
): Promise<LoadRun> {
  const pool = texts(64);
  const tenants: LoadTenant[] = [
    { tenantId: env.bench.tenantId, token: env.token, unitId: env.unitId, devices: [] },
  ];
  for (let t = 1; t < (opts.tenants ?? 1); t++) {
    const tenantId = await benchTenant(env.bench, `Kabupaten Benchmark ${t + 1}`);
    const [token] = await phoneAccounts(env.bench, env.server, 1, 'coordinator', [], tenantId);
    tenants.push({ tenantId, token: token!, unitId: await pushUnit(env.server.url, token!), devices: [] });
  }
  const devices = Array.from({ length: opts.devices }, (_, i) => {
    const tenant = tenants[i % tenants.length]!;
    const device = new LoadDevice(
      `load-device-${String(i).padStart(3, '0')}`,
      tenant.unitId,
      pool,
      Array.from({ length: opts.sessionsPerDevice ?? 3 }, () => uuidv7()),
      opts.changesPerPush ?? 5,
    );
    tenant.devices.push(device);
    return device;
  });
  const tokenOf = new Map<LoadDevice, string>();
  for (const tenant of tenants) {
    const tokens = await phoneAccounts(
      env.bench,
      env.server,
      tenant.devices.length,
      'facilitator',
      [tenant.unitId],
      tenant.tenantId,
    );
    tenant.devices.forEach((d, i) => tokenOf.set(d, tokens[i]!));
  }
  const headersOf = (device: LoadDevice) => ({
    authorization: `Bearer ${tokenOf.get(device)!}`,
    'content-type': 'application/json',
  });
  const pushTimes: number[] = [];
  const pullTimes: number[] = [];
  let unreadable = 0;
  let next = 0;
  let timing = true;

  const setupClient = (client: Client) => {
    const device = devices[next++ % devices.length]!;
    const headers = headersOf(device);
    let kind: 'push' | 'pull' = 'push';
    client.setRequests([
      {
        method: 'POST',
        path: '/api/sync/push',
        headers,
        setupRequest: (req) => {
          kind = 'push';
          return { ...req, body: device.pushBody() };
        },
        onResponse: (status, body) => {
          if (!device.onPushAnswer(status, body) && status === 200) unreadable++;
        },
      },
      {
        method: 'GET',
        path: '/api/sync/pull',
        headers: { authorization: headers.authorization },
        setupRequest: (req) => {
          kind = 'pull';
          return { ...req, path: device.pullPath() };
        },
        onResponse: (status, body) => {
          if (!device.onPullAnswer(status, body) && status === 200) unreadable++;
        },
      },
    ]);
    client.on('response', (_status: number, _bytes: number, ms: number) => {
      if (timing) (kind === 'push' ? pushTimes : pullTimes).push(ms);
    });
  };

  const result = await autocannon({
    url: env.server.url,
    connections: opts.devices,
    duration: opts.seconds,
    timeout: 30,
    pipelining: 1,
    requests: [{ method: 'GET', path: '/api/health' }],
    setupClient,
  });
  timing = false;
  const changesAcked = devices.reduce((n, d) => n + d.acked.length, 0);

  // Answers cut off by the end of the run (or lost to a timeout): the phone sends the same batch again.
  let resent = 0;
  for (const device of devices) {
    for (let attempt = 0; device.pending && attempt < 5; attempt++) {
      resent++;
      const res = await fetch(`${env.server.url}/api/sync/push`, {
        method: 'POST',
        headers: headersOf(device),
        body: device.pushBody(),
      });
      device.onPushAnswer(res.status, await res.text());
    }
    if (device.pending) throw new Error(`${device.deviceId}: its last batch was never acknowledged`);
  }

  return {
    devices,
    tenants,
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    pushes: summarize(pushTimes),
    pulls: summarize(pullTimes),
    all: summarize([...pushTimes, ...pullTimes]),
    errors: {
      connection: result.errors - result.timeouts,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      unreadable,
      resent,
    },
    changesAcked,
  };
}
