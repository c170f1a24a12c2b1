/**
 * End to end in Chromium, real server (tus uploads to a temp FILE_DIR), two people on two phones (browser
 * contexts): the innovator attaches a camera photo to a coaching session while OFFLINE; it is compressed and kept
 * on the phone ("Hanya di perangkat ini"); when the network returns the record syncs and the photo uploads
 * ("Terunggah" only after the server's final 204). The facilitator's phone shows its thumbnail and size, and
 * downloads it on demand; the bytes match by hash.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { ROOT, cameraPhoto, currentBuild, freePort, launchBrowser, newContext } from './harness';
import { newSessionBody } from '../../src/shared/domain/factories';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';

const UNIT = '0190a000-0000-7000-8000-0000000000a6';
const PASSWORD = 'sandi-rahasia-123';

function admin(dataDir: string, args: string[]): string {
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/server/admin.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    },
  );
  if (res.status !== 0) throw new Error(`admin ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

async function signIn(page: Page, url: string, login: string): Promise<void> {
  await page.goto(`${url}/masuk`);
  await page.getByLabel('Email atau nomor HP').fill(login);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByRole('button', { name: 'Sinkronkan sekarang' }).waitFor({ timeout: 30_000 });
}

describe('attachments in Chromium: a photo taken offline reaches a second phone', () => {
  let browser: Browser;
  let child: ChildProcess;
  let work: string;
  let url: string;
  let sessionId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'rintis-e2e-att-'));
    const dataDir = join(work, 'data');
    const tenant = JSON.parse(
      admin(dataDir, ['create-tenant', '--name', 'Kabupaten Lampiran', '--json']),
    ) as {
      id: string;
    };
    for (const [role, email] of [
      ['innovator', 'inovator@lampiran.go.id'],
      ['facilitator', 'fasilitator@lampiran.go.id'],
    ] as const) {
      admin(dataDir, [
        'create-user',
        '--tenant',
        tenant.id,
        '--name',
        role,
        '--email',
        email,
        '--password',
        PASSWORD,
        '--role',
        role,
        '--unit',
        UNIT,
      ]);
    }
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    let output = '';
    child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        FILE_DIR: join(work, 'files'),
        STATIC_DIR: process.env.E2E_STATIC_DIR ?? currentBuild(),
        LOG_LEVEL: 'warn',
        AUTH_SECRET: 'e2e-attachments-secret-e2e-attachments-secret',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    // The coaching session, already on the server (made on another phone earlier).
    const res = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'inovator@lampiran.go.id', password: PASSWORD }),
    });
    const auth = (await res.json()) as { accessToken?: string; tokens?: { accessToken: string } };
    const token = auth.accessToken ?? auth.tokens?.accessToken;
    sessionId = uuidv7();
    const { participants: _p, actions: _a, ...plain } = newSessionBody(new Date(2024, 4, 2, 9, 0));
    const pushed = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: 'e2e-seed-device',
        changes: [
          {
            deviceId: 'e2e-seed-device',
            seq: 1,
            recordId: sessionId,
            kind: 'session',
            op: 'create',
            values: { ...plain, place: 'Puskesmas Wotu', unitIds: [UNIT] },
            base: {},
            editedAt: Date.now(),
          },
        ],
      }),
    });
    expect(((await pushed.json()) as { results: { status: string }[] }).results[0]?.status).toBe('applied');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('attached offline, uploaded when the network returns, thumbnail then download on the second phone', async () => {
    // The innovator's phone.
    const ctxA = await newContext(browser);
    contexts.push(ctxA);
    const a = await ctxA.newPage();
    await signIn(a, url, 'inovator@lampiran.go.id');
    await a.goto(`${url}/sesi/${sessionId}`);
    await a.getByLabel('Tempat').waitFor({ timeout: 30_000 });
    await expect.poll(() => a.getByLabel('Tempat').inputValue(), { timeout: 20_000 }).toBe('Puskesmas Wotu');
    const photo = await cameraPhoto(a);
    expect(photo.length).toBeGreaterThan(1_000_000);

    // Offline: take the photo (the camera input, as on a phone).
    await ctxA.setOffline(true);
    await a
      .locator('#session-attachment-camera')
      .setInputFiles({ name: 'absensi.jpg', mimeType: 'image/jpeg', buffer: photo });
    const item = a.getByTestId('attachment');
    await item.waitFor({ timeout: 30_000 });
    await expect.poll(() => item.getAttribute('data-state')).toBe('local');
    expect(await item.getByTestId('attachment-state').innerText()).toContain('Hanya di perangkat ini');
    // Original and stored size, both shown; the stored photo is a fraction of the original.
    const sizes = await item.getByTestId('attachment-sizes').innerText();
    expect(sizes).toMatch(/^Asli .+ MB, disimpan .+ KB$/);
    await expect.poll(() => item.locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    const sha = (await item.getAttribute('data-sha')) ?? '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    // Still offline a while later: nothing uploaded, nothing lost.
    await a.waitForTimeout(1_500);
    expect(await item.getAttribute('data-state')).toBe('local');

    // Back online: the record syncs, then the bytes upload; "Terunggah" only after the server confirmed.
    await ctxA.setOffline(false);
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 60_000 }).toBe('uploaded');
    expect(await item.getByTestId('attachment-state').innerText()).toContain('Terunggah');
    const files = readdirSync(join(work, 'files'), { recursive: true }).map(String);
    const stored = files.find((f) => f.endsWith(sha));
    expect(stored, files.join(', ')).toBeDefined();
    const storedSize = statSync(join(work, 'files', stored!)).size;
    expect(storedSize).toBeLessThan(photo.length / 3);

    // The facilitator's phone: the thumbnail and size arrive with sync; the bytes only on demand.
    const ctxB = await newContext(browser);
    contexts.push(ctxB);
    const b = await ctxB.newPage();
    await signIn(b, url, 'fasilitator@lampiran.go.id');
    await b.goto(`${url}/sesi/${sessionId}`);
    const remote = b.getByTestId('attachment');
    await remote.waitFor({ timeout: 30_000 });
    expect(await remote.getAttribute('data-sha')).toBe(sha);
    await expect.poll(() => remote.getAttribute('data-state')).toBe('remote');
    await expect.poll(() => remote.locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    const download = remote.getByRole('button', { name: /^Unduh \(.+ KB\)$/ });
    await download.click();
    await expect.poll(() => remote.getAttribute('data-state'), { timeout: 30_000 }).toBe('uploaded');
    await remote.getByRole('button', { name: /^Buka absensi\./ }).waitFor();
    // The bytes on the second phone are the stored ones (checked against the hash when downloaded, and here).
    const hashOnB = await b.evaluate(async (hash) => {
      const req = indexedDB.open(
        (await indexedDB.databases()).find((d) => d.name?.startsWith('rintis-user-'))?.name ?? '',
      );
      const db = await new Promise<IDBDatabase>((res, rej) => {
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      const row = await new Promise<{ data: ArrayBuffer } | undefined>((res, rej) => {
        const get = db.transaction('blobs').objectStore('blobs').get(hash);
        get.onsuccess = () => res(get.result as { data: ArrayBuffer } | undefined);
        get.onerror = () => rej(get.error);
      });
      db.close();
      if (!row) return null;
      const digest = await crypto.subtle.digest('SHA-256', row.data);
      return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
    }, sha);
    expect(hashOnB).toBe(sha);
  });
});
