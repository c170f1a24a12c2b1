import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newChecklistBody, newDraftBody } from '../../src/shared/domain';
import { locale } from '../../src/lib/i18n/index.svelte';
import { latestChecklistTemplate, latestProposalTemplate } from '../../src/shared/templates';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

const kipp = () => latestProposalTemplate('kipp-2023-umum')!;
const words = (n: number) => Array.from({ length: n }, (_, i) => `kata${i}`).join(' ');

describe('readiness panel on the draft screen', () => {
  it('shows the one score above the tabs and what is missing, and follows edits and checklist results', async () => {
    const store = await freshWorkspace();
    const body = newDraftBody(kipp(), null);
    for (const s of kipp().sections) if (s.key !== 'signifikansi') body.sections[s.key] = words(20);
    const draft = await store.create('draft', body);
    renderApp(`/rancangan/${draft.id}#kesiapan`);

    const panel = await screen.findByRole('region', { name: 'Kesiapan proposal' });
    // Signifikansi (weight 30 of 105) is empty.
    expect(screen.getByTestId('readiness-score')).toHaveTextContent(
      `Kesiapan ${Math.floor((75 / 105) * 100)}/100`,
    );
    expect(within(panel).getByText('8 dari 9 bagian lengkap')).toBeInTheDocument();
    const missing = within(panel).getByRole('list', { name: 'Yang masih kurang' });
    expect(within(missing).getByText('Signifikansi: belum diisi', { exact: false })).toBeInTheDocument();
    expect(within(missing).getByText('Surat pernyataan implementasi: belum dilampirkan')).toBeInTheDocument();

    // The missing item is a link to its field: the writing opens with the focus in Signifikansi.
    const user = userEvent.setup();
    await user.click(within(missing).getByRole('link', { name: /^Signifikansi: belum diisi/ }));
    expect(screen.getByRole('tab', { name: 'Tulisan', selected: true })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText(/^Signifikansi/)).toHaveFocus());
    await user.paste(words(601));
    await waitFor(() =>
      expect(screen.getByTestId('readiness-score')).toHaveTextContent(
        `Kesiapan ${Math.floor((90 / 105) * 100)}/100`,
      ),
    );
    expect(within(missing).getByText(/601 kata, lebih dari batas 600/)).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Kesiapan' }));

    // A checklist made elsewhere (another tab, a sync) is read live.
    const template = latestChecklistTemplate('prinsip-pelayanan-6')!;
    const checklist = newChecklistBody(template, draft.id, null);
    for (const k of Object.keys(checklist.items)) checklist.items[k] = { status: 'belum', evidence: '' };
    await store.create('checklist', checklist);
    await waitFor(() =>
      expect(
        within(missing).getByText(`${template.title.id}: 6 belum terpenuhi, 0 sebagian, 0 belum dinilai`),
      ).toBeInTheDocument(),
    );
    expect(screen.getByTestId('readiness-score')).toHaveTextContent(
      `Kesiapan ${Math.floor(0.8 * (90 / 105) * 100)}/100`,
    );

    locale.set('en');
    expect(await screen.findByRole('region', { name: 'Proposal readiness' })).toBeInTheDocument();
    expect(
      within(panel).getByText('Signed statement of implementation: not attached yet'),
    ).toBeInTheDocument();
  });

  it('a complete text says nothing but the attachments and the group is missing and scores 100', async () => {
    const store = await freshWorkspace();
    const body = newDraftBody(kipp(), null);
    for (const s of kipp().sections) body.sections[s.key] = words(20);
    const draft = await store.create('draft', body);
    renderApp(`/rancangan/${draft.id}#kesiapan`);
    const panel = await screen.findByRole('region', { name: 'Kesiapan proposal' });
    expect(screen.getByTestId('readiness-score')).toHaveTextContent('Kesiapan 100/100');
    const items = within(within(panel).getByRole('list', { name: 'Yang masih kurang' })).getAllByRole(
      'listitem',
    );
    expect(items.map((li) => li.textContent)).toEqual([
      'Surat pernyataan implementasi: belum dilampirkan',
      'Surat pernyataan identitas perorangan/tim inovator: belum dilampirkan',
      'Surat pernyataan kesediaan direplikasi: belum dilampirkan',
      // The group is not chosen: its minimum time in implementation cannot be checked yet.
      'Kelompok belum dipilih: syarat lama implementasi belum bisa diperiksa.',
    ]);
  });
});

