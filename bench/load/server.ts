/**
 * The real server for the sync benchmark: a fresh PostgreSQL database (`rintis_bench_<random>`, dropped at the
 * end), a tenant and coordinator made with the server's own account functions, and the server running as its own
 * process, so the load generator does not share its event loop. The server is what production runs: the bundle
 * `dist-server/main.js` under `node` (as `npm start` runs it), built afresh from the tree once per bench process.
 * Run through tsx instead, its esbuild transform keeps function names by wrapping each function made at run time
 * in a `__name` call: about 0.45 ms of CPU per 100-change push that production does not spend.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { createTenant, createUser } from '../../src/server/accounts/service';
import { PasswordHasher } from '../../src/server/auth/password';
import { signAccessToken } from '../../src/server/auth/tokens';
import { migrate, openDatabase } from '../../src/server/db/index';
import { sessionTokensSchema, type SessionTokens } from '../../src/shared/api';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const SERVER_BUNDLE = fileURLToPath(new URL('../../dist-server/main.js', import.meta.url));
let bundleBuilt = false;

/**
 * What runs the server: `node dist-server/main.js`, built from the tree the first time it is asked for (so a stale
 * bundle is never measured); `BENCH_SERVER=tsx` runs `tsx src/server/main.ts` instead, to compare.
 */
function serverCommand(nodeFlags: string[]): [string, string[]] {
  if (process.env.BENCH_SERVER === 'tsx') return [TSX, [...nodeFlags, 'src/server/main.ts']];
  if (!bundleBuilt) {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'ignore' });
    bundleBuilt = true;
  }
  return [process.execPath, [...nodeFlags, SERVER_BUNDLE]];
}
export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  url: string;
  tenantId: string;
  login: string;
  password: string;
  drop(): Promise<void>;
}

/** A new database, migrated, with one tenant and its coordinator. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `rintis_bench_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  // BENCH_KEEP_DB=1 keeps it for a look at its plans afterwards (its name is printed).
  const drop = () =>
    process.env.BENCH_KEEP_DB
      ? Promise.resolve(console.log(`[bench] kept database ${name}`))
      : admin(`drop database if exists ${name} with (force)`);
  try {
    const db = await openDatabase({ dataDir: 'unused', databaseUrl: url.toString() });
    try {
      await migrate(db);
      const tenant = await createTenant(db, 'Kabupaten Luwu Timur (benchmark)');
      const login = `koordinator-${randomBytes(4).toString('hex')}@luwutimur.go.id`;
      const password = randomBytes(12).toString('base64url');
      await createUser(db, {
        tenantId: tenant.id,
        name: 'Koordinator Benchmark',
        email: login,
        phone: null,
        // The production cost, as the server process (PASSWORD_HASH_COST unset) checks it.
        passwordHash: await new PasswordHasher().hash(password),
        role: 'coordinator',
        unitIds: [],
      });
      return { url: url.toString(), tenantId: tenant.id, login, password, drop };
    } finally {
      await db.close();
    }
  } catch (err) {
    await drop();
    throw err;
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export interface ServerProcess {
  url: string;
  /** The server's AUTH_SECRET, to sign the access tokens of `phoneAccounts`. */
  authSecret: string;
  /** The last few KB the server printed (its log at LOG_LEVEL=warn): quoted when a request fails. */
  output(): string;
  /**
   * CPU time (user + system, ms) the server has used so far: its process and every process under it (`tsx` runs
   * the server in a child Node). Read from /proc (Linux), in clock ticks of 10 ms: measure over many requests.
   */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** A process's parent and its CPU time in clock ticks (utime + stime), from /proc; null when it is not there. */
function procStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start past its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    // Ended meanwhile, or not on this machine.
    return null;
  }
}

/** utime + stime (ms) of `pid` and its descendants, from /proc; 0 for a process gone meanwhile. */
function treeCpuMs(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat) stats.set(Number(name), stat);
  }
  let ticks = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const at = queue.pop()!;
    ticks += stats.get(at)?.ticks ?? 0;
    for (const [child, s] of stats) if (s.ppid === at) queue.push(child);
  }
  return ticks * (1000 / CLOCK_TICKS);
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * CPU time (ms, utime + stime from /proc) of each PostgreSQL backend now connected to the database at `url`, by
 * pid (pg_stat_activity); empty when PostgreSQL runs on another machine. Background processes (WAL writer,
 * checkpointer, autovacuum) are not counted: what is read is the work of the server's connections.
 */
export async function databaseCpuMs(url: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      const stat = procStat(pid);
      if (stat) cpu.set(pid, stat.ticks * (1000 / CLOCK_TICKS));
    }
    return cpu;
  } finally {
    await client.end();
  }
}

/** The CPU time the backends used between two readings of `databaseCpuMs` (a backend new since counts from 0). */
export const databaseCpuSince = (before: Map<number, number>, after: Map<number, number>): number =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

/** The server (see `serverCommand`) on the database, serving `staticDir`; resolves once /api/health answers. */
export async function startServerProcess(
  databaseUrl: string,
  staticDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    STATIC_DIR: staticDir,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const authSecret = env.AUTH_SECRET!;
  delete env.DATA_DIR;
  delete env.CORS_ORIGINS;
  // BENCH_NODE_FLAGS: extra Node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const nodeFlags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const [command, args] = serverCommand(nodeFlags);
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const keep = (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    authSecret,
    output: () => stderr,
    cpuMs: () => treeCpuMs(child.pid!),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function signIn(url: string, login: string, password: string): Promise<SessionTokens> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!res.ok) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
  return sessionTokensSchema.parse(await res.json());
}

/** One more tenant in the bench's database (as the accounts service makes it); returns its id. */
export async function benchTenant(bench: BenchDatabase, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  try {
    const id = uuidv7();
    await client.query('INSERT INTO tenants (id, name) VALUES ($1, $2)', [id, name]);
    return id;
  } finally {
    await client.end();
  }
}

/**
 * Access tokens of `count` new accounts of the bench's tenant (or `tenantId`), one per simulated phone, as in the field where each
 * phone is a person (the server bounds one account's pushes running at once: src/server/sync/pushQueue.ts). The
 * accounts are written straight to the database and their tokens signed with the server's secret: thousands of
 * sign-ins would only measure password hashing.
 */
export async function phoneAccounts(
  bench: BenchDatabase,
  server: ServerProcess,
  count: number,
  role: 'coordinator' | 'facilitator',
  unitIds: string[] = [],
  tenantId: string = bench.tenantId,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  try {
    const ids = Array.from({ length: count }, () => uuidv7());
    await client.query(
      `INSERT INTO users (id, tenant_id, name, email, role, unit_ids, password_hash)
       SELECT id, $2, 'Telepon ' || n, id || '@bench.rintis.local', $3, $4::text[], 'unused'
         FROM unnest($1::text[]) WITH ORDINALITY AS x(id, n)`,
      [ids, tenantId, role, unitIds],
    );
    return await Promise.all(
      ids.map(async (userId) => (await signAccessToken(server.authSecret, { userId, tenantId })).token),
    );
  } finally {
    await client.end();
  }
}
