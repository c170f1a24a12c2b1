/**
 * The coordinator's import screen at /akun/impor against the real server process: coordinators only, a file
 * too big refused before any upload, row errors as cards (sheet, row, column, message), the preview of what
 * will be created, "Impor n unit dan m akun", the one-time passwords once, and the same file again: "Tidak ada
 * perubahan". XLSX files are made in the test with exceljs.
 */
import { configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { vi, afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { locale } from '../../src/lib/i18n/index.svelte';
import ImportScreen from '../../src/ui/import/ImportScreen.svelte';
import { IMPORT_MAX_FILE_BYTES } from '../../src/shared/import';
import { csvFile, xlsxFile, XLSX_TYPE, type SheetSpec } from '../factories/import-files';
import { phone, wipe, type Phone } from './account/helpers';
import { startServer, type TestServer } from './account/server';

// Every step goes through a real server process: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

let server: TestServer;
let current: Phone | null = null;

beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(() => server.stop());

beforeEach(() => {
  localStorage.clear();
  locale.reset();
  server.online = true;
  server.requests.length = 0;
});
afterEach(async () => {
  if (current) await wipe(current, [null, server.innovator.id, server.coordinator.id]);
  current = null;
});

async function signedIn(login: string): Promise<Phone> {
  current = phone(server);
  expect(await current.session.signIn(login, server.password)).toBe(true);
  return current;
}

const regency = (tag: string): SheetSpec[] => [
  {
    name: 'Unit',
    headers: ['Nama', 'Jenis', 'Induk'],
    rows: [
      [`Dinas Kesehatan ${tag}`, 'OPD', ''],
      [`Puskesmas Malili ${tag}`, 'Puskesmas', `Dinas Kesehatan ${tag}`],
      [`Kecamatan Nuha ${tag}`, 'Kecamatan', ''],
    ],
  },
  {
    name: 'Akun',
    headers: ['Nama', 'Email', 'Telepon', 'Peran', 'Unit'],
    rows: [
      ['Siti Rahma', `siti-${tag}@contoh.go.id`, '', 'Inovator', `Puskesmas Malili ${tag}`],
      [
        'Andi Saputra',
        `andi-${tag}@contoh.go.id`,
        '',
        'Pendamping',
        `Dinas Kesehatan ${tag}; Kecamatan Nuha ${tag}`,
      ],
    ],
  },
];

const fileInput = () => screen.getByLabelText('Berkas (.xlsx atau .csv, maks. 5 MB)');

describe('importing units and accounts', () => {
  it('is for coordinators only', async () => {
    const p = await signedIn(server.innovator.login);
    render(ImportScreen, { session: p.session });
    expect(screen.getByText('Halaman ini hanya untuk admin lokal.')).toBeInTheDocument();
    expect(screen.queryByLabelText(/Berkas/)).toBeNull();
  });

  it('refuses a file over 5 MB before uploading anything', async () => {
    const p = await signedIn(server.coordinator.login);
    const user = userEvent.setup();
    render(ImportScreen, { session: p.session });
    const before = server.requests.length;
    const big = new File([new Uint8Array(IMPORT_MAX_FILE_BYTES + 1)], 'besar.xlsx', { type: XLSX_TYPE });
    await user.upload(fileInput(), big);
    expect(await screen.findByText('Berkas terlalu besar (maks. 5 MB)')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Berkas tidak dapat diimpor' })).toBeInTheDocument();
    expect(server.requests.length).toBe(before);
  });

  it('shows each bad row as a card and offers no import while errors remain', async () => {
    const p = await signedIn(server.coordinator.login);
    const user = userEvent.setup();
    render(ImportScreen, { session: p.session });
    const sheets = regency('e');
    sheets[0]!.rows.push(['Unit Aneh', 'Kantor Pos', '']);
    sheets[1]!.rows.push(['Tanpa Login', '', '', 'Inovator', '']);
    sheets[1]!.rows.push(['Salah Unit', 'salah@contoh.go.id', '', 'Inovator', 'Puskesmas Entah']);
    await user.upload(fileInput(), await xlsxFile(sheets));
    const errors = await screen.findByRole('list', { name: '3 baris bermasalah' });
    const cards = within(errors).getAllByRole('listitem');
    expect(cards.map((c) => c.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringContaining('Lembar Unit, baris 5, kolom jenis'),
      expect.stringContaining('Lembar Akun, baris 4, kolom email'),
      expect.stringContaining('Lembar Akun, baris 5, kolom unit'),
    ]);
    expect(cards[1]).toHaveTextContent('Isi email atau nomor HP');
    expect(cards[2]).toHaveTextContent('Unit tidak ditemukan: Puskesmas Entah');
    expect(screen.queryByRole('button', { name: /^Impor \d+ unit/ })).toBeNull();

    // The same messages in English.
    locale.set('en');
    expect(await screen.findByText('Sheet Akun, row 4, column email')).toBeInTheDocument();
    expect(screen.getByText('give an email or a phone number')).toBeInTheDocument();
  });

  it('previews, imports after confirming, shows the passwords once; the same file again changes nothing', async () => {
    const p = await signedIn(server.coordinator.login);
    const user = userEvent.setup();
    render(ImportScreen, { session: p.session });
    const file = await xlsxFile(regency('ok'));
    await user.upload(fileInput(), file);

    expect(
      await screen.findByText('3 unit baru, 0 unit berubah, 2 akun baru, 0 akun berubah.'),
    ).toBeInTheDocument();
    const units = screen.getByRole('list', { name: 'Unit (3)' });
    expect(within(units).getAllByRole('listitem')[1]).toHaveTextContent(/Puskesmas Malili ok\s*Baru/);
    expect(within(units).getAllByRole('listitem')[1]).toHaveTextContent('Puskesmas · baris 3');
    const accounts = screen.getByRole('list', { name: 'Akun (2)' });
    expect(within(accounts).getAllByRole('listitem')[1]).toHaveTextContent(
      'andi-ok@contoh.go.id · Pendamping · baris 3',
    );
    // Nothing written yet: only the dry run went to the server.
    expect(server.requests.filter((r) => r === 'POST /api/accounts/import')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Impor 3 unit dan 2 akun' }));
    expect(
      await screen.findByText('Impor selesai: 3 unit dan 2 akun dibuat atau diubah.'),
    ).toBeInTheDocument();
    const passwords = screen.getByRole('list', { name: 'Kata sandi sekali pakai' });
    const entries = within(passwords).getAllByRole('listitem');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toHaveTextContent('Login: siti-ok@contoh.go.id');
    expect(entries[0]!.querySelector('code')?.textContent).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(screen.getByRole('button', { name: 'Unduh daftar (CSV)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unduh daftar (Excel)' })).toBeInTheDocument();

    // The new account signs in with its one-time password.
    const password = entries[1]!.querySelector('code')!.textContent!;
    const signIn = await server.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'andi-ok@contoh.go.id', password }),
    });
    expect(signIn.status).toBe(200);

    // Again with the same file: nothing to do, nothing to confirm, and the passwords are gone from the screen.
    await user.click(screen.getByRole('button', { name: 'Pilih berkas lain' }));
    expect(screen.queryByRole('list', { name: 'Kata sandi sekali pakai' })).toBeNull();
    await user.upload(fileInput(), file);
    expect(
      await screen.findByText('Tidak ada perubahan: semua unit dan akun di berkas ini sudah ada.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Sudah ada, tidak berubah: 5')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Impor \d+ unit/ })).toBeNull();
  });

  it('reads a CSV of the kind chosen, and says when the server cannot be reached', async () => {
    const p = await signedIn(server.coordinator.login);
    const user = userEvent.setup();
    render(ImportScreen, { session: p.session });
    await user.click(screen.getByRole('radio', { name: 'Akun' }));
    server.online = false;
    const csv = csvFile({
      headers: ['nama', 'telepon', 'peran', 'unit'],
      rows: [
        ['Rina', '0812-7777-0001', 'Admin lokal', ''],
        ['Joko', '0812', 'Inovator', ''],
      ],
    });
    await user.upload(fileInput(), csv);
    expect(
      await screen.findByText('Impor butuh sambungan ke server. Coba lagi saat ada sinyal.'),
    ).toBeInTheDocument();
    // The rows checked in the browser are still shown.
    expect(screen.getByText('Lembar Akun, baris 3, kolom telepon')).toBeInTheDocument();
    expect(screen.getByText('Nomor HP tidak sah')).toBeInTheDocument();
  });
});
