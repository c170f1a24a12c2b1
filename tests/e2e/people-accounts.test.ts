/**
 * End to end in Chromium, a regency set up as a Bagian Organisasi runs it (issue #13), on 360 px phones:
 * the coordinator imports 30 units and 50 accounts from an XLSX file (importing it again changes nothing) and
 * resets the password an innovator forgot; the facilitator signs in with the one-time password from the import,
 * must choose their own, and records a session with participants picked from the people list and a follow-up
 * owned by the innovator; the innovator signs in with the reset password, marks that follow-up done and cannot
 * change the session's notes. The server ends with the follow-up done and the notes as the facilitator wrote them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startE2e, type E2e, type TestServer } from './fixture';
import { AppShell } from './pages';
import { writeRegencyXlsx } from '../factories/import-files';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';

const SHOTS = process.env.E2E_SHOTS ?? join(tmpdir(), 'rintis-e2e-shots');
mkdirSync(SHOTS, { recursive: true });
const COORDINATOR = 'admin@uji.go.id';
const FACILITATOR = 'pegawai10@luwutimur.go.id';
const INNOVATOR = 'pegawai11@luwutimur.go.id';
const NOTES = 'Posyandu keliling dibahas bersama kader; data balita belum lengkap.';

describe('people, accounts and units as a regency runs them, in Chromium at 360 px', () => {
  let e2e: E2e;
  let server: TestServer;
  const folder = join(tmpdir(), 'rintis-e2e-import');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'regency.xlsx');

  /** A new phone at 360 x 740, no one signed in yet. */
  async function phone(): Promise<Page> {
    return (await e2e.newPhone()).page;
  }

  /** No page wider than the phone. */
  async function fitsThePhone(page: Page): Promise<void> {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }

  /** Signs in with a one-time password and chooses an own password on the screen that insists on it. */
  async function firstSignIn(page: Page, login: string, oneTime: string, chosen: string): Promise<void> {
    await page.goto(`${server.url}/masuk`);
    await page.getByLabel('Email atau nomor HP').fill(login);
    await page.getByLabel('Kata sandi', { exact: true }).fill(oneTime);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('heading', { name: 'Buat kata sandi Anda sendiri' }).waitFor({ timeout: 30_000 });
    await fitsThePhone(page);
    await page.getByLabel('Kata sandi sementara (dari admin lokal)').fill(oneTime);
    await page.getByLabel('Kata sandi baru', { exact: true }).fill(chosen);
    await page.getByLabel('Ulangi kata sandi baru').fill(chosen);
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await page
      .getByRole('heading', { name: 'Buat kata sandi Anda sendiri' })
      .waitFor({ state: 'detached', timeout: 30_000 });
  }

  async function sessionOnServer(id: string): Promise<Record<string, unknown> | undefined> {
    const res = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: FACILITATOR, password: 'kopi pagi di pasar malili' }),
    });
    const body = (await res.json()) as { accessToken?: string; tokens?: { accessToken: string } };
    const token = body.accessToken ?? body.tokens?.accessToken;
    const pulled = await fetch(
      `${server.url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=1000`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const page = (await pulled.json()) as { records: (Record<string, unknown> & { id: string })[] };
    return page.records.find((r) => r.id === id);
  }

  beforeAll(async () => {
    e2e = await startE2e({ people: { coordinator: { name: 'Saenab', email: COORDINATOR } } });
    server = e2e.server;
    await writeRegencyXlsx(file);
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('runs the regency: import, reset, a session from the people list, a follow-up done', async () => {
    // The coordinator imports the regency's Excel file.
    const coordinator = await phone();
    const coord = new AppShell(coordinator, server.url);
    await coord.signIn(COORDINATOR);
    await coordinator.goto(`${server.url}/akun/impor`);
    await coordinator.getByLabel(/^Berkas \(\.xlsx atau \.csv/).setInputFiles(file);
    const confirm = coordinator.getByRole('button', { name: 'Impor 30 unit dan 50 akun' });
    await confirm.waitFor({ timeout: 60_000 });
    await fitsThePhone(coordinator);
    await coordinator.screenshot({ path: join(SHOTS, 'import-preview-360.png') });
    await confirm.click();
    await coordinator
      .getByText('Impor selesai: 30 unit dan 50 akun dibuat atau diubah.')
      .waitFor({ timeout: 60_000 });
    const card = (login: string) =>
      coordinator
        .getByRole('listitem')
        .filter({ hasText: `Login: ${login}` })
        .locator('code');
    const facilitatorOneTime = (await card(FACILITATOR).textContent())!.trim();
    expect(facilitatorOneTime).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await fitsThePhone(coordinator);
    await coordinator.screenshot({ path: join(SHOTS, 'import-done-360.png') });

    // The same file again changes nothing.
    await coordinator.getByRole('button', { name: 'Pilih berkas lain' }).click();
    await coordinator.getByLabel(/^Berkas \(\.xlsx atau \.csv/).setInputFiles(file);
    await coordinator
      .getByText('Tidak ada perubahan: semua unit dan akun di berkas ini sudah ada.')
      .waitFor({ timeout: 60_000 });
    await expect(coordinator.getByRole('button', { name: /^Impor \d+ unit/ }).count()).resolves.toBe(0);

    // The innovator forgot her password: the coordinator resets it.
    await coordinator.goto(`${server.url}/akun/kelola`);
    const row = coordinator.getByRole('listitem').filter({ hasText: INNOVATOR });
    await row.getByRole('button', { name: 'Atur ulang kata sandi Pegawai 11' }).click({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Ya, atur ulang' }).click();
    const told = coordinator.getByText(/^Kata sandi sementara: /);
    await told.waitFor({ timeout: 30_000 });
    const innovatorOneTime = (await told.textContent())!.replace('Kata sandi sementara:', '').trim();
    await fitsThePhone(coordinator);
    await coordinator.screenshot({ path: join(SHOTS, 'reset-password-360.png') });

    // The facilitator's first sign-in; a new session is theirs, participants come from the people list.
    const facilitator = await phone();
    await firstSignIn(facilitator, FACILITATOR, facilitatorOneTime, 'kopi pagi di pasar malili');
    const fac = new AppShell(facilitator, server.url);
    await fac.syncNow();
    await facilitator.goto(`${server.url}/sesi/baru`);
    await facilitator.getByLabel('Tempat').waitFor({ timeout: 30_000 });
    await expect(facilitator.getByLabel('Nama pendamping').inputValue()).resolves.toBe('Pegawai 10');
    await facilitator.getByLabel('Tempat').fill('Puskesmas Malili, ruang KIA');
    // The first input stored the session: it has its own address now.
    await facilitator.waitForURL(/\/sesi\/(?!baru$)[^/]+$/);
    const sessionId = new URL(facilitator.url()).pathname.split('/')[2]!;
    await facilitator.getByRole('checkbox', { name: 'Puskesmas Malili' }).check();
    await facilitator.getByRole('button', { name: 'Tambah dari daftar' }).click();
    const own = facilitator.getByRole('list', { name: 'Dari unit sesi ini' });
    await own.getByRole('checkbox', { name: /^Pegawai 11/ }).check();
    await own.getByRole('checkbox', { name: /^Pegawai 41/ }).check();
    await facilitator.getByRole('button', { name: 'Tambahkan (2)' }).click();
    await facilitator.getByRole('checkbox', { name: 'Hadir: Pegawai 11' }).waitFor();
    await facilitator.getByLabel('Catatan', { exact: true }).fill(NOTES);
    await facilitator.getByRole('button', { name: 'Tambah tindak lanjut' }).click();
    const action = facilitator.getByRole('group', { name: 'Tindak lanjut 1' });
    await action.getByLabel('Tindakan', { exact: true }).fill('Lengkapi data balita posyandu');
    await action.getByRole('button', { name: 'Pilih penanggung jawab dari daftar' }).click();
    await action.getByRole('button', { name: 'Pilih Pegawai 11' }).click();
    await expect(action.getByLabel('Penanggung jawab', { exact: true }).inputValue()).resolves.toBe(
      'Pegawai 11',
    );
    await facilitator.getByLabel('Tempat').focus();
    await fitsThePhone(facilitator);
    await facilitator.screenshot({ path: join(SHOTS, 'session-people-360.png'), fullPage: true });
    await fac.syncNow();
    await expect.poll(async () => (await sessionOnServer(sessionId))?.notes, { timeout: 30_000 }).toBe(NOTES);

    // The innovator signs in with the reset password, marks her follow-up done, and cannot touch the notes.
    const innovator = await phone();
    await firstSignIn(innovator, INNOVATOR, innovatorOneTime, 'sepeda biru ke pasar wotu');
    const inno = new AppShell(innovator, server.url);
    await inno.syncNow();
    await innovator.goto(`${server.url}/sesi/${sessionId}`);
    const notes = innovator.getByLabel('Catatan', { exact: true });
    await notes.waitFor({ timeout: 30_000 });
    await expect(notes.inputValue()).resolves.toBe(NOTES);
    expect(await notes.isEditable()).toBe(false);
    const mine = innovator.getByRole('group', { name: 'Tindak lanjut 1' });
    await mine.getByRole('checkbox', { name: 'Sudah selesai' }).check();
    await fitsThePhone(innovator);
    await innovator.screenshot({ path: join(SHOTS, 'followup-done-innovator-360.png'), fullPage: true });
    await inno.syncNow();
    await expect
      .poll(
        async () => {
          const session = (await sessionOnServer(sessionId)) as
            | { actions: Record<string, { status: string; ownerId?: string | null }>; notes: string }
            | undefined;
          return (
            session && { notes: session.notes, statuses: Object.values(session.actions).map((a) => a.status) }
          );
        },
        { timeout: 30_000 },
      )
      .toEqual({ notes: NOTES, statuses: ['selesai'] });
  }, 600_000);
});
