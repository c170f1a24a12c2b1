import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from 'uuidv7';
import { newSessionBody } from '../../src/shared/domain';
import type { DexieLocalStore } from '../../src/lib/db/store';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

describe('units and people', () => {
  it('offers the demo regency on first start and removes it in one step', async () => {
    const store = await freshWorkspace();
    renderApp('/unit');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Muat Kabupaten Contoh (demo)' }));
    const units = await screen.findByRole('list', { name: 'Daftar unit' });
    await waitFor(() => expect(within(units).getAllByRole('listitem').length).toBeGreaterThan(3));
    expect(within(units).getByText('Puskesmas Sukamaju (demo)')).toBeInTheDocument();
    expect(within(units).getAllByText('demo').length).toBeGreaterThan(3);
    // People are listed on /orang now; the demo's are in the store.
    expect((await store.list('person')).map((p) => p.name)).toContain('Rina Pendamping (demo)');
    // The offer is gone once there are units.
    expect(screen.queryByRole('button', { name: 'Muat Kabupaten Contoh (demo)' })).not.toBeInTheDocument();
    expect((await store.list('unit')).every((u) => u.demo)).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Hapus data demo' }));
    await waitFor(async () => expect(await store.list('unit')).toEqual([]));
    expect(await store.list('person')).toEqual([]);
    expect(await store.list('draft')).toEqual([]);
    expect(await screen.findByRole('button', { name: 'Muat Kabupaten Contoh (demo)' })).toBeInTheDocument();
  });

  it('adds a unit by hand, with an Indonesian message when the name is missing', async () => {
    const store = await freshWorkspace();
    renderApp('/unit');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tambah unit' }));
    expect(await screen.findByText('Nama unit wajib diisi')).toBeInTheDocument();
    expect(screen.getByLabelText('Nama unit')).toHaveAttribute('aria-invalid', 'true');
    expect(await store.list('unit')).toEqual([]);

    await user.type(screen.getByLabelText('Nama unit'), 'Kecamatan Baru');
    await user.selectOptions(screen.getByLabelText('Jenis unit'), 'Kecamatan');
    await user.click(screen.getByRole('button', { name: 'Tambah unit' }));
    expect(await screen.findByText('Kecamatan Baru')).toBeInTheDocument();
    expect(await store.list('unit')).toEqual([
      expect.objectContaining({ name: 'Kecamatan Baru', type: 'kecamatan', demo: false }),
    ]);
    expect(screen.getByLabelText('Nama unit')).toHaveValue('');
  });
});

describe('recovery of quarantined records', () => {
  it('lists records that failed validation with their raw text; recover and discard (with confirm)', async () => {
    const store = (await freshWorkspace()) as DexieLocalStore;
    const fixable = uuidv7();
    const broken = uuidv7();
    // An older app version wrote no draftIds/actions (repairable); another row holds a number as notes (not).
    const { draftIds: _d, actions: _a, ...oldBody } = { ...newSessionBody(), notes: 'Catatan lama' };
    await store.db.sessions.put({ id: fixable, kind: 'session', ...oldBody });
    await store.db.sessions.put({ id: broken, kind: 'session', ...newSessionBody(), notes: 42 });
    await store.list('session');
    renderApp('/pemulihan');

    expect(await screen.findByTestId(`raw-${fixable}`)).toHaveTextContent('Catatan lama');
    expect(screen.getByTestId(`raw-${broken}`)).toHaveTextContent('"notes": 42');
    const user = userEvent.setup();
    const cards = screen.getAllByRole('listitem');
    const fixableCard = cards.find((c) => within(c).queryByTestId(`raw-${fixable}`))!;
    const brokenCard = cards.find((c) => within(c).queryByTestId(`raw-${broken}`))!;

    await user.click(within(fixableCard).getByRole('button', { name: 'Pulihkan' }));
    await waitFor(async () => expect((await store.get('session', fixable))?.notes).toBe('Catatan lama'));
    await waitFor(() => expect(screen.queryByTestId(`raw-${fixable}`)).not.toBeInTheDocument());

    // Recovery of the other fails: it stays, with the reason.
    await user.click(within(brokenCard).getByRole('button', { name: 'Pulihkan' }));
    expect(await within(brokenCard).findByText(/^Gagal:/)).toBeInTheDocument();
    expect(await store.quarantine()).toHaveLength(1);

    await user.click(within(brokenCard).getByRole('button', { name: 'Buang' }));
    expect(within(brokenCard).getByText(/tidak dapat diurungkan/)).toBeInTheDocument();
    await user.click(within(brokenCard).getByRole('button', { name: 'Batal' }));
    expect(await store.quarantine()).toHaveLength(1);
    await user.click(within(brokenCard).getByRole('button', { name: 'Buang' }));
    await user.click(within(brokenCard).getByRole('button', { name: 'Ya, buang' }));
    await waitFor(async () => expect(await store.quarantine()).toEqual([]));
    expect(await screen.findByText('Tidak ada data yang perlu dipulihkan.')).toBeInTheDocument();
  });
});
