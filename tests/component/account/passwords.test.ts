/**
 * Passwords and devices on the phone, against the real server process: the change-password form (field
 * messages, the server's refusals, offline keeping what was typed and sending on the next tap online, other
 * devices signed out, no password stored), the coordinator's reset and new account (one-time password shown
 * once, the share message), the forced change after a one-time password, and the devices list.
 */
import { Dexie } from 'dexie';
import { configure, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { vi, afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/lib/i18n/index.svelte';
import { databaseName } from '../../../src/lib/db';
import ChangePasswordForm from '../../../src/ui/account/ChangePasswordForm.svelte';
import DevicesPanel from '../../../src/ui/account/DevicesPanel.svelte';
import ManageAccountsScreen from '../../../src/ui/account/ManageAccountsScreen.svelte';
import PasswordChangeRequiredScreen from '../../../src/ui/account/PasswordChangeRequiredScreen.svelte';
import { phone, wipe, type Phone } from './helpers';
import { startServer, type TestServer } from './server';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 5_000 });

let server: TestServer;
const phones: Phone[] = [];

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
  for (const p of phones.splice(0)) await wipe(p, [null, p.session.user?.id ?? null]);
});

async function signedIn(login: string, password: string): Promise<Phone> {
  const p = phone(server);
  phones.push(p);
  expect(await p.session.signIn(login, password)).toBe(true);
  return p;
}

/** Everything the phone keeps in IndexedDB for this session, as text. */
async function storedText(p: Phone): Promise<string> {
  const dumps: string[] = [];
  for (const name of [p.accountsDbName, databaseName(p.session.user!.id)]) {
    const db = new Dexie(name);
    await db.open();
    for (const table of db.tables) dumps.push(JSON.stringify(await table.toArray()));
    db.close();
  }
  return dumps.join('\n');
}

