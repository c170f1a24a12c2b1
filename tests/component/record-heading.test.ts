import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newChecklistBody, newDraftBody, newSessionBody } from '../../src/shared/domain';
import { latestChecklistTemplate, latestProposalTemplate } from '../../src/shared/templates';
import { paths } from '../../src/lib/router/routes';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

const kipp = () => latestProposalTemplate('kipp-2023-umum')!;

/** Is `a` before `b` in the page? */
const before = (a: Element, b: Element) =>
  Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

/** The links of the screen's content (not the header or the bottom bar) that come before `field`. */
function linksBefore(field: Element): string[] {
  return within(screen.getByRole('main'))
    .queryAllByRole('link')
    .filter((link) => before(link, field))
    .map((link) => link.textContent?.trim() ?? '');
}

describe('the record heading (shared by the session, draft and checklist screens)', () => {
  it('opens a session with its title and one state line, the first field next, print and delete at the end', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', { ...newSessionBody(), place: 'Aula' });
    renderApp(`/sesi/${session.id}`);
    const when = await screen.findByLabelText('Tanggal dan jam');
    const title = screen.getByRole('heading', { level: 1, name: 'Sesi pendampingan' });
    const state = screen.getByTestId('record-state');
    expect(state).toHaveTextContent('Tersimpan di perangkat ini');
    expect(before(title, state) && before(state, when)).toBe(true);
    // Nothing to tap between the title and the first field: the way back is the bottom bar.
    expect(linksBefore(when)).toEqual([]);
    const print = screen.getByRole('link', { name: 'Cetak dan ekspor' });
    const remove = screen.getByRole('button', { name: 'Hapus sesi' });
    expect(before(screen.getByLabelText('Topik'), print)).toBe(true);
    expect(print.closest('.record-actions')).toBe(remove.closest('.record-actions'));
  });

  it('gives the draft and the checklist the same heading', async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', { ...newDraftBody(kipp(), null), title: 'Inovasi A' });
    const template = latestChecklistTemplate('kriteria-inovasi-5')!;
    const checklist = await store.create('checklist', newChecklistBody(template, draft.id, null));

    const { unmount } = renderApp(paths.draft(draft.id));
    expect(await screen.findByRole('heading', { level: 1, name: 'Inovasi A' })).toBeInTheDocument();
    expect(screen.getByTestId('record-state')).toHaveTextContent('Tersimpan di perangkat ini');
    const firstSection = (await screen.findAllByRole('textbox'))[0]!;
    expect(linksBefore(firstSection)).toEqual([]);
    unmount();

    renderApp(paths.checklist(draft.id, checklist.id));
    expect(await screen.findByRole('heading', { level: 1, name: template.title.id })).toBeInTheDocument();
    expect(screen.getByTestId('record-state')).toHaveTextContent('Tersimpan di perangkat ini');
    const firstItem = screen.getAllByRole('radio')[0]!;
    expect(before(screen.getByTestId('record-state'), screen.getByTestId('checklist-summary'))).toBe(true);
    expect(linksBefore(firstItem)).toEqual([]);
    // The way back to the draft is at the end, beside the delete.
    const back = screen.getByRole('link', { name: 'Kembali ke proposal' });
    expect(back.closest('.record-actions')).toBe(
      screen.getByRole('button', { name: 'Hapus daftar periksa' }).closest('.record-actions'),
    );
  });

  it('calls nothing saved while a new session is not stored yet', async () => {
    await freshWorkspace();
    renderApp('/sesi/baru');
    await screen.findByLabelText('Tempat');
    expect(screen.getByRole('heading', { level: 1, name: 'Sesi baru' })).toBeInTheDocument();
    expect(screen.getByTestId('record-state')).toHaveTextContent('');
    expect(screen.queryByRole('button', { name: 'Hapus sesi' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Cetak dan ekspor' })).not.toBeInTheDocument();
  });

  it('says a record is deleted, offers the way back and restores it in place', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', { ...newSessionBody(), place: 'Aula' });
    await store.remove('session', session.id);
    renderApp(`/sesi/${session.id}`);
    expect(await screen.findByRole('alert')).toHaveTextContent('Data ini sudah dihapus.');
    expect(screen.getByRole('link', { name: 'Kembali: Sesi pendampingan' })).toHaveAttribute('href', '/sesi');
    expect(screen.queryByTestId('record-state')).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Pulihkan' }));
    expect(await screen.findByLabelText('Tempat')).toHaveValue('Aula');
    await waitFor(async () => expect((await store.get('session', session.id))?.deleted).toBe(false));
    expect(screen.getByTestId('record-state')).toHaveTextContent('Tersimpan di perangkat ini');
  });

  it('says a record is not on this phone, with the way to its list', async () => {
    await freshWorkspace();
    renderApp('/rancangan/0190a000-0000-7000-8000-00000000ffff');
    expect(await screen.findByRole('alert')).toHaveTextContent('Data ini tidak ditemukan di perangkat ini.');
    expect(screen.getByRole('link', { name: 'Kembali: Proposal inovasi' })).toHaveAttribute(
      'href',
      '/rancangan',
    );
    expect(screen.queryByRole('button', { name: 'Pulihkan' })).not.toBeInTheDocument();
  });
});
