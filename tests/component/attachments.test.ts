/**
 * The attach UI on the real screens (jsdom + fake-indexeddb): files attached to a session, a draft's required
 * statements (readiness follows), a checklist item; refusals said in words; delete with undo; and the storage
 * panel in settings freeing uploaded originals while the thumbnail and a sized download stay.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newChecklistBody, newDraftBody, newSessionBody } from '../../src/shared/domain';
import { latestChecklistTemplate, latestProposalTemplate } from '../../src/shared/templates';
import { snackbar } from '../../src/lib/state/snackbar.svelte';
import { acknowledgeCreation, freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

const pdf = (size: number, name: string) => {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  for (let i = 9; i < size; i++) bytes[i] = (i * 31) % 251;
  return new File([bytes], name, { type: 'application/pdf' });
};

describe('attaching on the screens', () => {
  it('a session: attach a PDF, see its size and "only on this phone", refuse an .exe, delete with undo', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', newSessionBody(new Date(2024, 4, 2, 9, 0)));
    renderApp(`/sesi/${session.id}`);
    const region = await screen.findByRole('region', { name: 'Foto dan dokumen sesi' });
    expect(within(region).getByText('Belum ada lampiran.')).toBeInTheDocument();
    // Camera and gallery, each a labelled control.
    const camera = within(region).getByLabelText('Ambil foto');
    expect(camera).toHaveAttribute('capture', 'environment');
    expect(camera).toHaveAttribute('accept', 'image/*');

    const user = userEvent.setup({ applyAccept: false });
    await user.upload(within(region).getByLabelText('Pilih foto atau berkas'), pdf(20_480, 'notulen.pdf'));
    const item = await within(region).findByTestId('attachment');
    expect(within(item).getByText('notulen.pdf')).toBeInTheDocument();
    expect(within(item).getByTestId('attachment-sizes')).toHaveTextContent('20 KB');
    expect(item).toHaveAttribute('data-state', 'local');
    expect(within(item).getByTestId('attachment-state')).toHaveTextContent('Hanya di perangkat ini');
    expect(within(item).getByRole('button', { name: 'Buka notulen.pdf' })).toBeInTheDocument();
    const [record] = await store.list('attachment', { parentId: session.id });
    expect(record).toMatchObject({ parentKind: 'session', slot: '', size: 20_480, name: 'notulen.pdf' });
    expect(await store.blobs.upload(record!.sha256)).toMatchObject({ state: 'queued' });

    await user.upload(
      within(region).getByLabelText('Pilih foto atau berkas'),
      new File([new Uint8Array(10)], 'setup.exe', { type: 'application/x-msdownload' }),
    );
    expect(await within(region).findByRole('alert')).toHaveTextContent(
      /setup\.exe: Jenis berkas tidak didukung.* \/ unsupported file type/,
    );

    await user.click(within(item).getByRole('button', { name: 'Hapus notulen.pdf' }));
    await waitFor(() => expect(within(region).queryByTestId('attachment')).toBeNull());
    expect(snackbar.message).toBe('Lampiran dihapus');
    await snackbar.act();
    expect(await within(region).findByTestId('attachment')).toBeInTheDocument();
  });

  it('a draft: the required statements take a PDF of at most 1 MB, and readiness stops listing them', async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', newDraftBody(latestProposalTemplate('kipp-2023-umum')!, null));
    // The required attachments sit with readiness, in the draft's "Kesiapan" tab.
    renderApp(`/rancangan/${draft.id}#kesiapan`);
    const required = await screen.findByRole('region', { name: 'Lampiran wajib' });
    const group = within(required).getByRole('group', { name: 'Surat pernyataan implementasi' });
    expect(within(group).getByText(/PDF, maks\. 1 MB/)).toBeInTheDocument();
    expect(within(group).getByText('Belum dilampirkan')).toBeInTheDocument();
    expect(within(group).queryByLabelText('Ambil foto')).toBeNull();
    const panel = await screen.findByRole('region', { name: 'Kesiapan proposal' });
    const missing = within(panel).getByRole('list', { name: 'Yang masih kurang' });
    expect(within(missing).getByText('Surat pernyataan implementasi: belum dilampirkan')).toBeInTheDocument();

    const user = userEvent.setup({ applyAccept: false });
    const input = within(group).getByLabelText('Pilih berkas PDF');
    await user.upload(input, pdf(1_100_000, 'terlalu-besar.pdf'));
    expect(await within(group).findByRole('alert')).toHaveTextContent(
      'terlalu-besar.pdf: Berkas lebih dari 1 MB / the file is over 1 MB',
    );
    await user.upload(input, pdf(300_000, 'surat-implementasi.pdf'));
    await within(group).findByText('surat-implementasi.pdf');
    expect(within(group).getByText('Sudah dilampirkan')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(missing).queryByText('Surat pernyataan implementasi: belum dilampirkan')).toBeNull(),
    );
    expect(
      within(missing).getByText('Surat pernyataan identitas perorangan/tim inovator: belum dilampirkan'),
    );
    const [record] = await store.list('attachment', { parentId: draft.id });
    expect(record).toMatchObject({ parentKind: 'draft', slot: 'required:surat-implementasi' });

    // A section has its own attachments, under its text in the writing, behind a disclosure.
    await user.click(screen.getByRole('tab', { name: 'Tulisan' }));
    const sectionToggle = (await screen.findAllByText('Lampiran bagian ini (0)'))[0]!;
    await user.click(sectionToggle);
    const sectionSlot = sectionToggle.closest('details')!;
    await user.upload(
      within(sectionSlot as HTMLElement).getByLabelText('Pilih foto atau berkas'),
      pdf(5_000, 'data.pdf'),
    );
    await within(sectionSlot as HTMLElement).findByText('data.pdf');
    const records = await store.list('attachment', { parentId: draft.id });
    expect(records.map((r) => r.slot)).toContain('section:ringkasan');
  });

  it('a checklist item: evidence attached to the item', async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', newDraftBody(latestProposalTemplate('kipp-2023-umum')!, null));
    const template = latestChecklistTemplate('prinsip-pelayanan-6')!;
    const checklist = await store.create('checklist', newChecklistBody(template, draft.id, null));
    renderApp(`/rancangan/${draft.id}/daftar-periksa/${checklist.id}`);
    const first = template.items[0]!;
    const toggles = await screen.findAllByText('Bukti lampiran (0)');
    const user = userEvent.setup({ applyAccept: false });
    await user.click(toggles[0]!);
    const details = toggles[0]!.closest('details') as HTMLElement;
    await user.upload(within(details).getByLabelText('Pilih foto atau berkas'), pdf(4_000, 'sk-bupati.pdf'));
    await within(details).findByText('sk-bupati.pdf');
    expect(within(details).getByText('Bukti lampiran (1)')).toBeInTheDocument();
    const [record] = await store.list('attachment', { parentId: checklist.id });
    expect(record).toMatchObject({ parentKind: 'checklist', slot: `item:${first.key}` });
  });
});

describe('upload state on the item', () => {
  it('shows progress while uploading, the server\'s refusal with "Coba lagi", and "Terunggah" once confirmed', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', newSessionBody(new Date(2024, 4, 2, 9, 0)));
    const { attachFile } = await import('../../src/lib/attachments/local');
    const a = await attachFile(store, pdf(40_000, 'daftar-hadir.pdf'), {
      kind: 'session',
      id: session.id,
      unitId: null,
    });
    renderApp(`/sesi/${session.id}`);
    const item = await screen.findByTestId('attachment');

    // The record synced and the queue is sending it (what the queue writes as the server acknowledges chunks).
    await acknowledgeCreation(store, a);
    await store.blobs.updateUpload(a.sha256, { state: 'uploading', sent: 20_000 });
    await waitFor(() => expect(item).toHaveAttribute('data-state', 'uploading'));
    expect(within(item).getByTestId('attachment-state')).toHaveTextContent('Mengunggah 50%');
    expect(within(item).getByRole('progressbar', { name: 'Mengunggah 50%' })).toHaveAttribute('value', '50');

    await store.blobs.updateUpload(a.sha256, {
      state: 'failed',
      error: 'Jenis berkas ditolak server / the server refused the file type',
    });
    expect(await within(item).findByRole('alert')).toHaveTextContent('Jenis berkas ditolak server');
    const user = userEvent.setup();
    await user.click(within(item).getByRole('button', { name: 'Coba lagi' }));
    await waitFor(() => expect(item).toHaveAttribute('data-state', 'queued'));
    expect(within(item).getByTestId('attachment-state')).toHaveTextContent('Menunggu diunggah');

    await store.blobs.updateUpload(a.sha256, { state: 'uploaded', sent: 40_000 });
    await waitFor(() => expect(item).toHaveAttribute('data-state', 'uploaded'));
    expect(within(item).getByTestId('attachment-state')).toHaveTextContent('Terunggah');
  });
});

describe('storage panel', () => {
  it('shows the space taken and frees uploaded originals; the file then downloads on demand with its size', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', newSessionBody(new Date(2024, 4, 2, 9, 0)));
    renderApp('/pengaturan');
    const panel = await screen.findByRole('region', { name: 'Ruang lampiran di perangkat ini' });
    expect(await within(panel).findByText('Belum ada lampiran di perangkat ini.')).toBeInTheDocument();

    const { attachFile } = await import('../../src/lib/attachments/local');
    const parent = { kind: 'session' as const, id: session.id, unitId: null };
    const a = await attachFile(store, pdf(200 * 1024, 'a.pdf'), parent);
    await attachFile(store, pdf(100 * 1024, 'b.pdf'), parent);
    await waitFor(() =>
      expect(within(panel).getByTestId('attachment-usage')).toHaveTextContent(
        'Lampiran memakai 300 KB (2 berkas).',
      ),
    );
    expect(within(panel).getByText('2 berkas belum diunggah dan tetap disimpan.')).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /^Kosongkan/ })).toBeNull();

    // The server confirmed one of them.
    await store.blobs.updateUpload(a.sha256, { state: 'uploaded', sent: 200 * 1024 });
    const free = await within(panel).findByRole('button', { name: 'Kosongkan 200 KB' });
    const user = userEvent.setup();
    await user.click(free);
    expect(await within(panel).findByRole('status')).toHaveTextContent('200 KB dibebaskan (1 berkas).');
    await waitFor(() =>
      expect(within(panel).getByTestId('attachment-usage')).toHaveTextContent(
        'Lampiran memakai 100 KB (1 berkas).',
      ),
    );

    // On the session: the dropped one is on the server only, offered for download with its size.
    renderApp(`/sesi/${session.id}`);
    const items = await screen.findAllByTestId('attachment');
    const dropped = items.find((i) => within(i).queryByText('a.pdf'))!;
    expect(dropped).toHaveAttribute('data-state', 'remote');
    expect(within(dropped).getByTestId('attachment-state')).toHaveTextContent('Di server, belum diunduh');
    expect(within(dropped).getByRole('button', { name: 'Unduh (200 KB)' })).toBeInTheDocument();
  });
});