describe('changing one’s own password', () => {
  it('checks the fields, shows the server’s refusal, keeps the typing offline, then changes it online', async () => {
    const user = userEvent.setup();
    const here = await signedIn(server.innovator.login, server.password);
    const elsewhere = await signedIn(server.innovator.login, server.password);
    render(ChangePasswordForm, { session: here.session });
    const submit = () => user.click(screen.getByRole('button', { name: 'Ganti kata sandi' }));

    await submit();
    expect(screen.getByText('Isi kata sandi sekarang')).toBeInTheDocument();
    expect(screen.getByText('Kata sandi baru minimal 10 karakter')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Kata sandi sekarang'), 'bukan-sandi-saya');
    await user.type(screen.getByLabelText('Kata sandi baru'), 'Bismillah2024!');
    await submit();
    expect(screen.getByText(/Kata sandi ini terlalu umum/)).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Kata sandi baru'));
    await user.type(screen.getByLabelText('Kata sandi baru'), 'kopi pagi di pasar');
    await user.type(screen.getByLabelText('Ulangi kata sandi baru'), 'kopi pagi di pasir');
    await submit();
    expect(screen.getByText('Kedua kata sandi baru tidak sama')).toBeInTheDocument();
    expect(server.requests).not.toContain('POST /api/auth/change-password');

    await user.clear(screen.getByLabelText('Ulangi kata sandi baru'));
    await user.type(screen.getByLabelText('Ulangi kata sandi baru'), 'kopi pagi di pasar');
    await submit();
    expect(await screen.findByRole('alert')).toHaveTextContent('Kata sandi sekarang salah');

    // No signal: said plainly, nothing sent, what was typed stays.
    await user.clear(screen.getByLabelText('Kata sandi sekarang'));
    await user.type(screen.getByLabelText('Kata sandi sekarang'), server.password);
    server.online = false;
    const sent = server.requests.length;
    await submit();
    expect(await screen.findByRole('alert')).toHaveTextContent('Perlu koneksi untuk mengganti kata sandi');
    expect(server.requests.length).toBe(sent);
    expect(screen.getByLabelText('Kata sandi sekarang')).toHaveValue(server.password);
    expect(screen.getByLabelText('Kata sandi baru')).toHaveValue('kopi pagi di pasar');
    expect(screen.getByLabelText('Ulangi kata sandi baru')).toHaveValue('kopi pagi di pasar');

    // Signal again: the next tap sends it.
    server.online = true;
    await submit();
    expect(await screen.findByRole('status')).toHaveTextContent('Kata sandi sudah diganti');
    expect(screen.getByLabelText('Kata sandi baru')).toHaveValue('');

    // This phone goes on with its fresh session; the other one is signed out and asks "Masuk lagi".
    expect(await here.session.authorized('GET', '/api/me', { schema: null })).toBeUndefined();
    expect(await elsewhere.session.getAccessToken({ forceRefresh: true })).toBeNull();
    expect(elsewhere.session.reauthRequired).toBe(true);
    // No password anywhere on the phone: not the old, not the new, not the rejected ones.
    const stored = await storedText(here);
    for (const typed of [server.password, 'kopi pagi di pasar', 'bukan-sandi-saya', 'Bismillah2024!']) {
      expect(stored).not.toContain(typed);
    }
    expect(await here.workspace.requireStore().outbox()).toEqual([]);
  });
});

describe('one-time passwords', () => {
  it('a reset shows the one-time password once with a share message; the holder must change it first', async () => {
    const user = userEvent.setup();
    const coordinator = await signedIn(server.coordinator.login, server.password);
    const shared: string[] = [];
    render(ManageAccountsScreen, {
      session: coordinator.session,
      share: async (text: string) => {
        shared.push(text);
        return 'copied' as const;
      },
    });
    const accounts = await screen.findByRole('list', { name: 'Akun' });
    const budi = () =>
      within(accounts)
        .getAllByRole('listitem')
        .find((li) => li.textContent?.includes('Budi'))!;
    await waitFor(() => expect(budi()).toBeTruthy());
    // The coordinator's own row offers no reset (the account page has "Ganti kata sandi").
    const sari = within(accounts)
      .getAllByRole('listitem')
      .find((li) => li.textContent?.includes('Sari'))!;
    expect(within(sari).queryByRole('button', { name: /Atur ulang/ })).toBeNull();

    await user.click(within(budi()).getByRole('button', { name: 'Atur ulang kata sandi Budi Inovator' }));
    expect(within(budi()).getByRole('alert')).toHaveTextContent('Semua perangkatnya akan dikeluarkan');
    await user.click(within(budi()).getByRole('button', { name: 'Ya, atur ulang' }));
    const card = await screen.findByRole('region', { name: 'Kata sandi sementara untuk Budi Inovator' });
    expect(card).toHaveTextContent('hanya ditampilkan sekali');
    const oneTimePassword = card.querySelector('code')!.textContent!;
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await waitFor(() => expect(budi()).toHaveTextContent('wajib ganti kata sandi'));

    await user.click(within(card).getByRole('button', { name: /Bagikan pesan|Salin pesan/ }));
    expect(shared).toHaveLength(1);
    expect(shared[0]).toContain('kata sandi akun Rintis Anda sudah diatur ulang');
    expect(shared[0]).toContain(`${window.location.origin}/masuk`);
    expect(shared[0]).toContain('6281234567890');
    expect(shared[0]).toContain(`Kata sandi sementara: ${oneTimePassword}`);
    expect(await within(card).findByText(/Pesan disalin/)).toBeInTheDocument();
    expect(within(card).getByLabelText('Pesan untuk dikirim')).toHaveValue(shared[0]);

    // Closed: gone from the screen for good.
    await user.click(within(card).getByRole('button', { name: 'Selesai, tutup' }));
    expect(screen.queryByText(oneTimePassword)).toBeNull();
    expect(document.body.textContent).not.toContain(oneTimePassword);

    // Budi signs in with it: only the change screen, the temporary password as the current one.
    const budiPhone = await signedIn(server.innovator.login, oneTimePassword);
    expect(budiPhone.session.mustChangePassword).toBe(true);
    render(PasswordChangeRequiredScreen, { session: budiPhone.session });
    expect(screen.getByRole('heading', { name: 'Buat kata sandi Anda sendiri' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Kata sandi sementara (dari admin lokal)'), oneTimePassword);
    await user.type(screen.getByLabelText('Kata sandi baru'), 'sandi pilihan budi sendiri');
    await user.type(screen.getByLabelText('Ulangi kata sandi baru'), 'sandi pilihan budi sendiri');
    await user.click(screen.getByRole('button', { name: 'Ganti kata sandi' }));
    await waitFor(() => expect(budiPhone.session.mustChangePassword).toBe(false));
    expect((await budiPhone.accountsDb.current())?.user.mustChangePassword).toBe(false);
    expect(await storedText(budiPhone)).not.toContain(oneTimePassword);
  });

  it('a new account gets a generated one-time password by default, shown once with its message', async () => {
    const user = userEvent.setup();
    const coordinator = await signedIn(server.coordinator.login, server.password);
    const shared: string[] = [];
    render(ManageAccountsScreen, {
      session: coordinator.session,
      share: async (text: string) => {
        shared.push(text);
        return 'shared' as const;
      },
    });
    await screen.findByRole('list', { name: 'Akun' });
    await user.type(screen.getByLabelText('Nama'), 'Rina Baru');
    await user.type(screen.getByLabelText('Email atau nomor HP'), 'rina@contoh.go.id');
    await user.click(screen.getByRole('button', { name: 'Buat akun' }));
    const card = await screen.findByRole('region', { name: 'Kata sandi sementara untuk Rina Baru' });
    const oneTimePassword = card.querySelector('code')!.textContent!;
    await user.click(within(card).getByRole('button', { name: /Bagikan pesan|Salin pesan/ }));
    expect(shared[0]).toContain('Halo Rina Baru, akun Rintis Anda sudah dibuat.');
    expect(shared[0]).toContain('Email/nomor HP: rina@contoh.go.id');
    expect(shared[0]).toContain(oneTimePassword);
    expect(await within(card).findByText('Pesan dibagikan.')).toBeInTheDocument();
    const rina = await signedIn('rina@contoh.go.id', oneTimePassword);
    expect(rina.session.mustChangePassword).toBe(true);
  });
});

describe('devices', () => {
  it('lists where one is signed in, marks this device, signs another one out', async () => {
    const user = userEvent.setup();
    const coordinator = await signedIn(server.coordinator.login, server.password);
    const other = await signedIn(server.coordinator.login, server.password);
    const third = await signedIn(server.coordinator.login, server.password);
    render(DevicesPanel, { session: coordinator.session });
    const list = await screen.findByRole('list', { name: 'Perangkat yang masuk' });
    await waitFor(() => expect(within(list).getAllByRole('listitem').length).toBeGreaterThanOrEqual(2));
    const rows = within(list).getAllByRole('listitem');
    const current = rows.filter((li) => li.textContent?.includes('perangkat ini'));
    expect(current).toHaveLength(1);
    // The test's requests come from Node's fetch: its User-Agent names no operating system.
    expect(current[0]).toHaveTextContent('di perangkat tak dikenal');
    expect(current[0]).toHaveTextContent(/Masuk .* · terakhir dipakai /);
    expect(within(current[0]!).queryByRole('button')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Keluarkan semua perangkat lain' }));
    expect(await screen.findByRole('status')).toHaveTextContent(/\d+ perangkat dikeluarkan\./);
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(screen.getByText('Hanya perangkat ini yang masuk.')).toBeInTheDocument();
    expect(await other.session.getAccessToken({ forceRefresh: true })).toBeNull();
    expect(other.session.reauthRequired).toBe(true);
    expect(await third.session.getAccessToken({ forceRefresh: true })).toBeNull();
  });
});
