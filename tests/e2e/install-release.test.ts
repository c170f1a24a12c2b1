/**
 * deploy/install-release.sh as a regency's IT staff runs it, on a throwaway folder and PostgreSQL database: the
 * release archive `npm run release` makes is installed into `<prefix>/releases/`, its migrations run before the
 * switch, `<prefix>/current` moves to it, and the server started from there reports PostgreSQL healthy. A
 * second install of the same release, now with a restart (a small supervisor script in place of systemd),
 * switches again, serves from the new folder (with the earlier builds' app files, for tabs still running them)
 * and keeps the data. A release whose server does not start is rolled back, and the previous one serves again.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations } from '../../src/server/db/migrate';
import { createPostgresDatabase } from '../server/support/databases';
import { cleanEnv } from '../server/support/spawn';
import { ROOT, currentBuild, freePort, startNodeServer, waitForHealth } from './fixture';

const SCRIPT = join(ROOT, 'deploy/install-release.sh');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('deploy/install-release.sh: install, migrate, switch, restart, roll back', () => {
  const folder = mkdtempSync(join(tmpdir(), 'rintis-install-'));
  const prefix = join(folder, 'opt');
  const envFile = join(folder, 'rintis.env');
  const archive = join(folder, `rintis-${VERSION}.tar.gz`);
  const pidFile = join(folder, 'server.pid');
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let port = 0;
  /** The env file's settings, for the servers this test starts itself. */
  let settings: Record<string, string> = {};

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`server build failed:\n${built.stdout}\n${built.stderr}`);
    const packed = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts/make-release.mjs'), '--dist', currentBuild(), '--out', folder],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (packed.status !== 0) throw new Error(`make-release failed:\n${packed.stdout}\n${packed.stderr}`);
    database = await createPostgresDatabase();
    port = await freePort();
    settings = {
      DATABASE_URL: database.url,
      FILE_DIR: join(folder, 'files'),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    };
    writeFileSync(
      envFile,
      [
        '# the server settings, as in /etc/rintis.env',
        ...Object.entries(settings).map(([k, v]) => `${k}=${v}`),
      ].join('\n') + '\n',
    );
  }, 180_000);

  afterAll(async () => {
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      try {
        process.kill(pid, 'SIGTERM');
        for (let i = 0; i < 50; i++) {
          process.kill(pid, 0);
          await new Promise((r) => setTimeout(r, 100));
        }
      } catch {
        // Gone.
      }
    }
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  function install(release: string, ...options: string[]) {
    const run = spawnSync(
      'bash',
      [SCRIPT, release, '--prefix', prefix, '--env', envFile, '--user', userInfo().username, ...options],
      {
        encoding: 'utf8',
        timeout: 240_000,
        // The same node as this test's, and npm from its cache when it can.
        env: {
          ...process.env,
          PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
          npm_config_prefer_offline: 'true',
        },
      },
    );
    return { ...run, log: `${run.stdout}\n${run.stderr}` };
  }

  async function appliedMigrations(): Promise<string[]> {
    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        'select name from schema_migrations order by version',
      );
      return rows.map((r) => r.name);
    } finally {
      await client.end();
    }
  }

  const current = () => join(prefix, 'current');
  const admin = (...args: string[]) =>
    spawnSync(process.execPath, [join(current(), 'dist-server/admin.js'), ...args], {
      cwd: current(),
      env: cleanEnv(settings),
      encoding: 'utf8',
      timeout: 60_000,
    });

  let firstRelease = '';

  it('installs the release, migrates PostgreSQL before the switch, and the switched release serves', async () => {
    const run = install(archive, '--no-restart');
    expect(run.status, run.log).toBe(0);
    expect(run.stdout).toContain(`of ${listMigrations().length} migrations newly applied`);
    expect(run.stdout).toContain('not restarted (--no-restart)');
    // The migrations ran before `current` existed at all.
    expect(run.stdout.indexOf('newly applied')).toBeLessThan(run.stdout.indexOf('current ->'));
    expect(await appliedMigrations()).toEqual(listMigrations().map((m) => m.name));

    const link = readlinkSync(current());
    expect(link).toMatch(new RegExp(`^releases/${VERSION.replaceAll('.', '\\.')}-\\d{8}T\\d{6}Z$`));
    firstRelease = realpathSync(current());
    expect(firstRelease).toBe(join(realpathSync(prefix), link));
    for (const part of ['dist/index.html', 'dist-server/main.js', 'node_modules/pg', 'node_modules/hono'])
      expect(existsSync(join(firstRelease, part)), part).toBe(true);
    for (const devOnly of ['vite', 'svelte', 'tsx'])
      expect(existsSync(join(firstRelease, 'node_modules', devOnly)), devOnly).toBe(false);

    const server = await startNodeServer(join(current(), 'dist-server/main.js'), {
      cwd: current(),
      env: cleanEnv({ ...settings, LOG_LEVEL: 'warn' }),
      port,
    });
    try {
      const health = await waitForHealth(server.url);
      expect(health).toMatchObject({
        status: 'ok',
        database: { kind: 'postgres', reachable: true },
        version: VERSION,
      });
      const page = await fetch(`${server.url}/`);
      expect(await page.text()).toContain('<title>');
    } finally {
      await server.stop();
    }
  });

  /**
   * Another supervisor than systemd, for --restart-command: stops the server it started before, starts the
   * one in `current` in the background with the env file's settings, and returns at once.
   */
  function writeRestartScript(): string {
    const restart = join(folder, 'restart.sh');
    writeFileSync(
      restart,
      [
        'set -eu',
        `if [ -f '${pidFile}' ]; then`,
        `  pid=$(cat '${pidFile}')`,
        '  kill "$pid" 2>/dev/null || true',
        '  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done',
        'fi',
        `cd '${current()}'`,
        `set -a; . '${envFile}'; set +a`,
        `nohup '${process.execPath}' dist-server/main.js </dev/null >>'${serverLog}' 2>&1 &`,
        `echo $! > '${pidFile}'`,
      ].join('\n'),
    );
    return `bash ${restart}`;
  }
  const serverLog = join(folder, 'server.log');
  const serverOutput = () => (existsSync(serverLog) ? readFileSync(serverLog, 'utf8') : '');

  it('installs the same release again with a restart: a new folder serves, the database is kept', async () => {
    const tenant = admin('create-tenant', '--name', 'Kabupaten Pemasangan', '--json');
    expect(tenant.status, tenant.stderr).toBe(0);
    const tenantId = (JSON.parse(tenant.stdout) as { id: string }).id;
    // An earlier build that open tabs may still run, kept in the first release's dist/ as `npm run build` keeps it.
    const oldAsset = 'assets/OldScreen-e2eOld01.js';
    writeFileSync(join(firstRelease, 'dist', oldAsset), 'export const old = 1;\n');
    const historyFile = join(firstRelease, 'dist/.builds.json');
    const history: unknown[] = existsSync(historyFile) ? JSON.parse(readFileSync(historyFile, 'utf8')) : [];
    writeFileSync(
      historyFile,
      JSON.stringify([{ at: '2000-01-01T00:00:00.000Z', assets: [oldAsset] }, ...history]),
    );

    const run = install(archive, '--restart-command', writeRestartScript());
    expect(run.status, `${run.log}\n${serverOutput()}`).toBe(0);
    expect(run.stdout).toContain('database postgres is up to date');
    expect(run.stdout).toContain('done: ');
    const second = realpathSync(current());
    expect(second).not.toBe(firstRelease);
    expect(readlinkSync(current())).toBe(`releases/${second.split('/').at(-1)}`);
    expect(existsSync(firstRelease)).toBe(true);
    expect(await appliedMigrations()).toEqual(listMigrations().map((m) => m.name));

    // The restarted server is the new folder's, on the same database.
    const url = `http://127.0.0.1:${port}`;
    expect(await waitForHealth(url)).toMatchObject({
      status: 'ok',
      database: { kind: 'postgres', reachable: true },
      version: VERSION,
    });
    const pid = readFileSync(pidFile, 'utf8').trim();
    expect(realpathSync(`/proc/${pid}/cwd`)).toBe(second);
    const tenants = admin('list-tenants', '--json');
    expect(tenants.status, tenants.stderr).toBe(0);
    expect(JSON.parse(tenants.stdout)).toEqual([expect.objectContaining({ id: tenantId })]);
    // The earlier build's file came along, so an old tab still loads it.
    expect(run.stdout).toContain('files of earlier builds carried over: 1');
    const old = await fetch(`${url}/${oldAsset}`);
    expect(old.status).toBe(200);
    expect(await old.text()).toContain('export const old');
  });

  it('rolls a release whose server does not come up back to the previous one, which serves again', async () => {
    const goodRelease = realpathSync(current());
    // The same release, but its server exits at once.
    const broken = join(folder, 'broken');
    mkdirSync(broken);
    for (const part of ['dist', 'dist-server', 'package.json', 'package-lock.json'])
      cpSync(join(goodRelease, part), join(broken, part), { recursive: true });
    writeFileSync(join(broken, 'dist-server/main.js'), 'process.exit(3);\n');

    const run = install(broken, '--restart-command', writeRestartScript(), '--health-timeout', '15');
    expect(run.status, run.log).toBe(1);
    expect(run.stdout).toContain('did not come up healthy');
    expect(run.stdout).toContain('the previous release serves again');
    expect(run.stderr).toContain('rolled back');
    expect(realpathSync(current())).toBe(goodRelease);
    expect(await waitForHealth(`http://127.0.0.1:${port}`)).toMatchObject({
      status: 'ok',
      database: { kind: 'postgres', reachable: true },
    });
    const pid = readFileSync(pidFile, 'utf8').trim();
    expect(realpathSync(`/proc/${pid}/cwd`)).toBe(goodRelease);
  });
});
