/**
 * The end-to-end fixture: one way to build the app, start the real server, open Debian's Chromium and sign people
 * in. A test file starts it in `beforeAll` and closes it in `afterAll`:
 *
 *     e2e = await startE2e({ people: { innovator: { name: 'Sari', email: 'inovator@uji.go.id', unit: UNIT } } });
 *     const phone = await e2e.newPhone({ role: 'innovator', view: DraftPage }); // signed in, 360 x 740
 *
 * `startE2e` reuses the build in ./dist (`npm run build`; one is made when it is missing), runs the server from
 * its TypeScript sources on a free port with a throwaway data folder (PGlite), makes the tenant and the accounts
 * with the admin command, launches Chromium, and `close()` ends all of it. The tests that need a server or a
 * build of their own (update, production, install-release, the PWA's installability) use the building blocks
 * below: `buildApp`, `startServer`, `startNodeServer`, `launchBrowser`, `newContext`, `launchProfile`.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { AppShell, PASSWORD } from './pages';
import { aDraftBody } from '../factories';
import { flattenBody } from '../../src/shared/fieldPaths';
import { PROTOCOL_VERSION, type PushResponse } from '../../src/shared/protocol';
import type { RoleName } from '../../src/shared/roles';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/**
 * Chromium 156 loads its omnibox popup (a WebUI page of ~400 modules, "WebUI Top Renderer") for every new window,
 * headless too: about 0.6 s of CPU on these 2 cores during each measured page load. An installed app's window has
 * no omnibox, so neither the benches nor the tests should pay for one.
 */
export const OMNIBOX_WEBUI_FEATURES = [
  'PreloadTopChromeWebUI',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
];

/**
 * One `--disable-features` switch with a launcher's own list and ours: Chromium honours only the last such switch
 * on its command line, so a second one would silently drop the launcher's.
 */
export function disableFeaturesSwitch(launcherDefaults: readonly string[]): string {
  return `--disable-features=${[...new Set([...launcherDefaults, ...OMNIBOX_WEBUI_FEATURES])].join(',')}`;
}

/** The features the installed playwright-core disables, read from its bundle (it exports no list). */
export function playwrightDisabledFeatures(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const bundle = readFileSync(join(root, 'lib', 'coreBundle.js'), 'utf8');
  const list = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle)?.[1];
  const names = [...(list ?? '').matchAll(/^\s*"(\w+)",?\s*$/gm)].map((m) => m[1]!);
  if (names.length < 5)
    throw new Error("playwright-core's disabled features not found: update disableFeaturesSwitch");
  return names;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** What Playwright launches Chromium with: ours, and one --disable-features switch with Playwright's list. */
export const PLAYWRIGHT_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  disableFeaturesSwitch(playwrightDisabledFeatures()),
];
export { PASSWORD };
/** A cheap Android phone's screen. */
export const PHONE = { width: 360, height: 740 };

// ---------------------------------------------------------------------------------------------------- the build

const BUILD_ROOT = join(ROOT, 'node_modules', '.cache', 'rintis-e2e');
const builds = new Map<string, string>();

/**
 * A production build of the app with `VITE_APP_VERSION=version`, into its own folder, built once per process.
 * `base` deploys on top of an earlier build's folder, as a server would (its hashed assets stay for old tabs).
 */
export function buildApp(version: string, opts: { base?: string } = {}): string {
  const key = `${version}@${opts.base ?? ''}`;
  const cached = builds.get(key);
  if (cached) return cached;
  mkdirSync(BUILD_ROOT, { recursive: true });
  // Builds of earlier runs (over an hour old) are dropped so the cache folder does not grow run after run.
  for (const name of readdirSync(BUILD_ROOT)) {
    const dir = join(BUILD_ROOT, name);
    if (Date.now() - statSync(dir).mtimeMs > 3_600_000) rmSync(dir, { recursive: true, force: true });
  }
  const outDir = mkdtempSync(join(BUILD_ROOT, `${version}-`));
  if (opts.base) cpSync(opts.base, outDir, { recursive: true });
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir],
    {
      cwd: ROOT,
      // NODE_ENV is 'test' under Vitest: a build must be a production build (no dev mode, minified worker).
      env: {
        ...process.env,
        NODE_ENV: 'production',
        VITE_APP_VERSION: version,
        VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
      },
      encoding: 'utf8',
    },
  );
  if (res.status !== 0) throw new Error(`vite build failed for ${version}:\n${res.stdout}\n${res.stderr}`);
  builds.set(key, outDir);
  return outDir;
}

