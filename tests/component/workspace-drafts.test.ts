import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newChecklistBody, newDraftBody } from '../../src/shared/domain';
import { latestChecklistTemplate, latestProposalTemplate } from '../../src/shared/templates';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

const kipp = () => latestProposalTemplate('kipp-2023-umum')!;
const words = (n: number) => Array.from({ length: n }, (_, i) => `kata${i}`).join(' ');

describe('innovation drafts', () => {
  it('creates a draft from the list with a template, unit and title', async () => {
    const store = await freshWorkspace();
    const unit = await store.create('unit', { name: 'Dinas Kesehatan', type: 'opd', demo: false });
    renderApp('/rancangan');
    const user = userEvent.setup();
    expect(await screen.findByText('Belum ada proposal.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Buat proposal' }));
    expect(await screen.findByText('Judul wajib diisi')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Templat'), 'profil-inovasi-daerah');
    await screen.findByRole('option', { name: 'Dinas Kesehatan' });
    await user.selectOptions(screen.getByLabelText('Unit'), 'Dinas Kesehatan');
    await user.type(screen.getByLabelText('Judul inovasi'), 'Antar Obat ke Rumah');
    await user.click(screen.getByRole('button', { name: 'Buat proposal' }));

    await waitFor(() => expect(location.pathname).toMatch(/^\/rancangan\/[0-9a-f-]{36}$/));
    const id = location.pathname.split('/')[2]!;
    expect(await store.get('draft', id)).toMatchObject({
      title: 'Antar Obat ke Rumah',
      unitId: unit.id,
      templateKey: 'profil-inovasi-daerah',
      templateVersion: 1,
    });
    // The writing comes first; the data is one tab away.
    expect(await screen.findByLabelText('Rancang bangun dan pokok perubahan')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Data' }));
    // Attachment-type metadata is not an input yet: a note says so.
    expect(await screen.findByText(/Anggaran: lampiran dapat ditambahkan/)).toBeInTheDocument();
  });

  it('keeps no empty draft: nothing is stored until a title is given, and one character is enough', async () => {
    const store = await freshWorkspace();
    renderApp('/rancangan');
    const user = userEvent.setup();
    expect(await screen.findByText('Belum ada proposal.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Buat proposal' }));
    expect(await screen.findByText('Judul wajib diisi')).toBeInTheDocument();
    // Backing out of the form: nothing on the phone, nothing waiting to sync.
    await user.click(screen.getByRole('link', { name: 'Untuk Anda' }));
    await waitFor(() => expect(location.pathname).toBe('/'));
    expect(await store.list('draft')).toEqual([]);
    expect(await store.outbox()).toEqual([]);

    await user.click(await screen.findByRole('link', { name: 'Proposal' }));
    await user.type(await screen.findByLabelText('Judul inovasi'), 'A');
    await user.click(screen.getByRole('button', { name: 'Buat proposal' }));
    await waitFor(() => expect(location.pathname).toMatch(/^\/rancangan\/[0-9a-f-]{36}$/));
    const [draft] = await store.list('draft');
    expect(draft).toMatchObject({ title: 'A' });
    expect((await store.outbox()).map((e) => [e.recordId, e.op])).toEqual([[draft!.id, 'create']]);
  });

  it('autosaves title, team, stage, metadata and sections; reopening shows them', async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', newDraftBody(kipp(), null));
    const { unmount } = renderApp(`/rancangan/${draft.id}#data`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Judul inovasi'), 'Posyandu Digital');
    await user.type(screen.getByLabelText('Tim inovator'), 'Tim Puskesmas');
    await user.click(screen.getByRole('radio', { name: 'Uji coba' }));
    await user.selectOptions(screen.getByLabelText('Kelompok'), 'replikasi');
    const sdgs = screen.getByRole('group', { name: 'Tujuan SDGs terkait' });
    await user.click(within(sdgs).getByRole('checkbox', { name: /^3\. / }));
    await user.click(screen.getByRole('tab', { name: 'Tulisan' }));
    expect(location.hash).toBe('');
    await user.click(await screen.findByLabelText('Kebaruan/Nilai Tambah'));
    await user.paste('Jadwal posyandu lewat pesan singkat.');

    await waitFor(async () => {
      expect(await store.get('draft', draft.id)).toMatchObject({
        title: 'Posyandu Digital',
        team: 'Tim Puskesmas',
        stage: 'uji-coba',
        metadata: { kelompok: 'replikasi', sdgs: ['3'] },
        sections: expect.objectContaining({ kebaruan: 'Jadwal posyandu lewat pesan singkat.' }),
      });
    });
    unmount();
    renderApp(`/rancangan/${draft.id}`);
    expect(await screen.findByLabelText('Kebaruan/Nilai Tambah')).toHaveValue(
      'Jadwal posyandu lewat pesan singkat.',
    );
    await user.click(screen.getByRole('tab', { name: 'Data' }));
    expect(location.hash).toBe('#data');
    expect(screen.getByLabelText('Judul inovasi')).toHaveValue('Posyandu Digital');
    expect(screen.getByRole('radio', { name: 'Uji coba' })).toBeChecked();
  });

  it('counts words live, says clearly when a section is over its limit, and never blocks typing', async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', newDraftBody(kipp(), null));
    renderApp(`/rancangan/${draft.id}`);
    const user = userEvent.setup();
    const summary = await screen.findByLabelText('Ringkasan');
    const counter = screen.getByTestId('word-count-ringkasan');
    expect(counter).toHaveTextContent('0/200 kata');
    expect(summary).toHaveAccessibleDescription(/Gambaran singkat inovasi/);

    await user.click(summary);
    await user.paste(words(212));
    expect(counter).toHaveTextContent('212/200 kata — 12 kata melebihi batas · Melebihi batas');
    expect(counter).toHaveClass('over');
    // Not colour alone: a mark before the count and a thick border on the box.
    expect(counter.querySelector('.over-mark')).not.toBeNull();
    expect(summary).toHaveClass('over');
    // Typing goes on past the limit, and the text is stored whole.
    await user.type(summary, ' lagi');
    expect(counter).toHaveTextContent('213/200 kata — 13 kata melebihi batas');
    await waitFor(async () =>
      expect((await store.get('draft', draft.id))?.sections.ringkasan).toBe(`${words(212)} lagi`),
    );
    // Over the limit is reported, not enforced: the summary (weight 5 of 105 in the score) earns half its weight.
    expect(screen.getByTestId('readiness-score')).toHaveTextContent('Kesiapan 2/100');
  });

  it('shows per-section completeness and the readiness score, with a minimum word count', async () => {
    const store = await freshWorkspace();
    const template = latestProposalTemplate('profil-inovasi-daerah')!;
    const draft = await store.create('draft', newDraftBody(template, null));
    renderApp(`/rancangan/${draft.id}`);
    const user = userEvent.setup();
    const design = await screen.findByLabelText('Rancang bangun dan pokok perubahan');
    expect(screen.getByTestId('word-count-rancang-bangun')).toHaveTextContent(
      '0 kata — kurang 300 dari minimal 300 · Belum diisi',
    );
    await user.click(design);
    await user.paste(words(120));
    expect(screen.getByTestId('word-count-rancang-bangun')).toHaveTextContent(
      '120 kata — kurang 180 dari minimal 300 · Belum cukup',
    );
    await user.click(await screen.findByLabelText('Tujuan inovasi'));
    await user.paste('Mempercepat layanan.');
    expect(screen.getByTestId('word-count-tujuan')).toHaveTextContent('2 kata · Lengkap');
    // Four sections weighed equally (the profile has no weights): 1 complete + 120/300 of one = 35 of 100.
    expect(screen.getByTestId('readiness-score')).toHaveTextContent('Kesiapan 35/100');
  });

  it('adds a checklist, sets item statuses and evidence, and the summary follows', async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', { ...newDraftBody(kipp(), null), title: 'Inovasi A' });
    renderApp(`/rancangan/${draft.id}#kesiapan`);
    const user = userEvent.setup();
    await user.selectOptions(
      await screen.findByLabelText('Templat daftar periksa'),
      'Prinsip dan asas pelayanan publik (materi coaching)',
    );
    await user.click(screen.getByRole('button', { name: 'Tambah daftar periksa' }));
    const link = await screen.findByRole('link', {
      name: 'Prinsip dan asas pelayanan publik (materi coaching)',
    });
    expect(screen.getByText('0 dari 6 sudah dinilai')).toBeInTheDocument();
    await user.click(link);

    await screen.findByRole('heading', {
      level: 1,
      name: 'Prinsip dan asas pelayanan publik (materi coaching)',
    });
    expect(location.pathname).toMatch(/\/daftar-periksa\//);
    const checklistId = location.pathname.split('/')[4]!;
    const summary = screen.getByTestId('checklist-summary');
    expect(summary).toHaveTextContent('0 dari 6 sudah dinilai');

    const legal = screen.getByRole('group', { name: 'Kepastian hukum' });
    expect(within(legal).getAllByRole('radio')).toHaveLength(4);
    await user.click(within(legal).getByRole('radio', { name: 'Terpenuhi' }));
    await user.click(
      within(screen.getByRole('group', { name: 'Keterbukaan' })).getByRole('radio', { name: 'Sebagian' }),
    );
    await user.type(within(legal).getByLabelText('Bukti / catatan untuk Kepastian hukum'), 'Perbup 12/2024');
    expect(summary).toHaveTextContent('2 dari 6 sudah dinilai');
    expect(summary).toHaveTextContent('Terpenuhi: 1');
    expect(summary).toHaveTextContent('Sebagian: 1');

    await waitFor(async () => {
      const stored = await store.get('checklist', checklistId);
      expect(stored?.draftId).toBe(draft.id);
      expect(stored?.items['kepastian-hukum']).toEqual({ status: 'terpenuhi', evidence: 'Perbup 12/2024' });
      expect(stored?.items.keterbukaan?.status).toBe('sebagian');
    });

    // Back to the draft with the browser's back button, at its checklists: the summary there is current.
    history.back();
    expect(await screen.findByRole('tab', { name: 'Kesiapan', selected: true })).toBeInTheDocument();
    expect(await screen.findByText('2 dari 6 sudah dinilai')).toBeInTheDocument();
  });

  it('deletes a draft with undo', async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', { ...newDraftBody(kipp(), null), title: 'Untuk dihapus' });
    renderApp(`/rancangan/${draft.id}#data`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Hapus proposal' }));
    await waitFor(() => expect(location.pathname).toBe('/rancangan'));
    expect(await screen.findByText('Belum ada proposal.')).toBeInTheDocument();
    expect((await store.get('draft', draft.id))?.deleted).toBe(true);
    const status = screen.getByRole('status', { name: 'Pemberitahuan' });
    expect(status).toHaveTextContent('Proposal dihapus.');
    await user.click(within(status).getByRole('button', { name: 'Urungkan' }));
    await waitFor(async () => expect((await store.get('draft', draft.id))?.deleted).toBe(false));
    expect(await screen.findByRole('heading', { level: 1, name: 'Untuk dihapus' })).toBeInTheDocument();
  });

  it('lists drafts a page of 50 at a time, the latest changed first', async () => {
    const store = await freshWorkspace();
    for (let n = 1; n <= 50; n++)
      await store.create('draft', { ...newDraftBody(kipp(), null), title: `Inovasi ${n}` });
    // The last one changed clearly later than the others.
    await new Promise((r) => setTimeout(r, 5));
    await store.create('draft', { ...newDraftBody(kipp(), null), title: 'Inovasi 51' });
    renderApp('/rancangan');
    const list = await screen.findByRole('list', { name: 'Proposal inovasi' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(50));
    expect(within(list).getAllByRole('link')[0]).toHaveTextContent('Inovasi 51');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Tampilkan lebih banyak' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(51));
    expect(screen.queryByRole('button', { name: 'Tampilkan lebih banyak' })).not.toBeInTheDocument();
  });

  it('deletes a checklist with undo, and hints at a link that does not look like one', async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', { ...newDraftBody(kipp(), null), title: 'Inovasi B' });
    const template = latestChecklistTemplate('kriteria-inovasi-5')!;
    const checklist = await store.create('checklist', newChecklistBody(template, draft.id, null));
    renderApp(`/rancangan/${draft.id}#data`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Tautan video (maks. 3 menit)'), 'youtu.be/abc');
    expect(screen.getByText('Tautan biasanya diawali https://')).toBeInTheDocument();
    await waitFor(async () =>
      expect((await store.get('draft', draft.id))?.metadata['link-video']).toBe('youtu.be/abc'),
    );

    await user.click(screen.getByRole('tab', { name: 'Kesiapan' }));
    await user.click(await screen.findByRole('link', { name: template.title.id }));
    await user.click(await screen.findByRole('button', { name: 'Hapus daftar periksa' }));
    // Back at the draft's checklists.
    await waitFor(() => expect(location.pathname).toBe(`/rancangan/${draft.id}`));
    expect(location.hash).toBe('#kesiapan');
    expect((await store.get('checklist', checklist.id))?.deleted).toBe(true);
    expect(await screen.findByText('Belum ada daftar periksa.')).toBeInTheDocument();
    const status = screen.getByRole('status', { name: 'Pemberitahuan' });
    await user.click(within(status).getByRole('button', { name: 'Urungkan' }));
    await waitFor(async () => expect((await store.get('checklist', checklist.id))?.deleted).toBe(false));
    expect(await screen.findByTestId('checklist-summary')).toHaveTextContent('0 dari 5 sudah dinilai');
  });
});