/** The local date `months` whole months before today, on the 1st (so exactly that many months have run). */
function monthsAgo(months: number): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - months, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01`;
}

describe("the heading's readiness link says only what is true", () => {
  it('reads "Lihat yang kurang" while anything is missing, even at 100/100, and "Lihat kesiapan" when nothing is', async () => {
    const store = await freshWorkspace();
    const complete = (template: NonNullable<ReturnType<typeof latestProposalTemplate>>) => {
      const body = newDraftBody(template, null);
      for (const s of template.sections) body.sections[s.key] = words(s.minWords ?? 20);
      return body;
    };
    // KIPP: every section written, its attachments not attached: 100/100 and still something missing.
    const kippDraft = await store.create('draft', complete(kipp()));
    const { unmount } = renderApp(`/rancangan/${kippDraft.id}`);
    await waitFor(() => expect(screen.getByTestId('readiness-score')).toHaveTextContent('Kesiapan 100/100'));
    expect(screen.getByRole('button', { name: 'Lihat yang kurang' })).toBeInTheDocument();
    unmount();

    // The innovation profile asks for no attachment: written whole, nothing is missing.
    const profile = latestProposalTemplate('profil-inovasi-daerah')!;
    expect(profile.requiredAttachments).toEqual([]);
    const profileDraft = await store.create('draft', complete(profile));
    renderApp(`/rancangan/${profileDraft.id}`);
    await waitFor(() => expect(screen.getByTestId('readiness-score')).toHaveTextContent('Kesiapan 100/100'));
    expect(await screen.findByRole('button', { name: 'Lihat kesiapan' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Lihat yang kurang' })).not.toBeInTheDocument();
  });
});

describe('eligibility beside the score (issue #15)', () => {
  it('warns a general-group innovation under 2 years and never says ready to submit while the warning stands', async () => {
    const store = await freshWorkspace();
    const body = newDraftBody(kipp(), null);
    for (const s of kipp().sections) body.sections[s.key] = words(20);
    body.metadata = { ...body.metadata, kelompok: 'umum', 'tanggal-mulai': monthsAgo(15) };
    const draft = await store.create('draft', body);
    renderApp(`/rancangan/${draft.id}#kesiapan`);

    const panel = await screen.findByRole('region', { name: 'Kesiapan proposal' });
    const warnings = await screen.findByRole('note', { name: 'Syarat kelompok' });
    expect(warnings).toHaveTextContent(
      'Kelompok Umum: inovasi harus sudah berjalan minimal 2 tahun; baru 1 tahun 3 bulan.',
    );
    // Near the score, above the tabs: seen from the writing too.
    const score = screen.getByTestId('readiness-score');
    expect(score).toHaveTextContent('Kesiapan 100/100');
    expect(score.compareDocumentPosition(warnings) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(
      warnings.compareDocumentPosition(screen.getByRole('tablist')) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    // Complete, but not eligible: never "siap diajukan".
    expect(within(panel).getByTestId('readiness-verdict')).toHaveTextContent(
      'Tulisan lengkap, tetapi proposal belum memenuhi syarat kelompok',
    );
    expect(panel).not.toHaveTextContent('Proposal siap diajukan');

    locale.set('en');
    await waitFor(() =>
      expect(warnings).toHaveTextContent(
        'General group: the innovation must have run for at least 2 years; it has run for 1 year 3 months.',
      ),
    );
    locale.set('id');

    // The warning is a link to the start date, on the "Data" tab.
    const user = userEvent.setup();
    await user.click(within(warnings).getByRole('link'));
    expect(screen.getByRole('tab', { name: 'Data', selected: true })).toBeInTheDocument();
    const start = screen.getByLabelText('Tanggal mulai implementasi');
    await waitFor(() => expect(start).toHaveFocus());

    // A replication-group innovation needs 1 year: 15 months is enough, and the warning goes.
    await user.selectOptions(screen.getByLabelText('Kelompok'), 'replikasi');
    await waitFor(() =>
      expect(screen.queryByRole('note', { name: 'Syarat kelompok' })).not.toBeInTheDocument(),
    );
    await user.click(screen.getByRole('tab', { name: 'Kesiapan' }));
    expect(within(panel).queryByTestId('readiness-verdict')).not.toBeInTheDocument();
  });

  it('lists the start date and the group as missing while the rule cannot be checked', async () => {
    const store = await freshWorkspace();
    const body = newDraftBody(kipp(), null);
    for (const s of kipp().sections) body.sections[s.key] = words(20);
    const draft = await store.create('draft', { ...body, metadata: { ...body.metadata, kelompok: 'umum' } });
    renderApp(`/rancangan/${draft.id}#kesiapan`);
    const panel = await screen.findByRole('region', { name: 'Kesiapan proposal' });
    // Not a finding, so nothing beside the score; something to fill in, so listed, and never "siap diajukan".
    expect(screen.queryByRole('note', { name: 'Syarat kelompok' })).not.toBeInTheDocument();
    const missing = within(panel).getByRole('list', { name: 'Yang masih kurang' });
    const user = userEvent.setup();
    await user.click(
      within(missing).getByRole('link', {
        name: 'Kelompok Umum: isi tanggal mulai implementasi untuk memeriksa syarat minimal 2 tahun berjalan.',
      }),
    );
    await waitFor(() => expect(screen.getByLabelText('Tanggal mulai implementasi')).toHaveFocus());
    await user.selectOptions(screen.getByLabelText('Kelompok'), '');
    await user.click(screen.getByRole('tab', { name: 'Kesiapan' }));
    expect(
      await within(missing).findByRole('link', {
        name: 'Kelompok belum dipilih: syarat lama implementasi belum bisa diperiksa.',
      }),
    ).toBeInTheDocument();
    expect(within(panel).getByText('Yang masih kurang (4)')).toBeInTheDocument();
    expect(within(panel).queryByTestId('readiness-verdict')).not.toBeInTheDocument();
  });

  it('says ready to submit only with nothing missing and no warning', async () => {
    const store = await freshWorkspace();
    const body = newDraftBody(kipp(), null);
    for (const s of kipp().sections) body.sections[s.key] = words(20);
    body.metadata = { ...body.metadata, kelompok: 'khusus' };
    const draft = await store.create('draft', body);
    renderApp(`/rancangan/${draft.id}#kesiapan`);
    const panel = await screen.findByRole('region', { name: 'Kesiapan proposal' });
    // The special group has no minimum: no warning; the attachments are still missing, so not ready yet.
    expect(screen.queryByRole('note', { name: 'Syarat kelompok' })).not.toBeInTheDocument();
    expect(within(panel).queryByTestId('readiness-verdict')).not.toBeInTheDocument();
    expect(within(panel).getByRole('list', { name: 'Yang masih kurang' })).toBeInTheDocument();
  });
});