/** The build `npm run build` made in ./dist, or a fresh one when it is missing. */
export function currentBuild(): string {
  const dist = join(ROOT, 'dist');
  return existsSync(join(dist, 'sw.js')) ? dist : buildApp('e2e');
}

// --------------------------------------------------------------------------------------------- server processes

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface HealthAnswer {
  status: 'ok' | 'degraded';
  database: { kind: 'pglite' | 'postgres'; reachable: boolean };
  version: string;
}

/**
 * Polls `<url>/api/health` until it answers 200; throws with `describe()`'s text (the server's output) when
 * `exited()` says the process is gone, or after `timeoutMs`.
 */
export async function waitForHealth(
  url: string,
  opts: { exited?: () => boolean; describe?: () => string; timeoutMs?: number } = {},
): Promise<HealthAnswer> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (opts.exited?.()) throw new Error(`server exited:\n${opts.describe?.() ?? ''}`);
    const res = await fetch(`${url}/api/health`).catch(() => undefined);
    if (res?.ok) return (await res.json()) as HealthAnswer;
    if (Date.now() > deadline) throw new Error(`no health answer from ${url}:\n${opts.describe?.() ?? ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export interface NodeServer {
  url: string;
  /** What it printed so far (standard output and error). */
  output(): string;
  /** SIGTERM, as systemd stops it; waits up to 5 s for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` on 127.0.0.1:`port` (settings only from `env`, as production runs it) and waits until its
 * health check answers. `args` is the bundled server (`dist-server/main.js`) or tsx with the server's sources.
 */
export async function startNodeServer(
  args: string | string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; port: number },
): Promise<NodeServer> {
  const child = spawn(process.execPath, typeof args === 'string' ? [args] : args, {
    cwd: opts.cwd,
    env: { ...opts.env, PORT: String(opts.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const server: NodeServer = {
    url: `http://127.0.0.1:${opts.port}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  try {
    await waitForHealth(server.url, {
      exited: () => child.exitCode !== null,
      describe: () => output,
    });
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** Runs the admin command; `input` goes to its standard input (where it reads a password, never from arguments). */
function admin(dataDir: string, args: string[], input?: string): string {
  const res = spawnSync(process.execPath, [TSX, 'src/server/admin.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    ...(input ? { input } : {}),
  });
  if (res.status !== 0) throw new Error(`admin ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

export interface Account {
  name: string;
  email: string;
  role: RoleName;
  unit?: string;
}

/** One record creation for `TestServer.push` (values are field paths). */
export interface Creation {
  kind: string;
  id: string;
  values: Record<string, unknown>;
}

export interface TestServer {
  url: string;
  /** Where the server keeps uploaded files (FILE_DIR). */
  fileDir: string;
  /** Serves another build from the same origin (atomic symlink swap). */
  deploy(staticDir: string): void;
  /** Signs `login` in over the API and returns a fresh access token (a deliberately slow password hash). */
  signIn(login: string): Promise<string>;
  /** An access token for `login`, signed in once per server. */
  token(login: string): Promise<string>;
  /** Pushes record creations as `login` in one batch from a new device; the server's answer. */
  push(login: string, records: Creation[]): Promise<PushResponse>;
  /** Pushes one record creation as `login` and returns its id (`id`, or a new one); throws if refused. */
  seed(login: string, kind: string, values: Record<string, unknown>, id?: string): Promise<string>;
  /** The innovation draft the multi-person tests start from, made by `login` in `unitId`; returns its id. */
  seedDraft(login: string, unitId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the server from its sources (`src/server/main.ts` through tsx) on a free port, serving `staticDir` (the
 * current build by default) with a throwaway data folder (PGlite) and file folder. With `accounts`, a tenant
 * (`tenant`, "Kabupaten Uji" by default) and those accounts are made first with the admin command, each with
 * `PASSWORD`; without, it is the guest's server.
 */
export async function startServer(
  opts: { staticDir?: string; accounts?: Account[]; tenant?: string } = {},
): Promise<TestServer> {
  const work = mkdtempSync(join(tmpdir(), 'rintis-e2e-'));
  const dataDir = join(work, 'data');
  const fileDir = join(work, 'files');
  const site = join(work, 'site');
  const deploy = (dir: string) => {
    const next = join(work, `site-next-${Date.now()}`);
    symlinkSync(resolve(dir), next);
    renameSync(next, site); // rename over the old link: the swap is atomic for requests in flight
  };
  deploy(opts.staticDir ?? process.env.E2E_STATIC_DIR ?? currentBuild());
  if (opts.accounts?.length) {
    const tenantName = opts.tenant ?? 'Kabupaten Uji';
    const tenant = JSON.parse(admin(dataDir, ['create-tenant', '--name', tenantName, '--json'])) as {
      id: string;
    };
    for (const a of opts.accounts) {
      const unit = a.unit ? ['--unit', a.unit] : [];
      const who = ['--name', a.name, '--email', a.email, '--role', a.role, ...unit];
      admin(dataDir, ['create-user', '--tenant', tenant.id, ...who], `${PASSWORD}\n`);
    }
  }
  let server: NodeServer;
  try {
    server = await startNodeServer([TSX, 'src/server/main.ts'], {
      cwd: ROOT,
      port: await freePort(),
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        FILE_DIR: fileDir,
        STATIC_DIR: site,
        LOG_LEVEL: 'warn',
        AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      },
    });
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
  const url = server.url;

  async function signIn(login: string): Promise<string> {
    const res = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: PASSWORD }),
    });
    if (!res.ok) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { accessToken?: string; tokens?: { accessToken: string } };
    const token = body.accessToken ?? body.tokens?.accessToken;
    if (!token) throw new Error(`no access token in ${JSON.stringify(body)}`);
    return token;
  }

  const tokens = new Map<string, string>();
  async function token(login: string): Promise<string> {
    let known = tokens.get(login);
    if (!known) tokens.set(login, (known = await signIn(login)));
    return known;
  }

  async function push(login: string, records: Creation[]): Promise<PushResponse> {
    const deviceId = `e2e-seed-${uuidv7()}`;
    const changes = records.map((r, i) => ({
      deviceId,
      seq: i + 1,
      recordId: r.id,
      kind: r.kind,
      op: 'create',
      values: r.values,
      base: {},
      editedAt: Date.now(),
    }));
    const res = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(login)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId, changes }),
    });
    return (await res.json()) as PushResponse;
  }

  async function seed(login: string, kind: string, values: Record<string, unknown>, id = uuidv7()) {
    const pushed = await push(login, [{ kind, id, values }]);
    if (pushed.results[0]?.status !== 'applied') throw new Error(`seed refused: ${JSON.stringify(pushed)}`);
    return id;
  }

  return {
    url,
    fileDir,
    deploy,
    signIn,
    token,
    push,
    seed,
    seedDraft(login, unitId) {
      const draft = aDraftBody({ unitId, sections: { ringkasan: 'Ringkasan awal.' } });
      return seed(login, 'draft', flattenBody('draft', draft));
    },
    async close() {
      await server.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------------------------------------------ browser

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: PLAYWRIGHT_CHROMIUM_ARGS, headless: true });
}

