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
  it('shows the score and what is missing, and follows edits and checklist results', async () => {
    const store = await freshWorkspace();
    const body = newDraftBody(kipp(), null);
    for (const s of kipp().sections) if (s.key !== 'signifikansi') body.sections[s.key] = words(20);
    const draft = await store.create('draft', body);
    renderApp(`/rancangan/${draft.id}#kesiapan`);

    const panel = await screen.findByRole('region', { name: 'Kesiapan proposal' });
    // Signifikansi (weight 30 of 105) is empty.
    expect(within(panel).getByTestId('readiness-score')).toHaveTextContent(
      `Skor kesiapan: ${Math.floor((75 / 105) * 100)} dari 100`,
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
      expect(within(panel).getByTestId('readiness-score')).toHaveTextContent(
        `Skor kesiapan: ${Math.floor((90 / 105) * 100)} dari 100`,
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
    expect(within(panel).getByTestId('readiness-score')).toHaveTextContent(
      `Skor kesiapan: ${Math.floor(0.8 * (90 / 105) * 100)} dari 100`,
    );

    locale.set('en');
    expect(await screen.findByRole('region', { name: 'Proposal readiness' })).toBeInTheDocument();
    expect(
      within(panel).getByText('Signed statement of implementation: not attached yet'),
    ).toBeInTheDocument();
  });

  it('a complete text says nothing but the attachments is missing and scores 100', async () => {
    const store = await freshWorkspace();
    const body = newDraftBody(kipp(), null);
    for (const s of kipp().sections) body.sections[s.key] = words(20);
    const draft = await store.create('draft', body);
    renderApp(`/rancangan/${draft.id}#kesiapan`);
    const panel = await screen.findByRole('region', { name: 'Kesiapan proposal' });
    expect(within(panel).getByTestId('readiness-score')).toHaveTextContent('Skor kesiapan: 100 dari 100');
    const items = within(within(panel).getByRole('list', { name: 'Yang masih kurang' })).getAllByRole(
      'listitem',
    );
    expect(items.map((li) => li.textContent)).toEqual([
      'Surat pernyataan implementasi: belum dilampirkan',
      'Surat pernyataan identitas perorangan/tim inovator: belum dilampirkan',
      'Surat pernyataan kesediaan direplikasi: belum dilampirkan',
    ]);
  });
});
