import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newDraftBody, newSessionBody } from '../../src/shared/domain';
import { latestProposalTemplate } from '../../src/shared/templates';
import { accountSession } from '../../src/lib/account/session.svelte';
import { flushAllEditors } from '../../src/lib/state/editors';
import { workspace } from '../../src/lib/state/workspace.svelte';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

describe('shell and router', () => {
  it('renders home with landmarks and navigates by link, moving focus to the new heading', async () => {
    await freshWorkspace();
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Untuk Anda' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Navigasi utama' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('link', { name: 'Sesi' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Sesi pendampingan' });
    expect(location.pathname).toBe('/sesi');
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByRole('link', { name: 'Sesi' })).toHaveAttribute('aria-current', 'page');
    expect(document.title).toBe('Sesi pendampingan · Rintis');
  });

  it('the back button returns to the previous screen', async () => {
    await freshWorkspace();
    renderApp('/rancangan');
    await screen.findByRole('heading', { level: 1, name: 'Proposal inovasi' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Lainnya' }));
    await user.click(screen.getByRole('link', { name: 'Unit' }));
    await screen.findByRole('heading', { level: 1, name: 'Unit dan orang' });
    history.back();
    expect(await screen.findByRole('heading', { level: 1, name: 'Proposal inovasi' })).toBeInTheDocument();
    expect(location.pathname).toBe('/rancangan');
  });

  it('opens deep links to records and shows a not-found screen for unknown paths', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', { ...newSessionBody(), place: 'Aula' });
    const { unmount } = renderApp(`/sesi/${session.id}`);
    expect(await screen.findByLabelText('Tempat')).toHaveValue('Aula');
    unmount();
    const second = renderApp('/sesi/tidak-ada');
    expect(await screen.findByText(/tidak ditemukan di perangkat ini/)).toBeInTheDocument();
    second.unmount();
    renderApp('/apa-ini');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Alamat /apa-ini tidak dikenal.')).toBeInTheDocument();
  });

  it('switches to English in Settings: persisted, <html lang> follows, screens re-render', async () => {
    await freshWorkspace();
    expect(document.documentElement.lang).toBe('id');
    renderApp('/pengaturan');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('rintis.locale')).toBe('en');
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Sessions' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Coaching sessions' })).toBeInTheDocument();
    expect(await screen.findByText('No sessions yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'More' }));
    await user.click(screen.getByRole('link', { name: 'Settings' }));
    await user.click(await screen.findByRole('radio', { name: 'Bahasa Indonesia' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Pengaturan' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('id');
  });
});

describe('home', () => {
  it('lists the latest sessions and drafts, and points to records needing recovery', async () => {
    const store = await freshWorkspace();
    await store.create('session', { ...newSessionBody(), startsAt: '2025-05-01T09:00', place: 'Aula Lama' });
    await store.create('session', { ...newSessionBody(), startsAt: '2025-06-01T09:00', place: 'Aula Baru' });
    await store.create('draft', {
      ...newDraftBody(latestProposalTemplate('kipp-2023-umum')!, null),
      title: 'Inovasi X',
    });
    renderApp('/');
    const sessions = await screen.findByRole('region', { name: 'Sesi terakhir' });
    await waitFor(() => expect(within(sessions).getAllByRole('listitem')).toHaveLength(2));
    expect(within(sessions).getAllByRole('listitem')[0]).toHaveTextContent('Aula Baru');
    const drafts = screen.getByRole('region', { name: 'Proposal terakhir' });
    expect(await within(drafts).findByRole('link', { name: 'Inovasi X' })).toBeInTheDocument();
    expect(screen.queryByText(/perlu dipulihkan/)).not.toBeInTheDocument();
  });
});

describe('first paint', () => {
  it('paints home heading and intro while the store opens, then the lists, with main busy until then', async () => {
    workspace.reset();
    accountSession.reset();
    renderApp('/');
    // Before the store is open: the heading and intro are there, the lists are not, main says it is busy.
    expect(screen.getByRole('heading', { level: 1, name: 'Untuk Anda' })).toBeInTheDocument();
    expect(
      screen.getByText('Semua yang Anda tulis tersimpan di perangkat ini, juga tanpa sinyal.'),
    ).toBeVisible();
    expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'true');
    expect(screen.queryByRole('region', { name: 'Sesi terakhir' })).not.toBeInTheDocument();
    // The header keeps the sign-in link's room, hidden from assistive technology, until the session is read.
    expect(screen.queryByRole('link', { name: 'Masuk' })).not.toBeInTheDocument();
    // Then the guest's database opens (after the first paint) and the lists come in together.
    expect(await screen.findByRole('region', { name: 'Sesi terakhir' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Unit dan orang' })).toBeInTheDocument();
    expect(screen.getByRole('main')).not.toHaveAttribute('aria-busy');
    expect(await screen.findByRole('link', { name: 'Masuk' })).toBeInTheDocument();
    expect(workspace.store).not.toBeNull();
    expect(workspace.userId).toBeNull();
  });
});

describe('autosave across tabs', () => {
  it('an editor keeps what the user types and takes other fields changed elsewhere (another tab)', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', newSessionBody());
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Tempat'), 'Aula');
    // Another tab writes a different field before this one's debounce fires.
    await store.update('session', session.id, { topics: 'Dari tab lain' });
    await waitFor(() => expect(screen.getByLabelText('Topik')).toHaveValue('Dari tab lain'));
    expect(screen.getByLabelText('Tempat')).toHaveValue('Aula');
    await flushAllEditors();
    expect(await store.get('session', session.id)).toMatchObject({ place: 'Aula', topics: 'Dari tab lain' });
  });

  it('two people on different sections of one draft: neither overwrites the other', async () => {
    const store = await freshWorkspace();
    const template = latestProposalTemplate('kipp-2023-umum')!;
    const draft = await store.create('draft', newDraftBody(template, null));
    renderApp(`/rancangan/${draft.id}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Ringkasan'), 'Ringkasan di sini');
    const current = (await store.get('draft', draft.id))!;
    await store.update('draft', draft.id, {
      sections: { ...current.sections, kebaruan: 'Kebaruan dari tab lain' },
    });
    await waitFor(() =>
      expect(screen.getByLabelText('Kebaruan/Nilai Tambah')).toHaveValue('Kebaruan dari tab lain'),
    );
    await flushAllEditors();
    const stored = await store.get('draft', draft.id);
    expect(stored?.sections.ringkasan).toBe('Ringkasan di sini');
    expect(stored?.sections.kebaruan).toBe('Kebaruan dari tab lain');
  });
});
