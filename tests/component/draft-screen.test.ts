/**
 * The draft screen puts the writing first (issue #14): the sections right under a one-line heading, the data,
 * readiness and review behind tabs kept in the address, text boxes that grow with their text, the word count
 * and limit by each box, and every missing item a link to the place where it is fixed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newChecklistBody, newDraftBody } from '../../src/shared/domain';
import { latestChecklistTemplate, latestProposalTemplate } from '../../src/shared/templates';
import { locale } from '../../src/lib/i18n/index.svelte';
import { GROW_MAX_SHARE } from '../../src/ui/shell/autosize';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

const kipp = () => latestProposalTemplate('kipp-2023-umum')!;
const LINE = 24;
const PADDING = 16;

/** jsdom lays nothing out: the text's height is its line count times a line (what a browser would measure). */
function measureByLines(box: HTMLTextAreaElement): void {
  Object.defineProperty(box, 'scrollHeight', {
    configurable: true,
    get: () => box.value.split('\n').length * LINE + PADDING,
  });
}

async function draftTitled(title: string) {
  const store = await freshWorkspace();
  const draft = await store.create('draft', { ...newDraftBody(kipp(), null), title });
  return { store, draft };
}

describe('the draft screen, writing first', () => {
  it('shows the sections right under the heading line, the other parts behind tabs', async () => {
    const { draft } = await draftTitled('Antar obat');
    renderApp(`/rancangan/${draft.id}`);
    const first = await screen.findByLabelText('Ringkasan');

    const heading = screen.getByRole('heading', { level: 1, name: 'Antar obat' });
    const tablist = screen.getByRole('tablist', { name: 'Bagian proposal' });
    expect(
      within(tablist)
        .getAllByRole('tab')
        .map((tab) => tab.textContent?.trim()),
    ).toEqual(['Tulisan', 'Data', 'Kesiapan', 'Tinjauan']);
    expect(within(tablist).getByRole('tab', { name: 'Tulisan' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(screen.getByTestId('readiness-score')).toHaveTextContent('Kesiapan 0/100'));
    // In reading order: the heading, the tabs, then the first section's text box, before any other field.
    const follows = (a: Node, b: Node) =>
      Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect(follows(heading, tablist)).toBe(true);
    expect(follows(tablist, first)).toBe(true);
    expect(document.querySelector('main :is(input, select, textarea)')).toBe(first);
    // The other parts are not built until they are opened: no data field, readiness or review yet.
    expect(screen.queryByLabelText('Judul inovasi')).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Kesiapan proposal' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Tinjauan' })).not.toBeInTheDocument();
  });

  it("offers the draft's message to share beside its outputs, in the review tab", async () => {
    const { draft } = await draftTitled('Antar obat');
    renderApp(`/rancangan/${draft.id}#tinjauan`);
    // jsdom has no share sheet: the button copies the message (the share sheet's case is share-buttons.test).
    const share = await screen.findByRole('button', { name: 'Salin pesan: Antar obat' });
    const outputs = screen.getByRole('link', { name: 'Cetak dan ekspor' });
    expect(share.closest('.outputs')).toBe(outputs.closest('.outputs'));
  });

  it('opens a tab by tap or by arrow keys, keeps it in the address, and keeps an opened tab built', async () => {
    const { draft } = await draftTitled('Antar obat');
    renderApp(`/rancangan/${draft.id}`);
    const user = userEvent.setup();
    await screen.findByLabelText('Ringkasan');
    const tab = (name: string) => screen.getByRole('tab', { name });
    const panel = (id: string) => document.getElementById(`draft-panel-${id}`);

    // One Tab stop: the open tab; the arrows move and open.
    expect(tab('Tulisan')).toHaveAttribute('tabindex', '0');
    expect(tab('Data')).toHaveAttribute('tabindex', '-1');
    tab('Tulisan').focus();
    await user.keyboard('{ArrowRight}');
    expect(tab('Data')).toHaveFocus();
    expect(tab('Data')).toHaveAttribute('aria-selected', 'true');
    expect(location.hash).toBe('#data');
    expect(await screen.findByLabelText('Judul inovasi')).toHaveValue('Antar obat');
    expect(panel('data')).not.toHaveAttribute('hidden');
    expect(panel('data')).toHaveAttribute('aria-labelledby', 'draft-tab-data');
    expect(panel('tulisan')).toHaveAttribute('hidden');

    await user.keyboard('{End}');
    expect(tab('Tinjauan')).toHaveFocus();
    expect(location.hash).toBe('#tinjauan');
    expect(await screen.findByRole('region', { name: 'Tinjauan' })).toBeInTheDocument();
    await user.keyboard('{ArrowRight}');
    expect(tab('Tulisan')).toHaveFocus();
    expect(location.hash).toBe('');
    await user.keyboard('{ArrowLeft}');
    expect(tab('Tinjauan')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(tab('Tulisan')).toHaveAttribute('aria-selected', 'true');
    // The data tab, opened once, stays built (hidden): what was typed there is not rebuilt away.
    expect(screen.getByLabelText('Judul inovasi')).not.toBeVisible();

    // "Lihat yang kurang" in the heading line opens readiness.
    await user.click(screen.getByRole('button', { name: 'Lihat yang kurang' }));
    expect(tab('Kesiapan')).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('region', { name: 'Kesiapan proposal' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Lihat yang kurang' })).not.toBeInTheDocument();
  });

  it('opens the tab named in the address, and the writing for a comment named by a search hit', async () => {
    const { draft } = await draftTitled('Antar obat');
    const { unmount } = renderApp(`/rancangan/${draft.id}#tinjauan`);
    expect(await screen.findByRole('region', { name: 'Tinjauan' })).toBeVisible();
    expect(screen.getByRole('tab', { name: 'Tinjauan' })).toHaveAttribute('aria-selected', 'true');
    unmount();
    renderApp(`/rancangan/${draft.id}#komentar-ringkasan`);
    expect(await screen.findByLabelText('Ringkasan')).toBeVisible();
    expect(screen.getByRole('tab', { name: 'Tulisan' })).toHaveAttribute('aria-selected', 'true');
  });

  it('links every missing item to its place: an attachment’s picker, a checklist, a section', async () => {
    const { store, draft } = await draftTitled('Antar obat');
    const template = latestChecklistTemplate('prinsip-pelayanan-6')!;
    await store.create('checklist', newChecklistBody(template, draft.id, null));
    renderApp(`/rancangan/${draft.id}#kesiapan`);
    const user = userEvent.setup();
    const panel = await screen.findByRole('region', { name: 'Kesiapan proposal' });
    const missing = within(panel).getByRole('list', { name: 'Yang masih kurang' });

    const attachment = within(missing).getByRole('link', {
      name: 'Surat pernyataan implementasi: belum dilampirkan',
    });
    expect(attachment).toHaveAttribute('href', '#required-surat-implementasi-file');
    await user.click(attachment);
    const statement = screen.getByRole('group', { name: 'Surat pernyataan implementasi' });
    expect(within(statement).getByLabelText('Pilih berkas PDF')).toHaveFocus();

    await user.click(
      await within(missing).findByRole('link', {
        name: `${template.title.id}: 0 belum terpenuhi, 0 sebagian, 6 belum dinilai`,
      }),
    );
    expect(screen.getByRole('link', { name: template.title.id })).toHaveFocus();

    await user.click(within(missing).getByRole('link', { name: 'Ringkasan: belum diisi' }));
    expect(screen.getByRole('tab', { name: 'Tulisan' })).toHaveAttribute('aria-selected', 'true');
    expect(location.hash).toBe('');
    await waitFor(() => expect(screen.getByLabelText('Ringkasan')).toHaveFocus());
  });

  it('shows the word count and limit right under each box, and over the limit not by colour alone', async () => {
    const { draft } = await draftTitled('Antar obat');
    renderApp(`/rancangan/${draft.id}`);
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Ringkasan');
    const count = screen.getByTestId('word-count-ringkasan');
    expect(box.nextElementSibling).toBe(count);
    expect(box.getAttribute('aria-describedby')?.split(' ')).toContain(count.id);
    expect(count).toHaveTextContent('0/200 kata · Belum diisi');

    await user.click(box);
    await user.paste(Array.from({ length: 123 }, () => 'kata').join(' '));
    expect(count).toHaveTextContent('123/200 kata · Lengkap');
    expect(count).not.toHaveClass('over');

    await user.paste(Array.from({ length: 80 }, () => ' lagi').join(''));
    expect(count).toHaveTextContent('203/200 kata — 3 kata melebihi batas · Melebihi batas');
    expect(count).toHaveClass('over');
    expect(count.querySelector('.over-mark')).toHaveTextContent('!');
    expect(box).toHaveClass('over');
  });

  it('shows each section’s competition weight and live word count beside its label (issue #15)', async () => {
    const { draft } = await draftTitled('Antar obat');
    renderApp(`/rancangan/${draft.id}`);
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Ringkasan');
    const meta = (key: string) => screen.getByTestId(`section-meta-${key}`);
    // The summary is not scored by the jury; the two Adaptabilitas questions share the group's 20.
    expect(meta('ringkasan')).toHaveTextContent('Tidak dinilai · 0/200 kata');
    await waitFor(() => expect(meta('signifikansi')).toHaveTextContent('Bobot 30% · 0/600 kata'));
    expect(meta('kebaruan')).toHaveTextContent('Bobot 15% · 0/200 kata');
    expect(meta('adaptabilitas-replikasi')).toHaveTextContent('Bobot 20% bersama · 0/100 kata');
    // Beside the label, in the same row, before the guide and the box.
    expect(meta('ringkasan').parentElement).toBe(
      box.closest('.field')?.querySelector('label')?.parentElement,
    );
    expect(screen.getByLabelText('Signifikansi')).toHaveAccessibleDescription(/^Bobot 30%/);

    await user.click(box);
    await user.paste(Array.from({ length: 123 }, () => 'kata').join(' '));
    expect(meta('ringkasan')).toHaveTextContent('Tidak dinilai · 123/200 kata');
    await user.paste(Array.from({ length: 80 }, () => ' lagi').join(''));
    expect(meta('ringkasan')).toHaveTextContent('203/200 kata');
    expect(meta('ringkasan').querySelector('.over')).not.toBeNull();

    locale.set('en');
    await waitFor(() => expect(meta('signifikansi')).toHaveTextContent('Weight 30% · 0/600 words'));
    expect(meta('adaptabilitas-potensi')).toHaveTextContent('Weight 20% shared · 0/200 words');
  });

  it('shows no weight for a template that weighs nothing', async () => {
    const store = await freshWorkspace();
    const profil = latestProposalTemplate('profil-inovasi-daerah')!;
    const draft = await store.create('draft', newDraftBody(profil, null));
    renderApp(`/rancangan/${draft.id}`);
    await screen.findByLabelText('Rancang bangun dan pokok perubahan');
    const meta = screen.getByTestId('section-meta-rancang-bangun');
    expect(meta).toHaveTextContent('0 kata (minimal 300)');
    expect(meta).not.toHaveTextContent(/Bobot|Tidak dinilai/);
  });

  it('grows a text box with its text, typed or merged in from another person, up to a maximum', async () => {
    const { store, draft } = await draftTitled('Antar obat');
    renderApp(`/rancangan/${draft.id}`);
    const user = userEvent.setup();
    const box = (await screen.findByLabelText('Ringkasan')) as HTMLTextAreaElement;
    expect(box).toHaveClass('grow');
    measureByLines(box);
    const style = getComputedStyle(box);
    const borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth) || 0;

    await user.click(box);
    await user.type(box, 'satu{Enter}dua{Enter}tiga{Enter}empat');
    expect(box.style.height).toBe(`${4 * LINE + PADDING + borders}px`);
    expect(box.style.overflowY).toBe('hidden');

    // Two more paragraphs arrive from elsewhere (another tab here; a sync is the same path): the box follows.
    await waitFor(async () =>
      expect((await store.get('draft', draft.id))?.sections.ringkasan).toBe('satu\ndua\ntiga\nempat'),
    );
    await store.update('draft', draft.id, {
      sections: {
        ...(await store.get('draft', draft.id))!.sections,
        ringkasan: 'satu\ndua\ntiga\nempat\nlima\nenam',
      },
    });
    await waitFor(() => expect(box.style.height).toBe(`${6 * LINE + PADDING + borders}px`));

    // A very long text stops at three quarters of the window and scrolls inside.
    await user.click(box);
    await user.paste('\nx'.repeat(60));
    expect(box.style.height).toBe(`${Math.round(window.innerHeight * GROW_MAX_SHARE)}px`);
    expect(box.style.overflowY).toBe('auto');
  });
});
