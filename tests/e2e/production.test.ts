/**
 * The production install as a regency's server gets it: only the runtime dependencies (`npm ci --omit=dev`) in
 * a fresh folder, the built PWA (`dist/`) and the bundled server (`dist-server/`), run with plain `node`, no
 * TypeScript tooling. The admin command makes a tenant and a coordinator, the server starts, reports its
 * database healthy, serves the app and signs the coordinator in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, currentBuild, freePort, startNodeServer, type NodeServer } from './fixture';

const PASSWORD = 'kopi pagi di pasar malili';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The package a bare import names (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function dirBytes(dir: string): number {
  let sum = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sum += dirBytes(path);
    else if (entry.isFile()) sum += statSync(path).size;
  }
  return sum;
}

describe('production install: npm ci --omit=dev, then plain node', () => {
  const folder = mkdtempSync(join(tmpdir(), 'rintis-production-'));
  let server: NodeServer | undefined;

  beforeAll(() => {
    currentBuild();
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs')], { cwd: ROOT });
    if (built.status !== 0) throw new Error(`server build failed:\n${built.stdout}\n${built.stderr}`);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('the server bundle imports only runtime dependencies and Node built-ins', () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist-server/meta.json'), 'utf8')) as {
      outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
    };
    const builtins = new Set(builtinModules);
    const imported = new Set<string>();
    for (const output of Object.values(meta.outputs))
      for (const imp of output.imports)
        if (imp.external && !imp.path.startsWith('node:') && !builtins.has(imp.path))
          imported.add(packageOf(imp.path));
    expect(imported.size).toBeGreaterThan(5);
    for (const name of imported)
      expect(pkg.dependencies, `${name} is imported by the server`).toHaveProperty(name);
    // And nothing only the browser uses is installed on the server.
    for (const name of ['svelte', 'dexie', 'docx', 'exceljs', 'vite', 'tsx'])
      expect(pkg.dependencies).not.toHaveProperty(name);
  });

  it('installs without dev dependencies, creates the first coordinator, starts and serves', async () => {
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(ROOT, file), join(folder, file));
    const install = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: folder,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
    expect(install.stderr).not.toMatch(/EBADENGINE/);
    for (const devOnly of ['tsx', 'vite', 'svelte', 'typescript'])
      expect(existsSync(join(folder, 'node_modules', devOnly)), devOnly).toBe(false);
    const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: folder,
      encoding: 'utf8',
    });
    const packages = listed.stdout.trim().split('\n').length - 1;
    console.log(
      `[production] npm ci --omit=dev: ${packages} packages, node_modules ${(dirBytes(join(folder, 'node_modules')) / 1024 / 1024).toFixed(0)} MB`,
    );
    cpSync(currentBuild(), join(folder, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'dist-server'), join(folder, 'dist-server'), { recursive: true });

    const env = { ...process.env, DATA_DIR: join(folder, 'data'), LOG_LEVEL: 'warn' };
    const admin = (args: string[], input?: string) =>
      spawnSync(process.execPath, ['dist-server/admin.js', ...args], {
        cwd: folder,
        env,
        encoding: 'utf8',
        input: input ?? '',
        timeout: 60_000,
      });
    const tenant = admin(['create-tenant', '--name', 'Kabupaten Produksi', '--json']);
    expect(tenant.status, tenant.stderr).toBe(0);
    const tenantId = (JSON.parse(tenant.stdout) as { id: string }).id;
    const user = admin(
      [
        'create-user',
        '--tenant',
        tenantId,
        '--name',
        'Saenab',
        '--email',
        'admin@produksi.go.id',
        '--role',
        'coordinator',
      ],
      `${PASSWORD}\n`,
    );
    expect(user.status, user.stderr).toBe(0);

    server = await startNodeServer('dist-server/main.js', { cwd: folder, env, port: await freePort() });
    const url = server.url;
    const health = await fetch(`${url}/api/health`);
    expect(health.status, server.output()).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      database: { kind: 'pglite', reachable: true },
    });

    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<title>');
    const signIn = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin@produksi.go.id', password: PASSWORD }),
    });
    expect(signIn.status, await signIn.clone().text()).toBe(200);
  }, 400_000);
});
