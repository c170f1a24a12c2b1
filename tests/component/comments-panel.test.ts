import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { BodyOf } from '../../src/shared/records';
import type { LocalStore } from '../../src/lib/db/types';
import { locale } from '../../src/lib/i18n/index.svelte';
import { workspace } from '../../src/lib/state/workspace.svelte';
import { freshWorkspace, renderApp, settle, teardown } from './workspace-helpers';
import SectionComments from '../../src/ui/comments/SectionComments.svelte';
import type { CommentAuthor } from '../../src/lib/comments/draft-comments.svelte';
import { commentsAs } from './comments/harness.svelte';
import { aCommentBody, aDraftBody, aSessionBody, proposalTemplate } from '../factories';

const roots: (() => void)[] = [];
afterEach(() => roots.splice(0).forEach((dispose) => dispose()));

/** One section's comments panel (Ringkasan) for a draft, as `author`. */
function renderPanel(store: LocalStore, draftId: string, author: CommentAuthor) {
  const { comments, dispose } = commentsAs(store, draftId, author);
  roots.push(dispose);
  return render(SectionComments, {
    comments,
    sectionKey: 'ringkasan',
    sectionLabel: 'Ringkasan',
    unitId: null,
  });
}

afterEach(teardown);

const commentBody = (draftId: string, patch: Partial<BodyOf<'comment'>> = {}): BodyOf<'comment'> =>
  aCommentBody({ recordId: draftId, text: 'Sasaran layanan belum jelas.', authorId: 'fac-1', ...patch });

async function draftWithTitle(store: LocalStore, title: string) {
  return store.create('draft', aDraftBody({ title }));
}

