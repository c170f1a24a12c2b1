/**
 * Graceful shutdown finishes pushes in flight (issue #7), on PostgreSQL: the server process gets SIGTERM while a
 * push of 500 changes is still arriving; the push must be answered with every change applied, the process must
 * exit 0, and every change must be in the database. (The same for a sign-in on PGlite, and event streams being
 * closed: main.test.ts.)
 */
import type { ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createUser } from '../../src/server/accounts/service';
import { migrate, openDatabase } from '../../src/server/db/index';
import { sessionTokensSchema } from '../../src/shared/api';
import { newSessionBody } from '../../src/shared/domain';
import { flattenBody } from '../../src/shared/fieldPaths';
import { PROTOCOL_VERSION, pushResponseSchema, type Change } from '../../src/shared/protocol';
import { createPostgresDatabase } from './support/databases';
import { makeFakeDist } from './support/fakeDist';
import { cleanEnv, spawnScript } from './support/spawn';
import { testPasswordHash } from './support/passwords';

const LOGIN = 'koordinator@contoh.go.id';
const PASSWORD = 'sandi-server-123';
const DEVICE = 'shutdown-device-1';

describe('SIGTERM during a push on PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let root = '';
  let child: ChildProcess;
  let stdout = '';
  let base = '';
  let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let unitId = '';

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const db = await openDatabase({ dataDir: 'unused', databaseUrl: database.url });
    await migrate(db);
    const tenant = await createTenant(db, 'Kabupaten Uji');
    unitId = uuidv7();
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
    const fake = await makeFakeDist();
    root = fake.root;
    child = spawnScript(
      'src/server/main.ts',
      [],
      cleanEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        STATIC_DIR: fake.dist,
        LOG_LEVEL: 'info',
      }),
    );
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const started = Date.now();
    while (!/http:\/\/localhost:\d+/.test(stderr)) {
      if (Date.now() - started > 60_000 || child.exitCode !== null) throw new Error(`no start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    base = `http://127.0.0.1:${/http:\/\/localhost:(\d+)/.exec(stderr)![1]}`;
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (root) await rm(root, { recursive: true, force: true });
    await database?.drop();
  });

  it(
    'answers the push with every change applied, exits 0, and every change is stored',
    { timeout: 60_000 },
    async () => {
      const signIn = await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: LOGIN, password: PASSWORD }),
      });
      const { accessToken } = sessionTokensSchema.parse(await signIn.json());
      const changes: Change[] = Array.from({ length: 500 }, (_, i) => {
        const body = { ...newSessionBody(new Date(Date.UTC(2026, 0, 5))), unitIds: [unitId] };
        body.notes = `Catatan rapat ke-${i + 1}. ${'Tim membahas antrean pendaftaran puskesmas. '.repeat(20)}`;
        const values = flattenBody('session', body as Record<string, unknown>);
        return {
          deviceId: DEVICE,
          seq: i + 1,
          recordId: uuidv7(),
          kind: 'session',
          op: 'create',
          values,
          base: Object.fromEntries(Object.keys(values).map((p) => [p, 0])),
          editedAt: Date.now(),
        };
      });
      const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: DEVICE, changes });

      // The push's body is still arriving when the signal comes.
      const answered = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${base}/api/sync/push`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(body)),
            Authorization: `Bearer ${accessToken}`,
          },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        const half = Math.floor(body.length / 2);
        req.write(body.slice(0, half));
        setTimeout(() => {
          child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(half)), 400);
        }, 300);
      });

      expect(answered.status).toBe(200);
      const response = pushResponseSchema.parse(JSON.parse(answered.body));
      expect(response.results).toHaveLength(500);
      expect(response.results.every((r) => r.status === 'applied')).toBe(true);
      expect(await exit).toEqual({ code: 0, signal: null });
      expect(stdout).toContain('"msg":"shutting down"');
      expect(stdout).toContain('"msg":"stopped"');

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM sync_records WHERE kind = 'session'`,
        );
        expect(Number(rows[0]!.n)).toBe(500);
        const processed = await client.query<{ n: string }>(
          'SELECT count(*) AS n FROM sync_processed WHERE device_id = $1',
          [DEVICE],
        );
        expect(Number(processed.rows[0]!.n)).toBe(500);
      } finally {
        await client.end();
      }
    },
  );
});