/** A fresh profile (its own IndexedDB and service worker) on a phone's screen, in Indonesian. */
export async function newContext(
  browser: Browser,
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: opts.viewport ?? PHONE,
    locale: 'id-ID',
    serviceWorkers: 'allow',
  });
}

/** Waits until a service worker controls the page (first install claims it: clientsClaim). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
}

/** A real (non-incognito) profile in a temp folder: what Chrome's installability check and persist() need. */
export async function launchProfile(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rintis-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: PLAYWRIGHT_CHROMIUM_ARGS,
    headless: true,
    viewport: PHONE,
    locale: 'id-ID',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A photo-like JPEG (gradients and noise; 4000 x 3000 by default), made by the browser's own encoder. */
export async function cameraPhoto(page: Page, size = { w: 4000, h: 3000 }): Promise<Buffer> {
  const b64 = await page.evaluate(async ({ w, h }) => {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d')!;
    const g = ctx.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, '#6a8caf');
    g.addColorStop(0.5, '#d9c9a3');
    g.addColorStop(1, '#3f5e3a');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    const img = ctx.getImageData(0, 0, w, h);
    let s = 7;
    for (let i = 0; i < img.data.length; i += 4) {
      s = (s * 1_103_515_245 + 12_345) >>> 0;
      const n = ((s >>> 16) & 63) - 32;
      img.data[i] = Math.max(0, Math.min(255, (img.data[i] ?? 0) + n));
      img.data[i + 1] = Math.max(0, Math.min(255, (img.data[i + 1] ?? 0) + n));
      img.data[i + 2] = Math.max(0, Math.min(255, (img.data[i + 2] ?? 0) + n));
    }
    ctx.putImageData(img, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }, size);
  return Buffer.from(b64, 'base64');
}

// ------------------------------------------------------------------------------------------------- the fixture

/** The people of a test, one account per role (a role's account may be named as another job: see sync.test). */
export type People = Partial<Record<RoleName, Omit<Account, 'role'>>>;

export interface E2e {
  server: TestServer;
  browser: Browser;
  /** The app's origin. */
  url: string;
  /** The email of `role`'s account. */
  login(role: RoleName): string;
  /**
   * A new phone (its own browser profile), signed in through the form as `role`'s account or as `login` (a guest
   * when neither is given), seen through the page object `view` (AppShell by default).
   */
  newPhone<T extends AppShell = AppShell>(opts?: {
    role?: RoleName;
    login?: string;
    viewport?: { width: number; height: number };
    view?: new (page: Page, url: string) => T;
  }): Promise<T>;
  /** `newPhone({ role })`: a phone signed in as `role`. */
  signIn(role: RoleName): Promise<AppShell>;
  /** Closes every phone, the browser and the server, and deletes the data folder. */
  close(): Promise<void>;
}

/** Starts the server with `people`'s accounts (see `startServer`) and Chromium; see the top of this file. */
export async function startE2e(
  opts: { people?: People; tenant?: string; staticDir?: string } = {},
): Promise<E2e> {
  const people = opts.people ?? {};
  const accounts = (Object.entries(people) as [RoleName, Omit<Account, 'role'>][]).map(([role, a]) => ({
    ...a,
    role,
  }));
  const server = await startServer({ accounts, tenant: opts.tenant, staticDir: opts.staticDir });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.close();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  const login = (role: RoleName): string => {
    const account = people[role];
    if (!account) throw new Error(`no ${role} among this test's people`);
    return account.email;
  };
  const e2e: E2e = {
    server,
    browser,
    url: server.url,
    login,
    async newPhone<T extends AppShell = AppShell>(
      phone: Parameters<E2e['newPhone']>[0] & { view?: new (page: Page, url: string) => T } = {},
    ): Promise<T> {
      const context = await newContext(browser, { viewport: phone.viewport });
      contexts.push(context);
      const View = phone.view ?? AppShell;
      const view = new View(await context.newPage(), server.url) as T;
      const who = phone.login ?? (phone.role ? login(phone.role) : undefined);
      if (who) await view.signIn(who);
      return view;
    },
    signIn: (role) => e2e.newPhone({ role }),
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.close();
    },
  };
  return e2e;
}