describe('comments on draft sections', () => {
  it(
    'adds a comment offline, replies, resolves and reopens it; the list shows the open count',
    { timeout: 30_000 },
    async () => {
      const store = await freshWorkspace();
      const draft = await draftWithTitle(store, 'Antar Obat');
      renderApp(`/rancangan/${draft.id}`);
      const user = userEvent.setup();

      // The sections render a few per frame: wait for the whole template.
      await waitFor(() =>
        expect(screen.getAllByRole('button', { name: 'Komentar (0)', expanded: false })).toHaveLength(
          proposalTemplate().sections.length,
        ),
      );
      const toggles = screen.getAllByRole('button', { name: 'Komentar (0)', expanded: false });
      const toggle = toggles.find((b) => b.getAttribute('aria-controls') === 'komentar-ringkasan')!;
      await user.click(toggle);
      expect(toggle).toHaveAttribute('aria-expanded', 'true');
      const region = screen.getByRole('region', { name: 'Komentar bagian Ringkasan' });
      expect(within(region).getByText('Belum ada komentar pada bagian ini.')).toBeInTheDocument();

      // An empty comment is refused with a message, nothing stored.
      await user.click(within(region).getByRole('button', { name: 'Kirim komentar' }));
      expect(within(region).getByRole('alert')).toHaveTextContent('Tulis komentarnya dulu.');
      await user.type(
        within(region).getByLabelText('Komentar baru untuk bagian Ringkasan'),
        'Perjelas sasaran.',
      );
      await user.click(within(region).getByRole('button', { name: 'Kirim komentar' }));

      const thread = await within(region).findByTestId('comment-thread');
      expect(within(thread).getByText('Perjelas sasaran.')).toBeInTheDocument();
      expect(within(thread).getByText('Terbuka')).toBeInTheDocument();
      expect(within(thread).getByText(/\(tamu\) · /)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Komentar: 1 terbuka dari 1' })).toBeInTheDocument();
      // Stored on the phone with its outbox entry, waiting for the next sync.
      const [stored] = await store.list('comment', { recordId: draft.id });
      expect(stored).toMatchObject({ text: 'Perjelas sasaran.', sectionKey: 'ringkasan', parentId: null });
      expect((await store.outbox()).some((e) => e.recordId === stored!.id && e.op === 'create')).toBe(true);

      await user.type(within(thread).getByLabelText(/^Balasan untuk komentar/), 'Sudah saya tambahkan.');
      await user.click(within(thread).getByRole('button', { name: 'Kirim balasan' }));
      const replies = await within(thread).findByRole('list', { name: 'Balasan' });
      expect(within(replies).getByText('Sudah saya tambahkan.')).toBeInTheDocument();

      await user.click(within(thread).getByRole('button', { name: 'Tandai selesai' }));
      expect(await within(thread).findByText('Selesai')).toBeInTheDocument();
      expect(within(thread).getByText(/^Selesai · ditandai/)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Komentar (1)' })).toBeInTheDocument();
      await user.click(within(thread).getByRole('button', { name: 'Buka lagi' }));
      expect(await within(thread).findByText(/^Dibuka lagi oleh/)).toBeInTheDocument();

      // The draft list shows the open thread.
      renderApp('/rancangan');
      const card = (await screen.findByRole('link', { name: 'Antar Obat' })).closest('li')!;
      await waitFor(() =>
        expect(within(card).getByTestId('open-comments')).toHaveTextContent('1 komentar terbuka'),
      );
    },
  );

  it('lets the author edit and delete their own comment', async () => {
    const store = await freshWorkspace();
    const draft = await draftWithTitle(store, 'Edit');
    renderPanel(store, draft.id, { userId: 'fac-1', name: 'Budi', role: 'facilitator' });
    await store.create('comment', commentBody(draft.id));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Komentar: 1 terbuka dari 1' }));
    const thread = await screen.findByTestId('comment-thread');
    expect(within(thread).getByText(/^Budi \(pendamping\) · /)).toBeInTheDocument();
    await user.click(within(thread).getByRole('button', { name: 'Ubah' }));
    const box = within(thread).getByLabelText('Ubah komentar');
    expect(box).toHaveValue('Sasaran layanan belum jelas.');
    await user.clear(box);
    await user.type(box, 'Sasaran: lansia.');
    await user.click(within(thread).getByRole('button', { name: 'Simpan' }));
    expect(await within(thread).findByText('Sasaran: lansia.')).toBeInTheDocument();
    await user.click(within(thread).getByRole('button', { name: 'Hapus' }));
    await waitFor(() => expect(screen.queryByTestId('comment-thread')).toBeNull());
    expect((await store.list('comment', { includeDeleted: true }))[0]).toMatchObject({ deleted: true });
  });

  it('offers an innovator reply and resolve but no new thread, and a viewer nothing to write', async () => {
    const store = await freshWorkspace();
    const draft = await draftWithTitle(store, 'Peran');
    await store.create('comment', commentBody(draft.id));
    const inno = renderPanel(store, draft.id, { userId: 'inno-1', name: 'Sari', role: 'innovator' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Komentar: 1 terbuka dari 1' }));
    const thread = await screen.findByTestId('comment-thread');
    expect(screen.queryByLabelText('Komentar baru untuk bagian Ringkasan')).toBeNull();
    // Not the author: no edit or delete.
    expect(within(thread).queryByRole('button', { name: 'Ubah' })).toBeNull();
    await user.click(within(thread).getByRole('button', { name: 'Tandai selesai' }));
    expect(await within(thread).findByText(/^Selesai · ditandai Sari \(inovator\)/)).toBeInTheDocument();
    const [stored] = await store.list('comment');
    expect(Object.keys(stored!.resolutions)).toEqual(['inno-1']);
    inno.unmount();

    renderPanel(store, draft.id, { userId: 'viewer-1', name: 'Pak Wali', role: 'viewer' });
    await user.click(await screen.findByRole('button', { name: 'Komentar (1)' }));
    expect(await screen.findByText('Anda hanya dapat membaca komentar.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Kirim|Tandai|Buka lagi/ })).toBeNull();
  });

  it('speaks English when chosen', async () => {
    const store = await freshWorkspace();
    locale.set('en');
    const draft = await draftWithTitle(store, 'English');
    await store.create('comment', commentBody(draft.id));
    renderPanel(store, draft.id, { userId: 'fac-1', name: 'Budi', role: 'facilitator' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Comments: 1 open of 1' }));
    expect(await screen.findByText(/^Budi \(facilitator\) · /)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark resolved' })).toBeInTheDocument();
  });
});

describe('search across sessions, drafts and comments', () => {
  it(
    'finds all three offline; a comment hit opens its draft at that section’s comments',
    { timeout: 30_000 },
    async () => {
      const store = await freshWorkspace();
      const session = await store.create(
        'session',
        aSessionBody({ place: 'Aula Puskesmas', notes: 'Membahas posyandu keliling untuk lansia.' }),
      );
      const draft = await draftWithTitle(store, 'Posyandu Keliling');
      const other = await draftWithTitle(store, 'Antar Obat');
      const comment = await store.create(
        'comment',
        commentBody(other.id, {
          sectionKey: 'ringkasan',
          text: 'Bagaimana dengan posyandu di desa terpencil?',
        }),
      );
      const app = renderApp('/cari');
      const user = userEvent.setup();
      const box = await screen.findByRole('searchbox', { name: 'Cari di sesi, proposal, dan komentar' });
      await user.type(box, 'posyandu');

      const sessions = await screen.findByRole('region', { name: 'Sesi pendampingan (1)' });
      expect(within(sessions).getByRole('link')).toHaveAttribute('href', `/sesi/${session.id}`);
      const drafts = screen.getByRole('region', { name: 'Proposal (1)' });
      expect(within(drafts).getByRole('link', { name: 'Posyandu Keliling' })).toHaveAttribute(
        'href',
        `/rancangan/${draft.id}`,
      );
      const comments = screen.getByRole('region', { name: 'Komentar (1)' });
      expect(within(comments).getByText('Komentar Budi pada bagian Ringkasan')).toBeInTheDocument();
      expect(within(comments).getByText(/posyandu di desa terpencil/)).toBeInTheDocument();
      const link = within(comments).getByRole('link', { name: 'Antar Obat' });
      expect(link).toHaveAttribute('href', `/rancangan/${other.id}#komentar-ringkasan`);

      await user.click(link);
      const region = await screen.findByRole('region', { name: 'Komentar bagian Ringkasan' });
      await waitFor(() => expect(region).toHaveFocus());
      expect(await within(region).findByText(comment.text)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Komentar: 1 terbuka dari 1' })).toHaveAttribute(
        'aria-expanded',
        'true',
      );

      // Nothing found says so (one app on the page: the first is taken down before the second starts).
      app.unmount();
      renderApp('/cari');
      await user.type(await screen.findByRole('searchbox'), 'zzzz');
      expect(await screen.findByText('Tidak ada yang cocok dengan "zzzz".')).toBeInTheDocument();
      await settle();
      expect(workspace.store).toBe(store);
    },
  );
});
