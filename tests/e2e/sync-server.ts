/**
 * A real sync server for end-to-end tests with several people: a tenant and accounts made with the admin CLI, the
 * server on a free port and a throwaway data folder, sign-in over the API, and a draft seeded through a real
 * push (as if made on another phone earlier).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { ROOT, currentBuild, freePort } from './harness';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { flattenBody } from '../../src/shared/fieldPaths';
import { aDraftBody } from '../factories';

export const PASSWORD = 'sandi-rahasia-123';

/** Runs the admin command; `input` goes to its standard input (where it reads a password, never from arguments). */
function admin(dataDir: string, args: string[], input?: string): string {
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/server/admin.ts', ...args],
    { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', ...(input ? { input } : {}) },
  );
  if (res.status !== 0) throw new Error(`admin ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

export interface SyncServer {
  url: string;
  /** Where the server keeps uploaded files (FILE_DIR). */
  fileDir: string;
  signIn(login: string): Promise<string>;
  /** Pushes one record creation as `login` (values are field paths) and returns its id (`id`, or a new one). */
  seed(login: string, kind: string, values: Record<string, unknown>, id?: string): Promise<string>;
  /** The innovation draft the multi-person tests start from, made by `login` in `unitId`; returns its id. */
  seedDraft(login: string, unitId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startSyncServer(
  accounts: { name: string; email: string; role: string; unit?: string }[],
  options: { tenant?: string } = {},
): Promise<SyncServer> {
  const work = mkdtempSync(join(tmpdir(), 'rintis-e2e-server-'));
  const dataDir = join(work, 'data');
  const fileDir = join(work, 'files');
  const tenantName = options.tenant ?? 'Kabupaten Uji';
  const tenant = JSON.parse(admin(dataDir, ['create-tenant', '--name', tenantName, '--json'])) as {
    id: string;
  };
  for (const a of accounts) {
    admin(
      dataDir,
      [
        'create-user',
        '--tenant',
        tenant.id,
        '--name',
        a.name,
        '--email',
        a.email,
        '--role',
        a.role,
        ...(a.unit ? ['--unit', a.unit] : []),
      ],
      `${PASSWORD}\n`,
    );
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/server/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        FILE_DIR: fileDir,
        STATIC_DIR: process.env.E2E_STATIC_DIR ?? currentBuild(),
        LOG_LEVEL: 'warn',
        AUTH_SECRET: 'e2e-comments-secret-e2e-comments-secret',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }

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
  async function seed(
    login: string,
    kind: string,
    values: Record<string, unknown>,
    id = uuidv7(),
  ): Promise<string> {
    // One sign-in per person: each is a deliberately slow password hash.
    let token = tokens.get(login);
    if (!token) tokens.set(login, (token = await signIn(login)));
    const deviceId = `e2e-seed-${uuidv7()}`;
    const res = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId,
        changes: [
          { deviceId, seq: 1, recordId: id, kind, op: 'create', values, base: {}, editedAt: Date.now() },
        ],
      }),
    });
    const pushed = (await res.json()) as { results: { status: string }[] };
    if (pushed.results[0]?.status !== 'applied') throw new Error(`seed refused: ${JSON.stringify(pushed)}`);
    return id;
  }

  return {
    url,
    fileDir,
    signIn,
    seed,
    seedDraft(login, unitId) {
      return seed(
        login,
        'draft',
        flattenBody('draft', aDraftBody({ unitId, sections: { ringkasan: 'Ringkasan awal.' } })),
      );
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** One person's browser tab on the sync server: sign in through the form, open a draft, sync now. */
export class SyncTab {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  /** The header's sync state (one icon and word); it opens the details with "Sinkronkan sekarang". */
  get syncChip() {
    return this.page.getByTestId('sync-chip');
  }

  /** What the sync state says in full (the chip's accessible name): "Luring — 2 perubahan menunggu". */
  async headline(): Promise<string> {
    return (await this.syncChip.getAttribute('aria-label')) ?? '';
  }

  async signIn(login: string): Promise<void> {
    await this.page.goto(`${this.url}/masuk`);
    await this.page.getByLabel('Email atau nomor HP').fill(login);
    await this.page.getByLabel('Kata sandi').fill(PASSWORD);
    await this.page.getByRole('button', { name: 'Masuk', exact: true }).click();
    // The chip shows the sync state once sync runs for the signed-in account.
    await this.page.locator('[data-testid="sync-chip"][data-state]').waitFor({ timeout: 30_000 });
  }

  async openDraft(id: string): Promise<void> {
    await this.page.goto(`${this.url}/rancangan/${id}`);
    await this.section('ringkasan').waitFor({ timeout: 30_000 });
  }

  section(key: string) {
    return this.page.locator(`#section-${key}`);
  }

  /** Opens the sync details, taps "Sinkronkan sekarang", waits for the sync to finish and closes them again. */
  async syncNow(): Promise<void> {
    const details = this.page.locator('#sync-details');
    if (!(await details.isVisible())) await this.syncChip.click();
    await details.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await details.getByRole('button', { name: 'Sinkronkan sekarang' }).waitFor();
    await this.page.locator('[data-testid="sync-chip"][data-phase="idle"]').waitFor({ timeout: 30_000 });
    await details.getByRole('button', { name: 'Tutup' }).click();
  }
}
