/**
 * Sign-out on a shared phone, against the real server process: unsynced changes are shown (count and list) and
 * the database is kept; "Ekspor dulu" produces a file with the records and the outbox; "Sinkronkan dulu" runs the
 * real sync engine; tokens and cached API answers are cleared; users' data stays apart; the guest's data moves
 * only on an explicit tap.
 */
import { configure, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { vi, afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { newDraftBody } from '../../../src/shared/domain/factories';
import { DEFAULT_PROPOSAL_TEMPLATE_KEY, latestProposalTemplate } from '../../../src/shared/templates';
import { locale } from '../../../src/lib/i18n/index.svelte';
import { openLocalStore } from '../../../src/lib/db';
import type { ExportFile } from '../../../src/lib/account/export';
import type { LocalStore } from '../../../src/lib/db/types';
import { UnsyncedChangesError } from '../../../src/lib/account/session.svelte';
import { syncOnce } from '../../../src/lib/account/sync-first';
import { router } from '../../../src/lib/router/router.svelte';
import AccountScreen from '../../../src/ui/account/AccountScreen.svelte';
import { databaseExists, phone, reopen, wipe, type Phone } from './helpers';
import { startServer, type TestServer } from './server';

// Every step goes through a real server process: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 5_000 });

let server: TestServer;
let current: Phone | null = null;
const template = latestProposalTemplate(DEFAULT_PROPOSAL_TEMPLATE_KEY)!;

beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(() => server.stop());

beforeEach(async () => {
  localStorage.clear();
  locale.reset();
  server.online = true;
  server.requests.length = 0;
  await Dexie.delete('rintis-guest');
});
afterEach(async () => {
  if (current) await wipe(current, [null, server.innovator.id, server.coordinator.id]);
  current = null;
});

/** A minimal Cache Storage (jsdom has none): enough to see what sign-out removes and what it keeps. */
function memoryCaches(): CacheStorage & { urls(): string[] } {
  const caches = new Map<string, Map<string, Response>>();
  const cacheOf = (name: string) => {
    if (!caches.has(name)) caches.set(name, new Map());
    const entries = caches.get(name)!;
    return {
      keys: async () => [...entries.keys()].map((url) => new Request(url)),
      delete: async (req: Request) => entries.delete(req.url),
      put: async (req: string, res: Response) => void entries.set(new URL(req).href, res),
    };
  };
  return {
    keys: async () => [...caches.keys()],
    open: async (name: string) => cacheOf(name),
    urls: () => [...caches.values()].flatMap((m) => [...m.keys()]),
  } as unknown as CacheStorage & { urls(): string[] };
}

/** jsdom's Blob has no `text()`; FileReader reads it as a browser would. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(blob);
  });
}

async function signedIn(login: string, caches?: CacheStorage): Promise<Phone> {
  current = phone(server, undefined, caches);
  expect(await current.session.signIn(login, server.password)).toBe(true);
  return current;
}

async function addDraft(p: Phone, title: string) {
  return p.workspace.requireStore().create('draft', { ...newDraftBody(template, null), title });
}

describe('signing out with unsynced changes', () => {
  it('"Keluar" in the header\'s account menu (/akun#keluar) starts it here, with the changes shown', async () => {
    const p = await signedIn(server.innovator.login);
    await addDraft(p, 'Antrean daring puskesmas');
    render(AccountScreen, { session: p.session, signOutDeps: { download: () => {} } });
    router.navigate('/akun#keluar');
    expect(await screen.findByText('1 perubahan belum tersinkron ke server.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Ekspor dulu' })).toHaveFocus());
    // The address loses its "#keluar", so the menu's next "Keluar" asks again.
    expect(router.hash).toBe('');
    expect(p.session.signedIn).toBe(true);
  });

  it('shows how many and which, never signs out in one tap, and keeps the database', async () => {
    const caches = memoryCaches();
    await (await caches.open('api-runtime')).put(`${server.url}/api/sync/pull?cursor=0`, new Response('{}'));
    await (await caches.open('precache')).put(`${server.url}/assets/app.js`, new Response(''));
    const p = await signedIn(server.innovator.login, caches);
    await addDraft(p, 'Antrean daring puskesmas');
    await addDraft(p, 'Posyandu keliling');
    const refreshToken = (await p.accountsDb.get(server.innovator.id))!.tokens!.refreshToken;

    // The rule is in the session, not only in the screen.
    await expect(p.session.signOut()).rejects.toBeInstanceOf(UnsyncedChangesError);
    expect(p.session.signedIn).toBe(true);

    const user = userEvent.setup();
    const view = render(AccountScreen, { session: p.session, signOutDeps: { download: () => {} } });
    await user.click(screen.getByRole('button', { name: 'Keluar' }));
    expect(await screen.findByText('2 perubahan belum tersinkron ke server.')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: '2 perubahan belum tersinkron ke server.' });
    expect(list).toHaveTextContent('Proposal: Antrean daring puskesmas');
    expect(list).toHaveTextContent('Proposal: Posyandu keliling');
    expect(screen.getByRole('button', { name: 'Ekspor dulu' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sinkronkan dulu' })).toBeInTheDocument();
    expect(p.session.signedIn).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Keluar, tetap simpan data di perangkat' }));
    await waitFor(() => expect(p.session.signedIn).toBe(false));
    expect(await screen.findByText(/Anda sudah keluar/)).toBeInTheDocument();
    // The app remounts every screen on the guest's database: the screen still says what happened.
    view.unmount();
    render(AccountScreen, { session: p.session });
    expect(screen.getByText(/Anda sudah keluar/)).toBeInTheDocument();

    // The phone is now the guest's; the user's database is still there, with its outbox.
    expect(p.workspace.store?.name).toBe('rintis-guest');
    expect(await databaseExists(`rintis-user-${server.innovator.id}`)).toBe(true);
    const kept = await openLocalStore({ userId: server.innovator.id });
    expect((await kept.list('draft')).map((d) => d.title).sort()).toEqual([
      'Antrean daring puskesmas',
      'Posyandu keliling',
    ]);
    expect(await kept.countPending()).toBe(2);
    kept.close();

    // Tokens gone from the phone and revoked on the server; cached API answers gone, app assets kept.
    expect((await p.accountsDb.get(server.innovator.id))!.tokens).toBeNull();
    expect(await p.accountsDb.current()).toBeUndefined();
    expect(server.requests).toContain('POST /api/auth/sign-out');
    const refused = await server.fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refused.status).toBe(401);
    expect(caches.urls()).toEqual([`${server.url}/assets/app.js`]);

    // Signing in again later finds the kept changes waiting.
    expect(await p.session.signIn(server.innovator.login, server.password)).toBe(true);
    expect(await p.workspace.requireStore().countPending()).toBe(2);
  });

  it('"Ekspor dulu" downloads a JSON file with the records and the outbox', async () => {
    const p = await signedIn(server.innovator.login);
    await addDraft(p, 'Antrean daring puskesmas');
    const files: ExportFile[] = [];
    const user = userEvent.setup();
    render(AccountScreen, {
      session: p.session,
      signOutDeps: { download: (f: ExportFile) => files.push(f) },
    });
    await user.click(screen.getByRole('button', { name: 'Keluar' }));
    await user.click(await screen.findByRole('button', { name: 'Ekspor dulu' }));
    await waitFor(() => expect(files).toHaveLength(1));
    const file = files[0]!;
    expect(file.filename).toMatch(
      new RegExp(`^rintis-user-${server.innovator.id}-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.json$`),
    );
    expect(screen.getByRole('status')).toHaveTextContent(`Berkas ${file.filename} sudah diunduh.`);
    const dump = JSON.parse(await readText(file.blob)) as {
      formatName: string;
      data: { databaseName: string; data: { tableName: string; rows: Record<string, unknown>[] }[] };
    };
    expect(dump.formatName).toBe('dexie');
    expect(dump.data.databaseName).toBe(`rintis-user-${server.innovator.id}`);
    const table = (name: string) => dump.data.data.find((t) => t.tableName === name)?.rows ?? [];
    expect(table('drafts').map((r) => r.title)).toEqual(['Antrean daring puskesmas']);
    expect(table('outbox')).toHaveLength(1);
    expect(table('outbox')[0]).toMatchObject({ kind: 'draft', op: 'create' });
    // No token in the file: tokens live in the accounts database.
    const token = (await p.accountsDb.get(server.innovator.id))!.tokens!.refreshToken;
    expect(await readText(file.blob)).not.toContain(token);
    // Exporting does not sign out.
    expect(p.session.signedIn).toBe(true);
  });

  it('"Sinkronkan dulu" sends the changes with the real sync engine, then signing out is a plain confirmation', async () => {
    const p = await signedIn(server.coordinator.login);
    await p.workspace
      .requireStore()
      .create('unit', { name: 'Puskesmas Maju', type: 'puskesmas', demo: false });
    const user = userEvent.setup();
    render(AccountScreen, {
      session: p.session,
      signOutDeps: {
        download: () => {},
        syncNow: (store: LocalStore) => syncOnce(store, () => p.session.getAccessToken(), server.fetch),
      },
    });
    await user.click(screen.getByRole('button', { name: 'Keluar' }));
    expect(await screen.findByText('1 perubahan belum tersinkron ke server.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sinkronkan dulu' }));
    // A real push and pull through the server process: allow it more than Testing Library's default second.
    expect(await screen.findByText(/Keluar dari akun ini\?/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(server.requests).toContain('POST /api/sync/push');
    expect(await p.workspace.requireStore().countPending()).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Keluar' }));
    await waitFor(() => expect(p.session.signedIn).toBe(false));
  });

  it('"Sinkronkan dulu" without signal says so and keeps the list', async () => {
    const p = await signedIn(server.innovator.login);
    await addDraft(p, 'Catatan lapangan');
    const user = userEvent.setup();
    render(AccountScreen, {
      session: p.session,
      signOutDeps: {
        syncNow: (store: LocalStore) => syncOnce(store, () => p.session.getAccessToken(), server.fetch),
      },
    });
    await user.click(screen.getByRole('button', { name: 'Keluar' }));
    server.online = false;
    await user.click(await screen.findByRole('button', { name: 'Sinkronkan dulu' }));
    expect(
      await screen.findByText('Tidak ada koneksi ke server', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 perubahan belum tersinkron ke server.')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Keluar, tetap simpan data di perangkat' })).toBeEnabled(),
    );
    expect(p.session.signedIn).toBe(true);
  });
});

describe('a shared phone', () => {
  it('keeps each user’s data in their own database', async () => {
    const p = await signedIn(server.innovator.login);
    await addDraft(p, 'Rancangan Budi');
    await p.session.signOut({ keepUnsyncedOnPhone: true });

    expect(await p.session.signIn(server.coordinator.login, server.password)).toBe(true);
    expect(p.workspace.store?.name).toBe(`rintis-user-${server.coordinator.id}`);
    expect(await p.workspace.requireStore().list('draft')).toEqual([]);
    await addDraft(p, 'Rancangan Sari');
    await p.session.signOut({ keepUnsyncedOnPhone: true });
    expect(await p.workspace.requireStore().list('draft')).toEqual([]);

    const again = reopen(server, p);
    current = again;
    await again.session.restore();
    expect(again.session.signedIn).toBe(false);
    expect(await again.session.signIn(server.innovator.login, server.password)).toBe(true);
    expect((await again.workspace.requireStore().list('draft')).map((d) => d.title)).toEqual([
      'Rancangan Budi',
    ]);
    expect(await again.workspace.requireStore().countPending()).toBe(1);
  });

  it('moves the guest’s drafts into the account only when the user taps the button', async () => {
    current = phone(server);
    const p = current;
    await p.session.restore();
    expect(p.workspace.store?.name).toBe('rintis-guest');
    const guestDraft = await addDraft(p, 'Catatan tamu');

    expect(await p.session.signIn(server.innovator.login, server.password)).toBe(true);
    const userStore = p.workspace.requireStore();
    // Signing in merged nothing.
    expect(await userStore.list('draft')).toEqual([]);

    const user = userEvent.setup();
    const view = render(AccountScreen, { session: p.session });
    expect(
      await screen.findByText('Ada 1 data tamu di perangkat ini yang belum masuk ke akun Anda.'),
    ).toBeInTheDocument();
    expect(await userStore.list('draft')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Pindahkan data tamu ke akun ini' }));
    expect(await screen.findByText('1 data tamu dipindahkan ke akun ini.')).toBeInTheDocument();
    const [moved] = await userStore.list('draft');
    expect(moved?.title).toBe('Catatan tamu');
    expect(moved?.id).not.toBe(guestDraft.id);
    expect(moved?.tenantId).toBe(server.tenantId);
    expect((await userStore.outbox()).map((e) => [e.recordId, e.op])).toEqual([[moved!.id, 'create']]);

    // The guest keeps its copy; the offer does not come back for this account.
    const guest = await openLocalStore({ userId: null });
    expect((await guest.list('draft')).map((d) => d.title)).toEqual(['Catatan tamu']);
    guest.close();
    view.unmount();
    render(AccountScreen, { session: p.session });
    await screen.findByRole('heading', { name: 'Akun' });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('button', { name: 'Pindahkan data tamu ke akun ini' })).toBeNull();
  });
});
