import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newDraftBody } from '../../src/shared/domain';
import { latestProposalTemplate } from '../../src/shared/templates';
import { locale } from '../../src/lib/i18n/index.svelte';
import { syncStatus } from '../../src/lib/sync/status.svelte';
import type { ReviewActor } from '../../src/lib/review/actions';
import type { ReviewStatus } from '../../src/shared/domain/review';
import { staleMoveRefusal } from '../../src/shared/domain/review';
import { flattenBody } from '../../src/shared/fieldPaths';
import type { RecordOfKind } from '../../src/shared/records';
import { rejectMessage } from '../../src/server/sync/messages';
import ReviewPanel from '../../src/ui/review/ReviewPanel.svelte';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(() => {
  syncStatus.reset();
  teardown();
});

const kipp = () => latestProposalTemplate('kipp-2023-umum')!;
const actor = (role: ReviewActor['role']): ReviewActor => ({
  userId: `user-${role}`,
  name: `Budi ${role}`,
  role,
});

async function draftIn(status: ReviewStatus) {
  const store = await freshWorkspace();
  const draft = await store.create('draft', {
    ...newDraftBody(kipp(), null),
    title: 'Antar obat',
    reviewStatus: status,
  });
  return { store, draft };
}

/** Renders the panel alone for one role, following the stored draft like the screen does. */
async function panelFor(role: ReviewActor['role'], status: ReviewStatus) {
  const { store, draft } = await draftIn(status);
  const view = render(ReviewPanel, {
    store,
    draftId: draft.id,
    draft: { reviewStatus: draft.reviewStatus, sent: draft.sent ?? null },
    actor: () => actor(role),
  });
  const rerender = async () => {
    const now = (await store.get('draft', draft.id))!;
    await view.rerender({ draft: { reviewStatus: now.reviewStatus, sent: now.sent ?? null } });
  };
  return { store, draft, rerender };
}

const buttonNames = () =>
  within(screen.getByRole('group', { name: 'Ubah status tinjauan' }))
    .getAllByRole('button')
    .map((b) => b.textContent?.trim());

