import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newDraftBody, newSessionBody } from '../../src/shared/domain';
import { latestProposalTemplate } from '../../src/shared/templates';
import { freshWorkspace, renderApp, settle, teardown } from './workspace-helpers';

afterEach(teardown);

/** The session's own address (not `/sesi/baru`, where a new session starts). */
const sessionIdFromPath = () => /^\/sesi\/(?!baru$)([^/]+)$/.exec(location.pathname)?.[1] ?? '';

describe('coaching sessions', () => {
  it('creates a session from /sesi/baru, autosaves the fields, and they are there after reopening', async () => {
    const store = await freshWorkspace();
    const unit = await store.create('unit', { name: 'Puskesmas Mawar', type: 'puskesmas', demo: false });
    const { unmount } = renderApp('/sesi/baru');
    const place = await screen.findByLabelText('Tempat');
    const user = userEvent.setup();
    await user.type(place, 'Aula Puskesmas');
    // The first input stored the session: it has its own address, and the same screen goes on (focus kept).
    await waitFor(() => expect(sessionIdFromPath()).not.toBe(''));
    const id = sessionIdFromPath();
    expect(screen.getByLabelText('Tempat')).toBe(place);
    expect(place).toHaveFocus();
    await user.click(screen.getByRole('checkbox', { name: 'Puskesmas Mawar' }));
    await user.type(screen.getByLabelText('Topik'), 'Standar pelayanan');
    await user.type(screen.getByLabelText('Nama pendamping'), 'Rina');
    expect(
      screen.getByText(/Menyimpan…|Perubahan belum disimpan|Tersimpan di perangkat ini/),
    ).toBeInTheDocument();

    await waitFor(async () => {
      const stored = await store.get('session', id);
      expect(stored).toMatchObject({
        place: 'Aula Puskesmas',
        topics: 'Standar pelayanan',
        facilitatorName: 'Rina',
        unitIds: [unit.id],
      });
    });
    await waitFor(() => expect(screen.getByText('Tersimpan di perangkat ini')).toBeInTheDocument());

    unmount();
    renderApp(`/sesi/${id}`);
    expect(await screen.findByLabelText('Tempat')).toHaveValue('Aula Puskesmas');
    expect(screen.getByLabelText('Topik')).toHaveValue('Standar pelayanan');
    expect(await screen.findByRole('checkbox', { name: 'Puskesmas Mawar' })).toBeChecked();
  });

  it('leaves no record behind when a new session is left without any input', async () => {
    const store = await freshWorkspace();
    await store.create('unit', { name: 'Puskesmas Mawar', type: 'puskesmas', demo: false });
    renderApp('/sesi/baru');
    const user = userEvent.setup();
    await screen.findByLabelText('Tempat');
    // Looking is not input: opening the people list changes nothing stored.
    await user.click(screen.getByRole('button', { name: 'Tambah dari daftar' }));
    // Out through the bottom bar, as on a phone (the screen has no back link of its own).
    await user.click(screen.getByRole('link', { name: 'Sesi' }));
    expect(await screen.findByText('Belum ada sesi.')).toBeInTheDocument();
    await settle();
    expect(await store.list('session')).toEqual([]);
    expect((await store.outbox()).filter((e) => e.kind === 'session')).toEqual([]);
  });

  it('keeps a new session once one character is typed, even when left before the autosave', async () => {
    const store = await freshWorkspace();
    renderApp('/sesi/baru');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Catatan'), 'x');
    // Straight back, inside the 400 ms debounce: leaving the screen saves what was typed.
    // Out through the bottom bar, as on a phone (the screen has no back link of its own).
    await user.click(screen.getByRole('link', { name: 'Sesi' }));
    await waitFor(async () => expect(await store.list('session')).toHaveLength(1));
    const [session] = await store.list('session');
    expect(session).toMatchObject({ notes: 'x', place: '' });
    const entries = (await store.outbox()).filter((e) => e.recordId === session!.id);
    expect(entries).toEqual([expect.objectContaining({ op: 'create' })]);
    expect(entries[0]!.values).toMatchObject({ notes: 'x' });
  });

  it('edits participants with attendance and follow-up actions, and undoes a removal', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', newSessionBody());
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tambah peserta' }));
    await user.type(screen.getByLabelText('Nama peserta 1'), 'Budi');
    await user.click(screen.getByRole('button', { name: 'Tambah peserta' }));
    // The new line opens for its name (the one before folds again).
    expect(screen.queryByLabelText('Nama peserta 1')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Nama peserta 2'), 'Sari');
    await user.click(screen.getByRole('checkbox', { name: 'Hadir: Sari' }));
    expect(screen.getByText('1 dari 2 hadir')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Tambah tindak lanjut' }));
    const action = screen.getByRole('group', { name: 'Tindak lanjut 1' });
    await user.type(within(action).getByLabelText('Tindakan'), 'Susun SOP');
    await user.type(within(action).getByLabelText('Penanggung jawab'), 'Budi');
    await fireEvent.input(within(action).getByLabelText('Tenggat'), { target: { value: '2025-09-30' } });
    await user.selectOptions(within(action).getByLabelText('Status'), 'Selesai');

    await waitFor(async () => {
      const stored = await store.get('session', session.id);
      const participants = Object.values(stored!.participants).sort((a, b) => a.order - b.order);
      expect(participants.map((p) => [p.name, p.present])).toEqual([
        ['Budi', true],
        ['Sari', false],
      ]);
      expect(Object.values(stored!.actions)).toEqual([
        expect.objectContaining({ what: 'Susun SOP', who: 'Budi', due: '2025-09-30', status: 'selesai' }),
      ]);
    });

    // Removing is folded behind the line's edit button, and the snackbar can undo it.
    expect(screen.queryByRole('button', { name: 'Hapus peserta Budi' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ubah atau hapus Budi' }));
    await user.click(screen.getByRole('button', { name: 'Hapus peserta Budi' }));
    await waitFor(async () => {
      const stored = await store.get('session', session.id);
      expect(Object.values(stored!.participants).map((p) => p.name)).toEqual(['Sari']);
    });
    const status = screen.getByRole('status', { name: 'Pemberitahuan' });
    expect(within(status).getByText('Budi dihapus dari peserta.')).toBeInTheDocument();
    await user.click(within(status).getByRole('button', { name: 'Urungkan' }));
    await waitFor(async () => {
      const stored = await store.get('session', session.id);
      const names = Object.values(stored!.participants).sort((a, b) => a.order - b.order);
      expect(names.map((p) => p.name)).toEqual(['Budi', 'Sari']);
    });
    expect(screen.getByRole('checkbox', { name: 'Hadir: Budi' })).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Hapus tindak lanjut 1' }));
    await waitFor(async () => expect((await store.get('session', session.id))?.actions).toEqual({}));
    expect(within(status).getByText('Tindak lanjut 1 dihapus.')).toBeInTheDocument();
    await user.click(within(status).getByRole('button', { name: 'Urungkan' }));
    await waitFor(async () =>
      expect(Object.values((await store.get('session', session.id))!.actions)).toHaveLength(1),
    );
  });

  it('shows an Indonesian validation message and still saves the valid fields', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', { ...newSessionBody(), startsAt: '2025-08-26T09:00' });
    renderApp(`/sesi/${session.id}`);
    const when = await screen.findByLabelText('Tanggal dan jam');
    await fireEvent.input(when, { target: { value: '' } });
    expect(await screen.findByText('Tanggal dan jam tidak sah')).toBeInTheDocument();
    expect(when).toHaveAttribute('aria-invalid', 'true');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Tempat'), 'Kantor Camat');
    await waitFor(async () => {
      const stored = await store.get('session', session.id);
      expect(stored?.place).toBe('Kantor Camat');
      // The invalid value is held back on screen, never written over the good one.
      expect(stored?.startsAt).toBe('2025-08-26T09:00');
    });
    expect(screen.getByText(/Sebagian isian belum sah/)).toBeInTheDocument();
  });

  it('deletes a session with an undo snackbar that restores it', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', { ...newSessionBody(), place: 'Balai Desa' });
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Hapus sesi' }));
    await waitFor(() => expect(location.pathname).toBe('/sesi'));
    const status = screen.getByRole('status', { name: 'Pemberitahuan' });
    expect(within(status).getByText('Sesi dihapus.')).toBeInTheDocument();
    expect((await store.get('session', session.id))?.deleted).toBe(true);
    expect(await screen.findByText('Belum ada sesi.')).toBeInTheDocument();

    await user.click(within(status).getByRole('button', { name: 'Urungkan' }));
    await waitFor(async () => expect((await store.get('session', session.id))?.deleted).toBe(false));
    expect(await screen.findByLabelText('Tempat')).toHaveValue('Balai Desa');
  });

  it('lists newest first and filters by text, unit and date range', async () => {
    const store = await freshWorkspace();
    const mawar = await store.create('unit', { name: 'Puskesmas Mawar', type: 'puskesmas', demo: false });
    await store.create('session', {
      ...newSessionBody(),
      startsAt: '2025-01-10T09:00',
      place: 'Aula Kecamatan',
    });
    await store.create('session', {
      ...newSessionBody(),
      startsAt: '2025-03-05T10:00',
      place: 'Ruang Rapat Puskesmas',
      unitIds: [mawar.id],
    });
    await store.create('session', { ...newSessionBody(), startsAt: '2025-02-01T08:00', place: 'Balai Desa' });
    renderApp('/sesi');
    const list = await screen.findByRole('list', { name: 'Sesi pendampingan' });
    const items = () =>
      within(list)
        .queryAllByRole('link')
        .map((a) => a.textContent ?? '');
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(items()[0]).toContain('Ruang Rapat Puskesmas');
    expect(items()[2]).toContain('Aula Kecamatan');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Cari teks'), 'balai');
    await waitFor(() => expect(items()).toEqual([expect.stringContaining('Balai Desa')]));
    await user.clear(screen.getByLabelText('Cari teks'));

    await user.selectOptions(screen.getByLabelText('Unit'), 'Puskesmas Mawar');
    await waitFor(() => expect(items()).toEqual([expect.stringContaining('Ruang Rapat')]));
    await user.selectOptions(screen.getByLabelText('Unit'), 'Semua');

    await fireEvent.input(screen.getByLabelText('Dari tanggal'), { target: { value: '2025-01-15' } });
    await fireEvent.input(screen.getByLabelText('Sampai tanggal'), { target: { value: '2025-02-28' } });
    await waitFor(() => expect(items()).toEqual([expect.stringContaining('Balai Desa')]));
  });

  it('a reload right after typing loses nothing: pagehide flushes before the debounce', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', newSessionBody());
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Catatan'), 'Catatan terakhir');
    const typedAt = Date.now();
    window.dispatchEvent(new Event('pagehide'));
    // Well inside the 400 ms debounce window: only the pagehide flush can have written it.
    await waitFor(
      async () => expect((await store.get('session', session.id))?.notes).toBe('Catatan terakhir'),
      { timeout: 250, interval: 10 },
    );
    expect(Date.now() - typedAt).toBeLessThan(400);
  });

  it('flushes when the page is hidden', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', newSessionBody());
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Kesepakatan'), 'Rapat lagi bulan depan');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    await waitFor(
      async () => expect((await store.get('session', session.id))?.agreements).toBe('Rapat lagi bulan depan'),
      { timeout: 250, interval: 10 },
    );
  });

  it('flushes when a field loses focus, before the debounce', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', newSessionBody());
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Tempat'), 'Ruang Rapat');
    await user.tab();
    await waitFor(async () => expect((await store.get('session', session.id))?.place).toBe('Ruang Rapat'), {
      timeout: 250,
      interval: 10,
    });
  });

  it('shows 25 sessions at a time, newest first, with a button for more', async () => {
    const store = await freshWorkspace();
    for (let day = 1; day <= 30; day++) {
      const date = `2025-${day <= 28 ? '01' : '02'}-${String(day <= 28 ? day : day - 28).padStart(2, '0')}`;
      await store.create('session', {
        ...newSessionBody(),
        startsAt: `${date}T09:00`,
        place: `Tempat ${day}`,
      });
    }
    renderApp('/sesi');
    const list = await screen.findByRole('list', { name: 'Sesi pendampingan' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(25));
    expect(within(list).getAllByRole('link')[0]).toHaveTextContent('Tempat 30');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tampilkan lebih banyak' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(30));
    expect(screen.queryByRole('button', { name: 'Tampilkan lebih banyak' })).not.toBeInTheDocument();
  });

  it('links drafts of the coached units to the session', async () => {
    const store = await freshWorkspace();
    const template = latestProposalTemplate('kipp-2023-umum')!;
    const mawar = await store.create('unit', { name: 'Puskesmas Mawar', type: 'puskesmas', demo: false });
    const melati = await store.create('unit', { name: 'Puskesmas Melati', type: 'puskesmas', demo: false });
    const ofMawar = await store.create('draft', {
      ...newDraftBody(template, mawar.id),
      title: 'Inovasi Mawar',
    });
    await store.create('draft', { ...newDraftBody(template, melati.id), title: 'Inovasi Melati' });
    const session = await store.create('session', { ...newSessionBody(), unitIds: [mawar.id] });
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    const linked = await screen.findByRole('group', { name: 'Proposal yang dibahas' });
    // The choice narrows to the coached unit's drafts once the session has loaded (the latest drafts show first).
    await waitFor(() =>
      expect(within(linked).queryByRole('checkbox', { name: 'Inovasi Melati' })).not.toBeInTheDocument(),
    );
    await user.click(await within(linked).findByRole('checkbox', { name: 'Inovasi Mawar' }));
    expect(within(linked).queryByRole('checkbox', { name: 'Inovasi Melati' })).not.toBeInTheDocument();
    await waitFor(async () =>
      expect((await store.get('session', session.id))?.draftIds).toEqual([ofMawar.id]),
    );
    expect(within(linked).getByRole('link', { name: 'Buka' })).toHaveAttribute(
      'href',
      `/rancangan/${ofMawar.id}`,
    );
  });
});