describe('how the score is worked out', () => {
  it('lists each section’s weight and what it earned, under "Bagaimana skor dihitung?"', async () => {
    const store = await freshWorkspace();
    const body = newDraftBody(kipp(), null);
    body.sections.signifikansi = words(20);
    body.sections.ringkasan = words(201);
    const draft = await store.create('draft', body);
    renderApp(`/rancangan/${draft.id}#kesiapan`);
    const panel = await screen.findByRole('region', { name: 'Kesiapan proposal' });
    const how = within(panel).getByTestId('readiness-how');
    expect(how).not.toHaveAttribute('open');
    const user = userEvent.setup();
    await user.click(within(how).getByText('Bagaimana skor dihitung?'));
    expect(how).toHaveTextContent('Skor = bobot yang didapat ÷ seluruh bobot (105) × 100.');
    const row = (name: string) =>
      Array.from(
        within(how).getByRole('rowheader', { name }).closest('tr')!.querySelectorAll('td'),
        (td) => td.textContent,
      );
    expect(row('Signifikansi')).toEqual(['30', '30']);
    expect(row('Ringkasan')).toEqual(['5', '2,5']); // over the limit: half
    expect(row('Adaptabilitas - potensi replikasi')).toEqual(['10', '0']);
    expect(how).toHaveTextContent(
      'Ringkasan tidak dinilai juri tetapi wajib ditulis: di skor ini bobotnya 5.',
    );
    // 32.5 of 105.
    expect(screen.getByTestId('readiness-score')).toHaveTextContent('Kesiapan 30/100');
  });
});

describe('the draft list', () => {
  it('shows each draft with the score its screen shows, checklists included', async () => {
    const store = await freshWorkspace();
    const body = newDraftBody(kipp(), null);
    for (const s of kipp().sections) if (s.key !== 'signifikansi') body.sections[s.key] = words(20);
    const draft = await store.create('draft', { ...body, title: 'Antar obat' });
    const template = latestChecklistTemplate('prinsip-pelayanan-6')!;
    const checklist = newChecklistBody(template, draft.id, null);
    for (const k of Object.keys(checklist.items)) checklist.items[k] = { status: 'belum', evidence: '' };
    await store.create('checklist', checklist);
    await store.create('draft', { ...newDraftBody(kipp(), null), title: 'Posyandu digital' });
    renderApp('/rancangan');

    const expected = `Kesiapan ${Math.floor(0.8 * (75 / 105) * 100)}/100`;
    const card = (await screen.findByRole('link', { name: 'Antar obat' })).closest('li')!;
    await waitFor(() => expect(within(card).getByTestId('draft-score')).toHaveTextContent(expected));
    const other = screen.getByRole('link', { name: 'Posyandu digital' }).closest('li')!;
    expect(within(other).getByTestId('draft-score')).toHaveTextContent('Kesiapan 0/100');
    expect(document.body).not.toHaveTextContent('Kelengkapan');
  });
});