describe('review panel', () => {
  it("offers only the moves of the person's role", async () => {
    await panelFor('innovator', 'diajukan');
    expect(screen.getByTestId('review-status')).toHaveTextContent('Status tinjauan: Diajukan');
    expect(buttonNames()).toEqual(['Tarik kembali pengajuan']);
    cleanup();
    teardown();

    await panelFor('facilitator', 'diajukan');
    expect(buttonNames()).toEqual(['Minta revisi', 'Setujui']);
    cleanup();
    teardown();

    await panelFor('coordinator', 'disetujui');
    expect(buttonNames()).toEqual(['Minta revisi', 'Tandai siap kirim']);
    cleanup();
    teardown();

    await panelFor('innovator', 'revisi');
    expect(buttonNames()).toEqual(['Ajukan ulang']);
    cleanup();
    teardown();

    await panelFor('viewer', 'diajukan');
    expect(screen.queryByRole('group', { name: 'Ubah status tinjauan' })).toBeNull();
    expect(screen.getByText('Peran Anda tidak dapat mengubah status ini.')).toBeInTheDocument();
  });

  it('submits offline: the status move and a snapshot of the sections, each in its own outbox entry', async () => {
    const { store, draft, rerender } = await panelFor('innovator', 'draft');
    // An edit still waiting to sync: it must not travel in the same change as the move.
    await store.update('draft', draft.id, { sections: { ...draft.sections, ringkasan: 'Obat diantar.' } });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Ajukan untuk ditinjau' }));
    await waitFor(async () => expect((await store.get('draft', draft.id))?.reviewStatus).toBe('diajukan'));
    await rerender();
    expect(screen.getByTestId('review-status')).toHaveTextContent('Diajukan');
    expect(screen.getByRole('status')).toHaveTextContent('Status diubah menjadi "Diajukan"');

    const [snapshot] = await store.list('submission', { draftId: draft.id });
    expect(snapshot).toMatchObject({
      number: 1,
      submittedBy: 'user-innovator',
      submittedByName: 'Budi innovator',
      templateKey: 'kipp-2023-umum',
    });
    expect(snapshot!.sections.ringkasan).toBe('Obat diantar.');
    const entries = (await store.outbox()).filter((e) => e.recordId === draft.id);
    const move = entries.find((e) => 'reviewStatus' in e.values && e.op === 'update');
    expect(move?.values).toEqual({ reviewStatus: 'diajukan' });
    // Editing after the move starts yet another entry.
    await store.update('draft', draft.id, { title: 'Antar obat ke rumah' });
    const after = (await store.outbox()).filter((e) => e.recordId === draft.id);
    expect(after.find((e) => e.seq === move!.seq)?.values).toEqual({ reviewStatus: 'diajukan' });
  });

  it('asks for the competition and the date in a dialog before marking a draft sent, then offers "Buka kembali"', async () => {
    const { store, draft, rerender } = await panelFor('coordinator', 'siap-kirim');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tandai terkirim…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Dikirim ke kompetisi' });
    expect(dialog).toHaveAttribute('open');
    // It says what the move does: the content is locked until reopened; comments go on.
    expect(dialog).toHaveTextContent('isi proposal terkunci (hanya baca) bagi semua orang');
    const form = within(dialog).getByRole('form', { name: 'Dikirim ke kompetisi' });
    // The focus moved in, to the first field.
    expect(within(form).getByLabelText('Kompetisi')).toHaveFocus();
    const date = within(form).getByLabelText('Tanggal kirim');
    expect((date as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await user.clear(date);
    await user.type(date, '2026-11-20');
    await user.type(within(form).getByLabelText('Kompetisi'), 'KIPP 2026');
    await user.click(within(form).getByRole('button', { name: 'Simpan: terkirim' }));
    await waitFor(async () =>
      expect(await store.get('draft', draft.id)).toMatchObject({
        reviewStatus: 'terkirim',
        sent: { competition: 'KIPP 2026', date: '2026-11-20' },
      }),
    );
    await rerender();
    expect(screen.getByTestId('review-sent')).toHaveTextContent('Dikirim ke KIPP 2026 pada 20 Nov 2026.');
    expect(screen.queryByRole('dialog')).toBeNull();
    // The moved-from button is gone: the focus is on the new status, not lost.
    expect(screen.getByTestId('review-status')).toHaveFocus();
    expect(buttonNames()).toEqual(['Buka kembali']);

    // Reopening unlocks the draft for everyone: it asks first.
    await user.click(screen.getByRole('button', { name: 'Buka kembali' }));
    const reopen = await screen.findByRole('dialog', { name: 'Buka kembali proposal ini?' });
    expect(reopen).toHaveTextContent(
      'Status kembali menjadi "Siap kirim" dan isi proposal dapat diubah lagi.',
    );
    await user.click(within(reopen).getByRole('button', { name: 'Buka kembali' }));
    await waitFor(async () => expect((await store.get('draft', draft.id))?.reviewStatus).toBe('siap-kirim'));
  });

  it('says so when the competition is left empty, and keeps the status', async () => {
    const { store, draft } = await panelFor('coordinator', 'siap-kirim');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tandai terkirim…' }));
    const form = screen.getByRole('form', { name: 'Dikirim ke kompetisi' });
    // The browser's own `required` check is bypassed: the store's schema still refuses it.
    (within(form).getByLabelText('Kompetisi') as HTMLInputElement).required = false;
    await user.type(within(form).getByLabelText('Kompetisi'), '   ');
    await user.click(within(form).getByRole('button', { name: 'Simpan: terkirim' }));
    // Said inside the dialog, which stays open with what was typed.
    expect(await within(screen.getByRole('dialog')).findByRole('alert')).toHaveTextContent(
      'Status tidak dapat diubah: Nama kompetisi wajib diisi',
    );
    expect((await store.get('draft', draft.id))?.reviewStatus).toBe('siap-kirim');
  });

  it('asks what to revise: the words are required, and they become a comment written with the move', async () => {
    const { store, draft, rerender } = await panelFor('facilitator', 'diajukan');
    const user = userEvent.setup();
    const ask = screen.getByRole('button', { name: 'Minta revisi' });
    await user.click(ask);
    const dialog = await screen.findByRole('dialog', { name: 'Apa yang perlu direvisi?' });
    const note = within(dialog).getByLabelText('Yang perlu direvisi');
    expect(note).toHaveFocus();
    expect(within(dialog).getByLabelText('Pada bagian')).toHaveDisplayValue('Ringkasan');

    // Sent empty: a clear error on the field, in the reader's language; nothing moves, nothing is written.
    await user.click(within(dialog).getByRole('button', { name: 'Kirim: minta revisi' }));
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(note).toHaveAccessibleDescription(
      'Tulis apa yang perlu direvisi: inovator membacanya sebagai komentar pada proposal.',
    );
    expect(note).toHaveFocus();
    expect((await store.get('draft', draft.id))?.reviewStatus).toBe('diajukan');
    expect(await store.list('comment', { recordId: draft.id })).toEqual([]);
    locale.set('en');
    expect(
      await within(dialog).findByText(
        'Write what needs revising: the innovator reads it as a comment on the proposal.',
      ),
    ).toBeInTheDocument();
    locale.set('id');

    await user.type(note, 'Tambahkan data jumlah warga yang dilayani per bulan.');
    expect(note).not.toHaveAttribute('aria-invalid');
    await user.selectOptions(within(dialog).getByLabelText('Pada bagian'), 'Latar Belakang dan Tujuan');
    await user.click(within(dialog).getByRole('button', { name: 'Kirim: minta revisi' }));
    await waitFor(async () => expect((await store.get('draft', draft.id))?.reviewStatus).toBe('revisi'));
    await rerender();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('review-status')).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Status diubah menjadi "Revisi"; catatan Anda menjadi komentar pada bagian "Latar Belakang dan Tujuan".',
    );

    const [comment] = await store.list('comment', { recordId: draft.id });
    expect(comment).toMatchObject({
      recordKind: 'draft',
      sectionKey: 'latar-belakang-tujuan',
      text: 'Tambahkan data jumlah warga yang dilayani per bulan.',
      parentId: null,
      authorId: 'user-facilitator',
      authorName: 'Budi facilitator',
      authorRole: 'facilitator',
      unitId: draft.unitId,
    });
    // The move and the comment both wait to be sent (the move in an entry of its own, as every move).
    const outbox = await store.outbox();
    expect(
      outbox.find((e) => e.recordId === draft.id && e.op === 'update' && 'reviewStatus' in e.values)?.values,
    ).toEqual({ reviewStatus: 'revisi' });
    expect(outbox.some((e) => e.recordId === comment!.id && e.kind === 'comment')).toBe(true);
  });

  it('cancels with Escape or "Batal": nothing moves, the focus goes back to the button, the words stay', async () => {
    const { store, draft } = await panelFor('facilitator', 'diajukan');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Minta revisi' }));
    await user.type(await screen.findByLabelText('Yang perlu direvisi'), 'Perjelas sasaran.');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Minta revisi' })).toHaveFocus();
    expect((await store.get('draft', draft.id))?.reviewStatus).toBe('diajukan');
    // Opened again, what was typed is still there.
    await user.click(screen.getByRole('button', { name: 'Minta revisi' }));
    expect(await screen.findByLabelText('Yang perlu direvisi')).toHaveValue('Perjelas sasaran.');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Batal' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Minta revisi' })).toHaveFocus();
    expect(await store.list('comment', { recordId: draft.id })).toEqual([]);
  });

  it('asks before approving; the focus starts on "Batal"', async () => {
    const { store, draft } = await panelFor('facilitator', 'diajukan');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Setujui' }));
    const dialog = await screen.findByRole('dialog', { name: 'Setujui proposal ini?' });
    expect(dialog).toHaveTextContent('Status tidak dapat kembali ke "Diajukan"');
    expect(within(dialog).getByRole('button', { name: 'Batal' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await store.get('draft', draft.id))?.reviewStatus).toBe('diajukan');
    expect(screen.getByRole('button', { name: 'Setujui' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Setujui' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Setujui' }));
    await waitFor(async () => expect((await store.get('draft', draft.id))?.reviewStatus).toBe('disetujui'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('moves at once when the role can take the move straight back (a first submission)', async () => {
    const { store, draft } = await panelFor('innovator', 'draft');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Ajukan untuk ditinjau' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(async () => expect((await store.get('draft', draft.id))?.reviewStatus).toBe('diajukan'));
  });

  it('shows a move the server refused, with its reason', async () => {
    const { store, draft } = await panelFor('innovator', 'draft');
    await syncStatus.start(store, { getToken: () => null, triggers: false });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Ajukan untuk ditinjau' }));
    await waitFor(async () => expect((await store.get('draft', draft.id))?.reviewStatus).toBe('diajukan'));
    const move = (await store.outbox()).find((e) => e.recordId === draft.id && 'reviewStatus' in e.values)!;
    const reason =
      'Perubahan status tinjauan ini ditolak server. / The server refused this review status change. (Status tidak boleh diubah dari "Revisi" ke "Diajukan" oleh inovator.)';
    await store.reject(move.seq, 'review-transition', reason);
    const refused = await screen.findByTestId('review-refused');
    expect(
      within(refused).getByRole('heading', { name: 'Perubahan status ditolak server' }),
    ).toBeInTheDocument();
    expect(refused).toHaveTextContent('Status tidak boleh diubah dari "Revisi" ke "Diajukan" oleh inovator.');
    // "Buang perubahan ini": the refused move goes; the rest of the outbox stays.
    await userEvent.setup().click(within(refused).getByRole('button', { name: 'Buang perubahan ini' }));
    await waitFor(() => expect(screen.queryByTestId('review-refused')).toBeNull());
    const left = await store.outbox();
    expect(left.map((e) => e.seq)).not.toContain(move.seq);
    expect(left.some((e) => e.kind === 'submission')).toBe(true);
  });

  it('shows why a move made on an out-of-date screen was refused, and lets the reviewer act on the fresh state', async () => {
    const { store, draft } = await draftIn('diajukan');
    // The draft as the facilitator's phone last pulled it: the server's version 7 of every path.
    const [create] = await store.outbox();
    const versionsAt = (v: number) =>
      Object.fromEntries([...Object.keys(flattenBody('draft', draft)), 'deleted'].map((p) => [p, v]));
    const pulled = (body: Partial<RecordOfKind<'draft'>>, version: number): RecordOfKind<'draft'> => ({
      ...draft,
      ...body,
      rev: version,
      fieldVersions: versionsAt(version),
    });
    await store.acknowledge(create!.seq, pulled({}, 7));
    await syncStatus.start(store, { getToken: () => null, triggers: false });
    const view = render(ReviewPanel, {
      store,
      draftId: draft.id,
      draft: { reviewStatus: 'diajukan', sent: null },
      rev: 7,
      actor: () => actor('facilitator'),
    });
    const follow = async () => {
      const now = (await store.get('draft', draft.id))!;
      await view.rerender({
        draft: { reviewStatus: now.reviewStatus, sent: now.sent ?? null },
        rev: now.rev,
      });
    };
    const user = userEvent.setup();
    /** "Setujui", then "Setujui" again in the confirmation. */
    const approve = async () => {
      await user.click(screen.getByRole('button', { name: 'Setujui' }));
      await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Setujui' }));
    };

    await approve();
    await waitFor(async () => expect((await store.get('draft', draft.id))?.reviewStatus).toBe('disetujui'));
    await follow();
    // The move carries the review state it was made from: the version of the status this phone held.
    const move = (await store.outbox()).find((e) => e.recordId === draft.id && 'reviewStatus' in e.values)!;
    expect(move.base).toEqual({ reviewStatus: 7 });

    // Meanwhile the innovator withdrew and resubmitted: the server refuses the approval with what happened.
    await store.reject(
      move.seq,
      'review-transition',
      rejectMessage('review-transition', staleMoveRefusal('diajukan', ['draft', 'diajukan'], 'diajukan')),
    );
    const refused = await screen.findByTestId('review-refused');
    expect(refused).toHaveTextContent(
      'Perubahan status tinjauan ini ditolak server. Proposal ini sudah berubah sejak Anda membukanya: ditarik kembali, lalu diajukan lagi. Status sekarang "Diajukan". Buang perubahan ini untuk memuat versi terbaru, lalu tinjau lagi.',
    );
    expect(refused).not.toHaveTextContent('This proposal changed');
    // The status shown is the refused one: no moves from it, and no "saved, will be sent" claim.
    expect(screen.queryByRole('group', { name: 'Ubah status tinjauan' })).toBeNull();
    expect(
      screen.getByText(
        'Buang dulu perubahan yang ditolak; setelah itu status dari server dimuat dan Anda dapat memilih lagi.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    locale.set('en');
    expect(
      await within(refused).findByText(
        /The server refused this review status change\. This proposal changed after you opened it: withdrawn, then submitted again\. It is now "Submitted"\./,
      ),
    ).toBeInTheDocument();
    locale.set('id');

    // Discarding it, then the next pull brings the resubmission (version 12): the reviewer can approve that one.
    await user.click(await within(refused).findByRole('button', { name: 'Buang perubahan ini' }));
    await waitFor(() => expect(screen.queryByTestId('review-refused')).toBeNull());
    await store.applyRemote([pulled({ sections: { ...draft.sections, ringkasan: 'Versi kedua.' } }, 12)]);
    await follow();
    expect(screen.getByTestId('review-status')).toHaveTextContent('Status tinjauan: Diajukan');
    expect(buttonNames()).toEqual(['Minta revisi', 'Setujui']);
    await approve();
    await waitFor(async () => expect((await store.get('draft', draft.id))?.reviewStatus).toBe('disetujui'));
    const again = (await store.outbox()).filter((e) => e.recordId === draft.id && 'reviewStatus' in e.values);
    expect(again.map((e) => e.base)).toEqual([{ reviewStatus: 12 }]);
  });

  it('reads in English', async () => {
    await panelFor('facilitator', 'diajukan');
    locale.set('en');
    expect(await screen.findByText('Review status: Submitted')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ask for a revision' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Ask for a revision' }));
    const ask = await screen.findByRole('dialog', { name: 'What needs revising?' });
    expect(within(ask).getByLabelText('What needs revising')).toHaveFocus();
    expect(within(ask).getByLabelText('On the section')).toHaveDisplayValue('Summary');
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('dialog', { name: 'Approve this proposal?' })).toHaveTextContent(
      'The status cannot go back to "Submitted"',
    );
  });
});

describe('review loop on the draft screen', () => {
  it('takes a guest (playing every part) from draft to a resubmission and shows what changed, in their words', async () => {
    const store = await freshWorkspace();
    const body = newDraftBody(kipp(), null);
    body.title = 'Antar obat';
    body.sections.ringkasan = 'Obat diantar ke rumah warga.';
    const draft = await store.create('draft', body);
    renderApp(`/rancangan/${draft.id}#tinjauan`);
    const user = userEvent.setup();

    const panel = await screen.findByRole('region', { name: 'Tinjauan' }, { timeout: 30_000 });
    await user.click(within(panel).getByRole('button', { name: 'Ajukan untuk ditinjau' }));
    await waitFor(() => expect(within(panel).getByTestId('review-status')).toHaveTextContent('Diajukan'));
    const compare = screen.getByRole('region', { name: 'Perbandingan pengajuan' });
    expect(
      await within(compare).findByText('Baru satu pengajuan; perbandingan muncul setelah pengajuan ulang.'),
    ).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Minta revisi' }));
    const ask = await screen.findByRole('dialog', { name: 'Apa yang perlu direvisi?' });
    await user.type(within(ask).getByLabelText('Yang perlu direvisi'), 'Sebutkan siapa yang mengantar obat.');
    await user.click(within(ask).getByRole('button', { name: 'Kirim: minta revisi' }));
    await waitFor(() => expect(within(panel).getByTestId('review-status')).toHaveTextContent('Revisi'));
    // The words are a comment on the draft's first section, shown where the innovator writes: the writing tab.
    await user.click(screen.getByRole('tab', { name: 'Tulisan' }));
    await user.click(await screen.findByRole('button', { name: 'Komentar: 1 terbuka dari 1' }));
    expect(await screen.findByText('Sebutkan siapa yang mengantar obat.')).toBeInTheDocument();
    // The revision is written there, then submitted again from the review tab.
    const ringkasan = await screen.findByLabelText(/^Ringkasan/);
    await user.clear(ringkasan);
    await user.type(ringkasan, 'Obat diantar kurir ke rumah.');
    await user.click(screen.getByRole('tab', { name: 'Tinjauan' }));
    // "Ajukan ulang" asks what changed (required), and saves what was just typed before taking the snapshot.
    await user.click(within(panel).getByRole('button', { name: 'Ajukan ulang' }));
    const changed = await screen.findByRole('dialog', { name: 'Apa yang Anda ubah?' });
    await user.click(within(changed).getByRole('button', { name: 'Ajukan ulang' }));
    expect(within(changed).getByText(/^Tulis apa yang Anda ubah/)).toBeInTheDocument();
    expect(within(panel).getByTestId('review-status')).toHaveTextContent('Revisi');
    await user.type(within(changed).getByLabelText('Yang saya ubah'), 'Pengantar obat kini kurir.');
    await user.click(within(changed).getByRole('button', { name: 'Ajukan ulang' }));
    await waitFor(() => expect(within(panel).getByTestId('review-status')).toHaveTextContent('Diajukan'));

    // Beside the comparison: the revision asked for and what the author says changed, in their own words.
    const notes = await within(compare).findByTestId('submission-notes');
    expect(within(notes).getByTestId('revision-request-note')).toHaveTextContent(
      'Ringkasan: Sebutkan siapa yang mengantar obat.',
    );
    expect(within(notes).getByTestId('change-note')).toHaveTextContent('Pengantar obat kini kurir.');

    const section = await within(compare).findByRole('article', { name: 'Ringkasan' });
    expect(within(section).getByText('2 kata ditambah, 2 kata dihapus')).toBeInTheDocument();
    const del = section.querySelector('del');
    const ins = section.querySelector('ins');
    expect(del).toHaveTextContent('[dihapus:] rumah warga.');
    expect(ins).toHaveTextContent('[ditambah:] kurir');
    expect(within(compare).getByLabelText('Versi lama')).toHaveDisplayValue(/^Pengajuan ke-1/);
    expect(within(compare).getByLabelText('Versi baru')).toHaveDisplayValue(/^Pengajuan ke-2/);
    // The whole loop through the lazily loaded draft screen: longer than the tier's default on a busy machine.
  }, 60_000);
});
