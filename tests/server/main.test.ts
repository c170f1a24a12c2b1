/**
 * The real server process (src/server/main.ts under tsx) on a real socket: config from the environment, the URL
 * it prints, the app and API it serves, JSON logs with request ids, and a graceful SIGTERM that lets a request
 * in flight finish, closes event streams, releases the data folder and exits 0.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { createTenant, createUser } from '../../src/server/accounts/service';
import { migrate, openDatabase } from '../../src/server/db/index';
import { sessionTokensSchema } from '../../src/shared/api';
import { FAKE_INDEX, makeFakeDist } from './support/fakeDist';
import { cleanEnv, spawnScript } from './support/spawn';
import { testPasswordHash } from './support/passwords';

const LOGIN = 'koordinator@contoh.go.id';
const PASSWORD = 'sandi-server-123';

function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

describe('server process on a real socket', () => {
  let root: string;
  let dataDir: string;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let base = '';
  let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  beforeAll(async () => {
    const fake = await makeFakeDist();
    root = fake.root;
    dataDir = join(root, 'pglite');
    // Seed the account in-process, then hand the folder to the server (one process per PGlite folder).
    const db = await openDatabase({ dataDir });
    await migrate(db);
    const tenant = await createTenant(db, 'Kabupaten Uji');
    await createUser(db, {
      tenantId: tenant.id,
      name: 'Koordinator',
      email: LOGIN,
      phone: null,
      passwordHash: await testPasswordHash(PASSWORD),
      role: 'coordinator',
      unitIds: [],
    });
    await db.close();

    child = spawnScript(
      'src/server/main.ts',
      [],
      cleanEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: fake.dist, LOG_LEVEL: 'info' }),
    );
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await waitFor(() => /http:\/\/localhost:\d+/.test(stderr), 'the printed URL');
    base = `http://127.0.0.1:${/http:\/\/localhost:(\d+)/.exec(stderr)![1]}`;
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  it('prints where to open the app and serves it with the API', async () => {
    expect(stderr).toContain('Rintis berjalan / is running: http://localhost:');
    const health = await fetch(`${base}/api/health`);
    // The phone corrects its clock from this header (src/lib/account/api.ts).
    expect(Date.parse(health.headers.get('Date') ?? '')).toBeGreaterThan(0);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      database: { kind: 'pglite', reachable: true },
    });
    const page = await fetch(`${base}/draf/123`, { headers: { Accept: 'text/html' } });
    expect(await page.text()).toBe(FAKE_INDEX);
    expect(existsSync(join(dataDir, 'rintis.lock'))).toBe(true);
  });

  it('writes one JSON log line per request, with its own request id (not the one the client sent)', async () => {
    const res = await fetch(`${base}/api/health`, { headers: { 'X-Request-Id': 'uji-log-123' } });
    const id = res.headers.get('X-Request-Id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => stdout.includes(id), 'the log line');
    expect(stdout).not.toContain('uji-log-123');
    const line = stdout.split('\n').find((l) => l.includes(id))!;
    expect(JSON.parse(line)).toMatchObject({
      reqId: id,
      method: 'GET',
      path: '/api/health',
      status: 200,
    });
  });

  it(
    'on SIGTERM finishes the request in flight, closes event streams, and exits 0',
    { timeout: 60_000 },
    async () => {
      const signIn = await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: LOGIN, password: PASSWORD }),
      });
      const tokens = sessionTokensSchema.parse(await signIn.json());

      // A live event stream stays open until the server closes it.
      const events = await fetch(`${base}/api/sync/events`, {
        headers: { Authorization: `Bearer ${tokens.accessToken}`, Accept: 'text/event-stream' },
      });
      expect(events.status).toBe(200);
      const reader = events.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toContain('ready');
      const streamEnded = (async () => {
        try {
          while (!(await reader.read()).done);
        } catch {
          // A cut connection ends the stream too.
        }
        return true;
      })();

      // A request whose body is still arriving when the signal comes: it must be answered, not cut.
      const body = JSON.stringify({ login: LOGIN, password: PASSWORD });
      const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${base}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => {
          child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(10)), 400);
        }, 400);
      });

      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(JSON.parse(answered.body)).toHaveProperty('accessToken');
      expect(await streamEnded).toBe(true);
      expect(await exit).toEqual({ code: 0, signal: null });
      expect(stdout).toContain('"msg":"stopped"');
      expect(existsSync(join(dataDir, 'rintis.lock'))).toBe(false);
      await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    },
  );
});
