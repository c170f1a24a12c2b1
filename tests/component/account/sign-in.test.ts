/**
 * Sign-in against the real server (its own process, in-memory PGlite): Indonesian validation messages, the
 * server's wrong-password and rate-limit answers, the offline first sign-in, reopening offline after one online
 * sign-in, token refresh with rotation, and "Masuk lagi" when the refresh token was revoked.
 */
import { configure, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { vi, afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newDraftBody } from '../../../src/shared/domain/factories';
import { DEFAULT_PROPOSAL_TEMPLATE_KEY, latestProposalTemplate } from '../../../src/shared/templates';
import { locale } from '../../../src/lib/i18n/index.svelte';
import AccountMenu from '../../../src/ui/shell/AccountMenu.svelte';
import SignInScreen from '../../../src/ui/account/SignInScreen.svelte';
import { phone, reopen, wipe, type Phone } from './helpers';
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

function newPhone(): Phone {
  current = phone(server);
  return current;
}

async function fillAndSubmit(login: string, password: string) {
  const user = userEvent.setup();
  const loginField = screen.getByLabelText('Email atau nomor HP');
  await user.clear(loginField);
  if (login) await user.type(loginField, login);
  if (password) await user.type(screen.getByLabelText('Kata sandi'), password);
  await user.click(screen.getByRole('button', { name: 'Masuk' }));
}

const template = latestProposalTemplate(DEFAULT_PROPOSAL_TEMPLATE_KEY)!;

describe('sign-in form', () => {
  it('shows Indonesian field messages and sends nothing while the form is invalid', async () => {
    const { session } = newPhone();
    render(SignInScreen, { session, onSignedIn: () => {} });
    await fillAndSubmit('', '');
    expect(screen.getByText('Isi email atau nomor HP')).toBeInTheDocument();
    expect(screen.getByText('Isi kata sandi')).toBeInTheDocument();
    expect(screen.getByLabelText('Email atau nomor HP')).toHaveAttribute('aria-invalid', 'true');

    await fillAndSubmit('budi', 'x');
    expect(screen.getByText('Email atau nomor HP tidak sah')).toBeInTheDocument();
    expect(screen.queryByText('Isi kata sandi')).toBeNull();
    expect(server.requests).toEqual([]);
  });

  it('shows the server’s wrong-password message, in English too', async () => {
    const { session } = newPhone();
    render(SignInScreen, { session, onSignedIn: () => {} });
    await fillAndSubmit(server.coordinator.login, 'bukan-sandinya');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Email/nomor HP atau kata sandi salah, atau akun tidak aktif. Hubungi admin lokal.',
    );
    expect(server.requests).toEqual(['POST /api/auth/sign-in']);
    expect(session.signedIn).toBe(false);

    locale.set('en');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Wrong email/phone number or password, or the account is not active. Ask your local admin.',
    );
  });

  it('says how long to wait when the server rate-limits sign-in', async () => {
    const { session } = newPhone();
    render(SignInScreen, { session, onSignedIn: () => {} });
    // Five failures for one login: the next attempt waits (a delay that grows from 1 minute, not a lock).
    for (let i = 0; i < 5; i++) await session.signIn('tamu.lain@contoh.go.id', `salah-${i}`);
    await fillAndSubmit('tamu.lain@contoh.go.id', 'salah-lagi');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Terlalu banyak percobaan masuk. Coba lagi dalam 1 menit.',
    );
  });

  it('takes a busy server (503) like a dropped connection: says when to try again, keeps what was typed, the next tap gets in', async () => {
    // What the server answers when every password-hashing turn is taken (HashingBusyError in src/server/app.ts).
    let busy = true;
    const busyServer: TestServer = {
      ...server,
      fetch: async (input, init) => {
        if (!busy || !input.endsWith('/api/auth/sign-in')) return server.fetch(input, init);
        server.requests.push('POST /api/auth/sign-in (busy)');
        return new Response(
          JSON.stringify({
            error: {
              code: 'busy',
              message: 'Server sedang sibuk memeriksa kata sandi. Coba lagi dalam 3 detik.',
              messageEn: 'The server is busy checking passwords. Try again in 3 seconds.',
              details: { retryAfterSeconds: 3 },
            },
          }),
          { status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': '3' } },
        );
      },
    };
    current = phone(busyServer);
    const { session } = current;
    render(SignInScreen, { session, onSignedIn: () => {} });
    await fillAndSubmit(server.innovator.login, server.password);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Server sedang sibuk. Coba masuk lagi dalam 3 detik.',
    );
    expect(session.signedIn).toBe(false);
    expect(screen.getByLabelText('Email atau nomor HP')).toHaveValue(server.innovator.login);
    expect(screen.getByLabelText('Kata sandi')).toHaveValue(server.password);
    locale.set('en');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The server is busy. Try signing in again in 3 seconds.',
    );

    busy = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(session.signedIn).toBe(true));
    expect(server.requests).toEqual(['POST /api/auth/sign-in (busy)', 'POST /api/auth/sign-in']);
  });

  it('without signal says the first sign-in needs it, whether the phone knows it is offline or not', async () => {
    const { session } = newPhone();
    render(SignInScreen, { session, onSignedIn: () => {} });
    server.online = false;
    await fillAndSubmit(server.innovator.login, server.password);
    expect(await screen.findByRole('alert')).toHaveTextContent('Masuk pertama kali butuh sinyal');
    expect(server.requests).toEqual([]);

    // navigator.onLine can say "online" on a dead network: the failed request gives the same message.
    const failing = { ...server, fetch: () => Promise.reject(new TypeError('Failed to fetch')) };
    const { session: session2 } = phone(failing, `${current!.accountsDbName}-2`);
    expect(await session2.signIn(server.innovator.login, server.password)).toBe(false);
    expect(session2.error).toEqual({ key: 'error.offlineFirstSignIn' });
    session2.close();
  });
});

