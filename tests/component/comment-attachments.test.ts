/**
 * Photos and files on comments (jsdom + fake-indexeddb, the real comments panel and attachment components):
 * picked while writing a comment or a reply and attached when it is sent, added later to one's own comment,
 * and shown read-only (download with its size, no delete, no picker) on someone else's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { DOCX_MIME, type AttachmentBody } from '../../src/shared/attachments';
import type { BodyOf } from '../../src/shared/records';
import type { LocalStore } from '../../src/lib/db/types';
import type { CommentAuthor } from '../../src/lib/comments/draft-comments.svelte';
import SectionComments from '../../src/ui/comments/SectionComments.svelte';
import { acknowledgeCreation, freshWorkspace, teardown } from './workspace-helpers';
import { commentsAs } from './comments/harness.svelte';
import { aCommentBody, aDraftBody } from '../factories';

const roots: (() => void)[] = [];
afterEach(() => roots.splice(0).forEach((dispose) => dispose()));
afterEach(teardown);

const UNIT = '0190c7a2-1111-7000-8000-00000000000a';
const FAC: CommentAuthor = { userId: 'fac-1', name: 'Budi', role: 'facilitator' };
const INNO: CommentAuthor = { userId: 'inno-1', name: 'Sari', role: 'innovator' };

function renderPanel(store: LocalStore, draftId: string, author: CommentAuthor) {
  const { comments, dispose } = commentsAs(store, draftId, author);
  roots.push(dispose);
  const view = render(SectionComments, {
    comments,
    sectionKey: 'ringkasan',
    sectionLabel: 'Ringkasan',
    unitId: UNIT,
  });
  return { ...view, region: () => screen.getByRole('region', { name: 'Komentar bagian Ringkasan' }) };
}

const pdf = (size: number, name: string) => {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  for (let i = 9; i < size; i++) bytes[i] = (i * 31) % 251;
  return new File([bytes], name, { type: 'application/pdf' });
};

const draftIn = (store: LocalStore) =>
  store.create('draft', aDraftBody({ unitId: UNIT, title: 'Antar Obat' }));

const commentBody = (draftId: string, patch: Partial<BodyOf<'comment'>> = {}): BodyOf<'comment'> =>
  aCommentBody({
    recordId: draftId,
    unitId: UNIT,
    text: 'Lihat foto daftar hadir.',
    authorId: FAC.userId,
    authorName: FAC.name,
    authorRole: FAC.role,
    ...patch,
  });

async function open(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: /^Komentar/ }));
}

describe('attachments on comments', () => {
  it('attaches files picked while writing a comment: refused types said at once, one taken off, the rest sent with it', async () => {
    const store = await freshWorkspace();
    const draft = await draftIn(store);
    const panel = renderPanel(store, draft.id, FAC);
    const user = userEvent.setup({ applyAccept: false });
    await open(user);
    const region = panel.region();

    await user.type(
      within(region).getByLabelText('Komentar baru untuk bagian Ringkasan'),
      'Bukti terlampir.',
    );
    // The composer's own pickers: camera and gallery/files, labelled.
    const composer = region.querySelector('.comment-composer') as HTMLElement;
    expect(within(composer).getByLabelText('Ambil foto')).toHaveAttribute('capture', 'environment');
    const choose = within(composer).getByLabelText('Pilih foto atau berkas');
    await user.upload(choose, [
      pdf(20_480, 'notulen.pdf'),
      new File([new Uint8Array(10)], 'setup.exe', { type: 'application/x-msdownload' }),
    ]);
    expect(within(composer).getByRole('alert')).toHaveTextContent(/setup\.exe: Jenis berkas tidak didukung/);
    await user.upload(choose, pdf(4_096, 'salah.pdf'));
    const pending = within(composer).getByRole('list', { name: 'Lampiran yang ikut terkirim' });
    expect(within(pending).getByText('notulen.pdf')).toBeInTheDocument();
    expect(within(pending).getByText('20 KB')).toBeInTheDocument();
    await user.click(within(pending).getByRole('button', { name: 'Batal lampirkan salah.pdf' }));
    expect(within(pending).queryByText('salah.pdf')).toBeNull();
    // Nothing is stored before the comment is sent.
    expect(await store.list('attachment', { includeDeleted: true })).toEqual([]);

    await user.click(within(region).getByRole('button', { name: 'Kirim komentar' }));
    const thread = await within(region).findByTestId('comment-thread');
    const files = await within(thread).findByRole('group', { name: 'Lampiran komentar' });
    const item = await within(files).findByTestId('attachment');
    expect(within(item).getByText('notulen.pdf')).toBeInTheDocument();
    expect(item).toHaveAttribute('data-state', 'local');
    expect(within(item).getByTestId('attachment-state')).toHaveTextContent('Hanya di perangkat ini');
    expect(within(item).getByRole('button', { name: 'Hapus notulen.pdf' })).toBeInTheDocument();
    expect(within(composer).queryByRole('list', { name: 'Lampiran yang ikut terkirim' })).toBeNull();
    expect(within(composer).queryByRole('alert')).toBeNull();

    const [comment] = await store.list('comment', { recordId: draft.id });
    const [record] = await store.list('attachment', { parentId: comment!.id });
    expect(record).toMatchObject({ parentKind: 'comment', unitId: UNIT, slot: '', name: 'notulen.pdf' });
    expect(await store.blobs.upload(record!.sha256)).toMatchObject({ state: 'queued' });
    // The comment went into the outbox before its attachment, so it reaches the server first.
    const outbox = await store.outbox();
    const order = outbox.map((o) => o.recordId);
    expect(order.indexOf(comment!.id)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(comment!.id)).toBeLessThan(order.indexOf(record!.id));
  });

  it("attaches to a reply, and to one's own comment afterwards; shows the upload state in the thread", async () => {
    const store = await freshWorkspace();
    const draft = await draftIn(store);
    const comment = await store.create('comment', commentBody(draft.id));
    const panel = renderPanel(store, draft.id, FAC);
    const user = userEvent.setup({ applyAccept: false });
    await open(user);
    const thread = await within(panel.region()).findByTestId('comment-thread');

    // Own comment without files: one button opens the pickers.
    await user.click(within(thread).getByRole('button', { name: 'Lampirkan foto atau berkas' }));
    const group = within(thread).getByRole('group', { name: 'Lampiran komentar' });
    const docx = new File([new Uint8Array(3_000).fill(7)], 'catatan.docx', { type: DOCX_MIME });
    await user.upload(within(group).getByLabelText('Pilih foto atau berkas'), docx);
    const item = await within(group).findByTestId('attachment');
    expect(within(item).getByText('catatan.docx')).toBeInTheDocument();
    const [record] = await store.list('attachment', { parentId: comment.id });
    expect(record).toMatchObject({ parentKind: 'comment', mime: DOCX_MIME });

    // Its upload, as the queue reports it: uploading with progress, then uploaded.
    await acknowledgeCreation(store, record!);
    await store.blobs.updateUpload(record!.sha256, { state: 'uploading', sent: 1_500 });
    await waitFor(() => expect(item).toHaveAttribute('data-state', 'uploading'));
    expect(within(item).getByRole('progressbar', { name: 'Mengunggah 50%' })).toBeInTheDocument();
    await store.blobs.updateUpload(record!.sha256, { state: 'uploaded', sent: 3_000 });
    await waitFor(() => expect(item).toHaveAttribute('data-state', 'uploaded'));
    expect(within(item).getByTestId('attachment-state')).toHaveTextContent('Terunggah');

    // A reply with a file.
    const reply = within(thread).getByLabelText('Balasan untuk komentar Budi');
    await user.type(reply, 'Ini versi bertanda tangan.');
    const replyBox = reply.closest('.comment-composer') as HTMLElement;
    await user.upload(within(replyBox).getByLabelText('Pilih foto atau berkas'), pdf(8_192, 'ttd.pdf'));
    await user.click(within(thread).getByRole('button', { name: 'Kirim balasan' }));
    const replies = await within(thread).findByRole('list', { name: 'Balasan' });
    expect(await within(replies).findByText('ttd.pdf')).toBeInTheDocument();
    const replyRecord = (await store.list('comment', { recordId: draft.id })).find((c) => c.parentId)!;
    expect(await store.list('attachment', { parentId: replyRecord.id })).toEqual([
      expect.objectContaining({ name: 'ttd.pdf', parentKind: 'comment' }),
    ]);
  });

  it("shows someone else's comment files read-only: thumbnail, download with its size, no delete or picker", async () => {
    const store = await freshWorkspace();
    const draft = await draftIn(store);
    const comment = await store.create('comment', commentBody(draft.id));
    const thumbnail = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA==';
    // A photo synced from Budi's phone: the record is here, its bytes are on the server only.
    await store.create('attachment', {
      sha256: 'a'.repeat(64),
      name: 'daftar-hadir.jpg',
      mime: 'image/jpeg',
      size: 300 * 1024,
      originalSize: 3 * 1024 * 1024,
      parentId: comment.id,
      parentKind: 'comment',
      unitId: UNIT,
      slot: '',
      width: 1600,
      height: 1200,
      thumbnail,
    } satisfies AttachmentBody);
    const panel = renderPanel(store, draft.id, INNO);
    const user = userEvent.setup();
    await open(user);
    const thread = await within(panel.region()).findByTestId('comment-thread');
    const item = await within(thread).findByTestId('attachment');
    expect(within(item).getByRole('img', { name: 'Gambar kecil daftar-hadir.jpg' })).toHaveAttribute(
      'src',
      thumbnail,
    );
    expect(within(item).getByTestId('attachment-sizes')).toHaveTextContent('Asli 3 MB, disimpan 300 KB');
    expect(item).toHaveAttribute('data-state', 'remote');
    expect(within(item).getByRole('button', { name: 'Unduh (300 KB)' })).toBeInTheDocument();
    expect(within(item).queryByRole('button', { name: /^Hapus/ })).toBeNull();
    expect(within(thread).queryByRole('button', { name: 'Lampirkan foto atau berkas' })).toBeNull();
    const group = within(thread).getByRole('group', { name: 'Lampiran komentar' });
    expect(within(group).queryByLabelText('Pilih foto atau berkas')).toBeNull();
    // Her own reply box still takes files.
    const replyBox = within(thread)
      .getByLabelText('Balasan untuk komentar Budi')
      .closest('.comment-composer');
    expect(within(replyBox as HTMLElement).getByLabelText('Ambil foto')).toBeInTheDocument();
  });
});
