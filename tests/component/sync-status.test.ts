/**
 * The header's sync status says only what is true (the field reports: "Tersinkron" offline beside a "1"; a
 * refused unit shown as sent), a refused change is shown with its reason and choices in the header and on the
 * record, and "Tersambung kembali. Data akan disinkronkan." lasts only as long as that sync.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { uuidv7 } from 'uuidv7';
import { openLocalStore, type LocalStore } from '../../src/lib/db';
import { newSessionBody } from '../../src/shared/domain';
import { Connectivity } from '../../src/lib/pwa/connectivity.svelte';
import { registerEditor } from '../../src/lib/state/editors';
import { syncStatus } from '../../src/lib/sync/status.svelte';
import ConnectivityAnnouncement from '../../src/ui/pwa/ConnectivityAnnouncement.svelte';
import RecordSyncPanel from '../../src/ui/sync/RecordSyncPanel.svelte';
import SyncHeader from '../../src/ui/sync/SyncHeader.svelte';
import SyncStatus from '../../src/ui/sync/SyncStatus.svelte';
import { fakeSyncServer, type FakeSyncServer } from '../unit/sync/fake-server';

const ONLY_COORDINATORS = 'Hanya koordinator yang dapat mengubah unit / only coordinators can change units';

let store: LocalStore;
let server: FakeSyncServer;
const cleanups: (() => void)[] = [];

beforeEach(async () => {
  store = await openLocalStore({ userId: `inno-${uuidv7()}`, tenantId: 't1' });
  server = fakeSyncServer(
    () => store,
    (change) => (change.kind === 'unit' ? ONLY_COORDINATORS : null),
  );
});
afterEach(() => {
  for (const undo of cleanups.splice(0)) undo();
  syncStatus.reset();
  store.close();
  vi.restoreAllMocks();
});

const statusText = () => screen.getByTestId('sync-status').textContent?.replace(/\s+/g, ' ').trim() ?? '';
const statusTitle = () => screen.getByTestId('sync-status').getAttribute('title') ?? '';
const goOffline = () => {
  server.offline = true;
  window.dispatchEvent(new Event('offline'));
  flushSync();
};

async function startSync(triggers = false): Promise<void> {
  await syncStatus.start(store, { getToken: () => 'tok', fetch: server.fetch, triggers });
}

describe('sync status in the header', () => {
  it('says "Tersinkron" and "Semua perubahan terkirim" only once the last sync reached the server', async () => {
    await store.create('session', newSessionBody());
    await startSync();
    render(SyncStatus, { status: syncStatus });
    // Before any run of this session reached the server, nothing is claimed.
    expect(statusText()).not.toContain('Tersinkron');
    await syncStatus.syncNow();
    await waitFor(() => expect(statusText()).toBe('Tersinkron'));
    expect(statusTitle()).toContain('Semua perubahan terkirim');
  });

  it('says offline with the count when a change waits without a network, never "Tersinkron"', async () => {
    await startSync();
    await syncStatus.syncNow();
    render(SyncStatus, { status: syncStatus });
    await waitFor(() => expect(statusText()).toBe('Tersinkron'));

    goOffline();
    await store.create('session', newSessionBody());
    await waitFor(() => expect(statusText()).toBe('Luring — 1 perubahan menunggu'));
    expect(statusTitle()).not.toContain('Semua perubahan terkirim');
    expect(statusTitle()).toContain('1 perubahan belum terkirim');
    // The prompt push fails without a network: still offline, still counted, still not "Tersinkron".
    await waitFor(() => expect(syncStatus.phase).toBe('offline'), { timeout: 6_000 });
    expect(statusText()).toBe('Luring — 1 perubahan menunggu');
  }, 15_000);

  it('counts an open editor holding input as waiting', async () => {
    await startSync();
    await syncStatus.syncNow();
    render(SyncStatus, { status: syncStatus });
    await waitFor(() => expect(statusText()).toBe('Tersinkron'));
    const close = registerEditor({ flush: () => Promise.resolve(), status: 'invalid' });
    cleanups.push(close);
    await waitFor(() => expect(statusText()).toBe('1 perubahan menunggu dikirim'));
    expect(statusTitle()).toContain('1 isian belum tersimpan');
    close();
    await waitFor(() => expect(statusText()).toBe('Tersinkron'));
  });

  it('shows a refused change in the header with its reason, copy and discard, never as sent', async () => {
    // user-event puts its own clipboard in place: what was copied is read back from it.
    const user = userEvent.setup();
    await startSync();
    render(SyncHeader);
    await store.create('unit', { name: 'Puskesmas Sukamaju', type: 'puskesmas', demo: false });
    await syncStatus.syncNow();

    // The header: one icon, one word and the count; its name says it in full.
    const chip = screen.getByTestId('sync-chip');
    await waitFor(() => expect(chip).toHaveAccessibleName('1 perubahan ditolak'));
    expect(chip).toHaveTextContent(/^Ditolak\s*1$/);
    // Said to screen readers too, without opening anything.
    expect(screen.getByRole('status')).toHaveTextContent('1 perubahan ditolak');

    // The details, opened from the chip: the state in full, its facts, the refused change with its choices.
    await user.click(chip);
    expect(chip).toHaveAttribute('aria-expanded', 'true');
    // The details load on first opening, and take the focus.
    const heading = await screen.findByRole('heading', { name: 'Sinkronisasi' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(statusText()).toBe('1 perubahan ditolak');
    expect(statusTitle()).not.toContain('Semua perubahan terkirim');
    expect(statusTitle()).toContain('1 perubahan ditolak server');
    expect(screen.getByText(/^Terakhir sinkron /)).toBeInTheDocument();
    const panel = screen.getByTestId('rejected-changes');
    expect(panel).toHaveTextContent('Unit ·');
    expect(panel).toHaveTextContent('Puskesmas Sukamaju');
    expect(panel).toHaveTextContent('Alasan: Hanya koordinator yang dapat mengubah unit');
    expect(panel).toHaveTextContent('minta admin lokal untuk membuatnya');
    await user.click(within(panel).getByRole('button', { name: 'Salin teksnya' }));
    expect(await navigator.clipboard.readText()).toBe('Puskesmas Sukamaju\n\npuskesmas');
    expect(panel).toHaveTextContent('Teks disalin.');

    await user.click(within(panel).getByRole('button', { name: 'Buang perubahan ini' }));
    await waitFor(() => expect(screen.queryByTestId('rejected-changes')).toBeNull());
    expect(await store.outbox()).toEqual([]);
    await waitFor(() => expect(statusText()).toBe('Tersinkron'));
    expect(chip).toHaveTextContent('Tersinkron');

    // Escape closes the details and gives the focus back to the chip.
    await user.keyboard('{Escape}');
    expect(chip).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('sync-status')).toBeNull();
    expect(chip).toHaveFocus();
  });

  it("shows a refused change on the record's own screen, marked refused", async () => {
    await startSync();
    const unit = await store.create('unit', { name: 'Puskesmas Sukamaju', type: 'puskesmas', demo: false });
    await syncStatus.syncNow();
    render(RecordSyncPanel, { record: unit });
    expect(await screen.findByText('Ditolak server')).toBeInTheDocument();
    const panel = screen.getByTestId('rejected-changes');
    expect(panel).toHaveTextContent('Alasan: Hanya koordinator yang dapat mengubah unit');
    expect(within(panel).getByRole('button', { name: 'Buang perubahan ini' })).toBeInTheDocument();
    expect(screen.queryByText('Terkirim')).toBeNull();
    expect(screen.queryByText('Terkonfirmasi')).toBeNull();
  });
});

describe('connection messages', () => {
  function renderIndicator() {
    const connectivity = new Connectivity();
    connectivity.start();
    cleanups.push(() => connectivity.stop());
    render(ConnectivityAnnouncement, { connectivity, sync: syncStatus });
    return () => document.querySelector('.visually-hidden[aria-live="polite"]')?.textContent ?? '';
  }

  it('"Tersambung kembali" stays while its sync runs and goes once it succeeded', async () => {
    await startSync(true);
    const live = renderIndicator();
    goOffline();
    expect(live()).toContain('Tidak ada sambungan');

    let release!: () => void;
    server.hold = new Promise((r) => (release = r));
    server.offline = false;
    window.dispatchEvent(new Event('online'));
    flushSync();
    await waitFor(() => expect(live()).toBe('Tersambung kembali. Data akan disinkronkan.'));
    await new Promise((r) => setTimeout(r, 300));
    expect(live()).toBe('Tersambung kembali. Data akan disinkronkan.');

    server.hold = null;
    release();
    await waitFor(() => expect(live()).toBe(''));
    expect(syncStatus.phase).toBe('idle');
  });

  it('replaces it with a failure notice when that sync failed, until a sync succeeds', async () => {
    await startSync(true);
    const live = renderIndicator();
    goOffline();
    server.offline = false;
    server.failWith = 503;
    window.dispatchEvent(new Event('online'));
    flushSync();
    await waitFor(() =>
      expect(live()).toBe('Tersambung kembali, tetapi sinkronisasi gagal. Dicoba lagi otomatis.'),
    );
    server.failWith = null;
    await syncStatus.syncNow();
    await waitFor(() => expect(live()).toBe(''));
  });
});
