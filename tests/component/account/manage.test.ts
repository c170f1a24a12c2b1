/**
 * The coordinator's screen at /akun/kelola against the real server process: list the tenant's accounts; units
 * come first (with none, it says to create units first and links to /unit, the one units screen); create an
 * account with a unit, validation and duplicate-login messages
 * in Indonesian, change a role and units, disable an account (its holder can no longer sign in).
 */
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { vi, afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/lib/i18n/index.svelte';
import ManageAccountsScreen from '../../../src/ui/account/ManageAccountsScreen.svelte';
import { syncOnce } from '../../../src/lib/account/sync-first';
import { phone, wipe, type Phone } from './helpers';
import { startServer, type TestServer } from './server';

// Every step goes through a real server process: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 5_000 });

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

describe('managing units and accounts', () => {
  it('is for coordinators only', async () => {
    const p = await signedIn(server.innovator.login);
    render(ManageAccountsScreen, { session: p.session });
    expect(screen.getByText('Halaman ini hanya untuk admin lokal.')).toBeInTheDocument();
    expect(server.requests).not.toContain('GET /api/accounts');
  });

  it('lists accounts, says to create units first, creates an account with a unit, edits and disables accounts', async () => {
    const p = await signedIn(server.coordinator.login);
    const user = userEvent.setup();
    render(ManageAccountsScreen, { session: p.session });
    const first = await screen.findByRole('list', { name: 'Akun' });
    await waitFor(() => expect(within(first).getAllByRole('listitem')).toHaveLength(2));
    expect(first).toHaveTextContent('Sari Koordinator');
    expect(first).toHaveTextContent('Budi Inovator');

    // No unit yet: the screen says to create units first, on the one units screen.
    expect(screen.getByTestId('units-first')).toHaveTextContent('Buat unit dulu');
    expect(screen.getAllByRole('link', { name: 'Buat unit dulu' })[0]).toHaveAttribute('href', '/unit');
    expect(screen.queryByLabelText('Nama unit')).toBeNull();
    cleanup();
    // A unit made on the units screen (a local record, queued for sync like any other) is offered here.
    const unit = await p.workspace
      .requireStore()
      .create('unit', { name: 'Puskesmas Sukamaju', type: 'puskesmas', demo: false });
    await p.workspace
      .requireStore()
      .create('unit', { name: 'Unit Lama', type: 'opd', demo: false, archived: true });
    // The units are still in the outbox: the screen sends them before the account names one.
    const sendUnitsFirst = () =>
      syncOnce(p.workspace.requireStore(), () => p.session.getAccessToken(), server.fetch);
    render(ManageAccountsScreen, { session: p.session, sendUnitsFirst });
    await screen.findByText('1 unit aktif.');
    expect(screen.getByRole('link', { name: /Kelola unit/ })).toHaveAttribute('href', '/unit');
    await waitFor(() =>
      expect(within(screen.getByRole('list', { name: 'Akun' })).getAllByRole('listitem')).toHaveLength(2),
    );
    const accounts = screen.getByRole('list', { name: 'Akun' });
    // An archived unit is not offered for a new account.
    expect(within(screen.getByRole('form', { name: 'Akun baru' })).queryByLabelText('Unit Lama')).toBeNull();

    // The create form validates with the shared schemas before sending.
    const before = server.requests.length;
    await user.type(screen.getByLabelText('Nama'), 'Dewi Fasilitator');
    await user.type(screen.getByLabelText('Email atau nomor HP'), 'dewi@');
    // A generated one-time password is the default; typing one is the other choice.
    expect(screen.getByLabelText('Buat kata sandi sementara otomatis (disarankan)')).toBeChecked();
    expect(screen.queryByLabelText('Kata sandi awal')).toBeNull();
    await user.click(screen.getByLabelText('Ketik kata sandi awal sendiri'));
    await user.type(screen.getByLabelText('Kata sandi awal'), 'pendek');
    await user.click(screen.getByRole('button', { name: 'Buat akun' }));
    expect(screen.getByText('Email tidak sah')).toBeInTheDocument();
    expect(screen.getByText('Kata sandi minimal 10 karakter')).toBeInTheDocument();
    expect(server.requests.length).toBe(before);

    await user.clear(screen.getByLabelText('Email atau nomor HP'));
    await user.type(screen.getByLabelText('Email atau nomor HP'), '0813 1111 2222');
    await user.clear(screen.getByLabelText('Kata sandi awal'));
    await user.type(screen.getByLabelText('Kata sandi awal'), 'sandi-awal-123');
    await user.selectOptions(screen.getByLabelText('Peran'), 'facilitator');
    const form = screen.getByRole('form', { name: 'Akun baru' });
    await user.click(within(form).getByLabelText('Puskesmas Sukamaju'));
    await user.click(screen.getByRole('button', { name: 'Buat akun' }));
    expect(await screen.findByText('Akun Dewi Fasilitator dibuat.')).toBeInTheDocument();
    // A typed password was seen by the coordinator already: no one-time password card.
    expect(screen.queryByText(/Kata sandi sementara untuk/)).toBeNull();
    expect(within(accounts).getAllByRole('listitem')).toHaveLength(3);
    const dewi = within(accounts)
      .getAllByRole('listitem')
      .find((li) => li.textContent?.includes('Dewi'))!;
    expect(dewi).toHaveTextContent('6281311112222 · Pendamping');
    expect(dewi).toHaveTextContent('Puskesmas Sukamaju');
    // The new account signs in with the initial password, and must choose its own first.
    const dewiPhone = phone(server);
    expect(await dewiPhone.session.signIn('081311112222', 'sandi-awal-123')).toBe(true);
    expect(dewiPhone.session.user?.unitIds).toEqual([unit.id]);
    expect(dewiPhone.session.mustChangePassword).toBe(true);
    await wipe(dewiPhone, [dewiPhone.session.user!.id]);

    // The same login twice: the server's message.
    await user.type(screen.getByLabelText('Nama'), 'Dewi Lagi');
    await user.type(screen.getByLabelText('Email atau nomor HP'), '081311112222');
    await user.click(screen.getByLabelText('Ketik kata sandi awal sendiri'));
    await user.type(screen.getByLabelText('Kata sandi awal'), 'sandi-awal-123');
    await user.click(screen.getByRole('button', { name: 'Buat akun' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Email atau nomor HP sudah dipakai akun lain');

    // Change Budi's role and units.
    const budi = () =>
      within(accounts)
        .getAllByRole('listitem')
        .find((li) => li.textContent?.includes('Budi'))!;
    await user.click(within(budi()).getByRole('button', { name: 'Ubah Budi Inovator' }));
    await user.selectOptions(within(budi()).getByLabelText('Peran'), 'viewer');
    await user.click(within(budi()).getByLabelText('Puskesmas Sukamaju'));
    await user.click(within(budi()).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Perubahan akun Budi Inovator disimpan.')).toBeInTheDocument();
    expect(budi()).toHaveTextContent('Pimpinan');
    expect(budi()).toHaveTextContent('Puskesmas Sukamaju');

    // Disable Budi: marked, and his sign-in is refused with the server's one message for every failed sign-in.
    // The row leaves its edit form once the save is answered.
    await user.click(await within(budi()).findByRole('button', { name: 'Nonaktifkan Budi Inovator' }));
    await waitFor(() => expect(budi()).toHaveTextContent('nonaktif'));
    const budiPhone = phone(server);
    expect(await budiPhone.session.signIn(server.innovator.login, server.password)).toBe(false);
    expect(budiPhone.session.error).toEqual({
      server: {
        id: 'Email/nomor HP atau kata sandi salah, atau akun tidak aktif. Hubungi admin lokal.',
        en: 'Wrong email/phone number or password, or the account is not active. Ask your local admin.',
      },
    });
    budiPhone.session.close();
    // Coordinators cannot disable themselves from here.
    const sari = within(accounts)
      .getAllByRole('listitem')
      .find((li) => li.textContent?.includes('Sari'))!;
    expect(within(sari).queryByRole('button', { name: /Nonaktifkan/ })).toBeNull();

    // Enable again so the account is usable.
    await user.click(within(budi()).getByRole('button', { name: 'Aktifkan lagi Budi Inovator' }));
    await waitFor(() => expect(budi()).not.toHaveTextContent('nonaktif'));
  });

  it('without signal says accounts need it, and links to the units screen (units work offline)', async () => {
    const p = await signedIn(server.coordinator.login);
    server.online = false;
    render(ManageAccountsScreen, { session: p.session });
    expect(await screen.findByRole('alert')).toHaveTextContent('Tidak ada sambungan');
    expect(screen.getByText(/Mengelola akun butuh sinyal/)).toHaveTextContent('di halaman Unit');
    expect(screen.getAllByRole('link', { name: 'Buat unit dulu' })[0]).toHaveAttribute('href', '/unit');
  });
});
