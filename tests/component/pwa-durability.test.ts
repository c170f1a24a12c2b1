import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Connectivity } from '../../src/lib/pwa/connectivity.svelte';
import { Durability } from '../../src/lib/pwa/durability.svelte';
import { detectEviction, markLocalData } from '../../src/lib/pwa/storage';
import { AppUpdate } from '../../src/lib/pwa/update.svelte';
import ConnectivityAnnouncement from '../../src/ui/pwa/ConnectivityAnnouncement.svelte';
import SyncChip from '../../src/ui/sync/SyncChip.svelte';
import { syncStatus } from '../../src/lib/sync/status.svelte';
import EvictionBanner from '../../src/ui/pwa/EvictionBanner.svelte';
import StoragePanel from '../../src/ui/pwa/StoragePanel.svelte';

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = () => resolve();
  });
}

describe('eviction detection', () => {
  beforeEach(async () => {
    localStorage.clear();
    await deleteDb('rintis-durability');
  });

  it('is quiet on a fresh browser and after data was saved', async () => {
    expect(await detectEviction()).toBe(false);
    await markLocalData();
    expect(await detectEviction()).toBe(false);
  });

  it('warns when the databases were cleared but the browser remembers having data', async () => {
    await markLocalData();
    await deleteDb('rintis-durability'); // what eviction or "clear site data: IndexedDB" does
    expect(await detectEviction()).toBe(true);

    const durability = new Durability();
    await durability.start();
    render(EvictionBanner, { durability });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Data lokal di perangkat ini hilang/dihapus oleh peramban',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Mengerti' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await detectEviction()).toBe(false);
    durability.stop();
  });
});

describe('storage panel', () => {
  const original = Object.getOwnPropertyDescriptor(navigator, 'storage');
  afterEach(() => {
    if (original) Object.defineProperty(navigator, 'storage', original);
    else delete (navigator as { storage?: unknown }).storage;
  });

  it('shows the persistence result and the space used and available', async () => {
    let persisted = false;
    Object.defineProperty(navigator, 'storage', {
      configurable: true,
      value: {
        persisted: () => Promise.resolve(persisted),
        persist: () => {
          persisted = true;
          return Promise.resolve(true);
        },
        estimate: () => Promise.resolve({ usage: 1536, quota: 2 * 1024 ** 3 }),
      },
    });
    const durability = new Durability();
    await durability.start();
    render(StoragePanel, { durability, update: new AppUpdate() });
    expect(screen.getByTestId('persist-status')).toHaveTextContent('belum diberikan');
    expect(screen.getByTestId('storage-usage')).toHaveTextContent('Terpakai 1,5 KB dari 2 GB');
    await userEvent.click(screen.getByRole('button', { name: 'Minta penyimpanan tetap' }));
    expect(screen.getByTestId('persist-status')).toHaveTextContent('Penyimpanan tetap: aktif');
    durability.stop();
  });
});

describe('connectivity for a guest', () => {
  it("shows the state as the header chip's word and announces only changes", () => {
    const connectivity = new Connectivity();
    connectivity.start();
    render(SyncChip, { status: syncStatus, connectivity, expanded: false, onToggle: () => {} });
    render(ConnectivityAnnouncement, { connectivity });
    const live = document.querySelector('[aria-live="polite"]');
    const chip = screen.getByTestId('sync-chip');
    expect(chip).toHaveTextContent('Daring');
    // Nothing syncs for a guest: the chip's name says where the data is.
    expect(chip).toHaveAccessibleName('Daring — Hanya di perangkat ini');
    expect(live?.textContent).toBe('');
    window.dispatchEvent(new Event('offline'));
    flushSync();
    expect(chip).toHaveTextContent('Luring');
    expect(live).toHaveTextContent('Tidak ada sambungan');
    window.dispatchEvent(new Event('online'));
    flushSync();
    expect(live).toHaveTextContent('Tersambung kembali');
    connectivity.stop();
  });
});