describe('after one online sign-in', () => {
  it('signs in with a phone number, opens the user’s own database, and reopens offline as that user', async () => {
    const first = newPhone();
    let signedIn = false;
    render(SignInScreen, { session: first.session, onSignedIn: () => (signedIn = true) });
    await fillAndSubmit('0812-3456-7890', server.password);
    await waitFor(() => expect(signedIn).toBe(true));
    expect(first.session.user?.name).toBe('Budi Inovator');
    expect(first.workspace.store?.name).toBe(`rintis-user-${server.innovator.id}`);
    const draft = await first.workspace.requireStore().create('draft', {
      ...newDraftBody(template, null),
      title: 'Antrean daring puskesmas',
    });
    expect(draft.tenantId).toBe(server.tenantId);

    // The app is closed; later it opens with no signal at all.
    server.online = false;
    const again = reopen(server, first);
    current = again;
    await again.session.restore();
    expect(again.session.signedIn).toBe(true);
    expect(again.session.user?.name).toBe('Budi Inovator');
    expect(again.workspace.store?.name).toBe(`rintis-user-${server.innovator.id}`);
    expect((await again.workspace.requireStore().list('draft')).map((d) => d.title)).toEqual([
      'Antrean daring puskesmas',
    ]);
    // Work goes on offline; the sync engine gets the still-valid token, and null once it expired offline.
    expect(await again.session.getAccessToken()).toEqual(expect.any(String));
    again.clock.now += 16 * 60_000;
    expect(await again.session.getAccessToken()).toBeNull();
    expect(again.session.reauthRequired).toBe(false);
    expect(server.requests).toEqual(['POST /api/auth/sign-in']);
  });

  it('refreshes an expired access token with the rotated refresh token when online', async () => {
    const p = newPhone();
    expect(await p.session.signIn(server.coordinator.login, server.password)).toBe(true);
    const firstToken = await p.session.getAccessToken();
    const firstRefresh = (await p.accountsDb.get(server.coordinator.id))!.tokens!.refreshToken;

    p.clock.now += 16 * 60_000;
    const [a, b] = await Promise.all([p.session.getAccessToken(), p.session.getAccessToken()]);
    expect(a).toBe(b);
    expect(a).toEqual(expect.any(String));
    expect(firstToken).toEqual(expect.any(String));
    // Single flight: two callers, one refresh.
    expect(server.requests.filter((r) => r === 'POST /api/auth/refresh')).toHaveLength(1);
    const stored = (await p.accountsDb.get(server.coordinator.id))!.tokens!;
    expect(stored.refreshToken).not.toBe(firstRefresh);
    expect(stored.accessToken).toBe(a);

    // The new token works against a protected endpoint.
    await p.session.refreshProfile();
    expect(server.requests.at(-1)).toBe('GET /api/me');
    expect(p.session.user?.role).toBe('coordinator');
  });

  it('a phone clock two hours slow neither keeps a dead token nor refreshes too early', async () => {
    const p = newPhone();
    p.clock.now = Date.now() - 2 * 60 * 60_000;
    expect(await p.session.signIn(server.coordinator.login, server.password)).toBe(true);
    p.clock.now += 14 * 60_000;
    expect(await p.session.getAccessToken()).toEqual(expect.any(String));
    expect(server.requests).not.toContain('POST /api/auth/refresh');
    // 16 minutes later by the phone's clock the token has expired by the server's: refreshed, not reused.
    p.clock.now += 2 * 60_000;
    expect(await p.session.getAccessToken()).toEqual(expect.any(String));
    expect(server.requests).toContain('POST /api/auth/refresh');
  });

  it('another tab follows a sign-in and a sign-out (BroadcastChannel), on the same accounts database', async () => {
    const tabA = newPhone();
    await tabA.session.restore();
    const stopA = tabA.session.start();
    const tabB = phone(server, tabA.accountsDbName);
    const stopB = tabB.session.start();
    await tabB.session.restore();

    expect(await tabB.session.signIn(server.coordinator.login, server.password)).toBe(true);
    await waitFor(() => expect(tabA.session.user?.name).toBe('Sari Koordinator'));
    await waitFor(() => expect(tabA.workspace.store?.name).toBe(`rintis-user-${server.coordinator.id}`));

    await tabB.session.signOut();
    await waitFor(() => expect(tabA.session.signedIn).toBe(false));
    await waitFor(() => expect(tabA.workspace.store?.name).toBe('rintis-guest'));
    stopA();
    stopB();
    tabB.workspace.reset();
  });

  it('when the refresh token was revoked: keeps working locally, pauses sync, asks "Masuk lagi"', async () => {
    const p = newPhone();
    expect(await p.session.signIn(server.innovator.login, server.password)).toBe(true);
    render(AccountMenu, { session: p.session });
    expect(screen.getByRole('button', { name: 'Akun: Budi Inovator' })).toBeInTheDocument();

    // Revoked on the server (e.g. signed out from another device).
    const refreshToken = (await p.accountsDb.get(server.innovator.id))!.tokens!.refreshToken;
    const revoked = await server.fetch('/api/auth/sign-out', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(revoked.ok).toBe(true);

    p.clock.now += 16 * 60_000;
    expect(await p.session.getAccessToken()).toBeNull();
    expect(p.session.reauthRequired).toBe(true);
    // The account button says sync waits; its menu offers "Masuk lagi".
    const account = await screen.findByRole('button', { name: 'Akun: Budi Inovator, sinkronisasi terjeda' });
    await userEvent.click(account);
    expect(screen.getByRole('link', { name: 'Masuk lagi' })).toBeInTheDocument();
    // Still signed in to the local data: edits keep landing in the user's database and outbox.
    const store = p.workspace.requireStore();
    await store.create('draft', { ...newDraftBody(template, null), title: 'Tetap bisa menulis' });
    expect(await store.countPending()).toBe(1);

    // The state survives a restart.
    const again = reopen(server, p);
    current = again;
    await again.session.restore();
    expect(again.session.reauthRequired).toBe(true);
    expect(await again.session.getAccessToken()).toBeNull();

    // Signing in again (the form is prefilled with the user's phone) resumes sync.
    render(SignInScreen, { session: again.session, onSignedIn: () => {} });
    expect(screen.getByText(/Sesi Anda sudah berakhir/)).toBeInTheDocument();
    // The server keeps phones as 62…: that is what the profile holds and what signs in.
    const prefilled = screen.getAllByLabelText('Email atau nomor HP').at(-1)!;
    expect(prefilled).toHaveValue('6281234567890');
    expect(await again.session.signIn((prefilled as HTMLInputElement).value, server.password)).toBe(true);
    expect(again.session.reauthRequired).toBe(false);
    expect(await again.session.getAccessToken()).toEqual(expect.any(String));
    expect(await again.workspace.requireStore().countPending()).toBe(1);
  });
});
