/**
 * "Untuk Anda" (home) per role, on real records in the person's own database, signed in the way the app reopens
 * offline (the stored account restored, no server): each item's count, where it opens, the role's main action,
 * the kind word when nothing waits, and the guest's home. Also the draft list's "Revisi" for an innovator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from 'uuidv7';
import { localDateTime, newDraftBody, newSessionBody } from '../../src/shared/domain';
import { shippedProgrammeBody } from '../../src/shared/domain/programme';
import { DEFAULT_PROPOSAL_TEMPLATE_KEY, proposalTemplates } from '../../src/shared/templates';
import type { BodyOf, FollowUpAction, RecordKind, RecordOfKind } from '../../src/shared/records';
import { locale } from '../../src/lib/i18n/index.svelte';
import { syncStatus } from '../../src/lib/sync/status.svelte';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';
import { forgetOfflineAccounts, signInOffline } from './offline-account';

const TENANT = 'kab-uji';
const UNIT = uuidv7();
const OTHER_UNIT = uuidv7();
const COLLEAGUE = uuidv7();

afterEach(async () => {
  teardown();
  syncStatus.reset();
  await forgetOfflineAccounts();
});

/** A record as a pull brings it: made by a colleague, already on the server. */
function fromServer<K extends RecordKind>(kind: K, body: BodyOf<K>, createdBy = COLLEAGUE): RecordOfKind<K> {
  const now = Date.now();
  return {
    id: uuidv7(),
    kind,
    tenantId: TENANT,
    createdAt: now,
    updatedAt: now,
    createdBy,
    updatedBy: COLLEAGUE,
    deleted: false,
    rev: 3,
    fieldVersions: {},
    ...body,
  } as RecordOfKind<K>;
}

const template = proposalTemplates.latest(DEFAULT_PROPOSAL_TEMPLATE_KEY)!;
const draftIn = (
  unitId: string,
  title: string,
  reviewStatus: BodyOf<'draft'>['reviewStatus'],
  createdBy?: string,
) => fromServer('draft', { ...newDraftBody(template, unitId), title, reviewStatus }, createdBy);
const unit = (name: string) => fromServer('unit', { name, type: 'puskesmas', demo: false });
const openComment = (draft: RecordOfKind<'draft'>) =>
  fromServer('comment', {
    recordId: draft.id,
    recordKind: 'draft',
    unitId: draft.unitId,
    sectionKey: 'ringkasan',
    text: 'Tambahkan data kunjungan.',
    parentId: null,
    authorId: COLLEAGUE,
    authorName: 'Budi',
    authorRole: 'facilitator',
    resolutions: {},
  });

/** The phone's local day, shifted by `days`. */
const day = (days = 0) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return localDateTime(d).slice(0, 10);
};
const followUp = (over: Partial<FollowUpAction>): FollowUpAction => ({
  what: 'Kirim daftar hadir',
  who: 'Siti',
  due: day(-1),
  status: 'terbuka',
  order: 0,
  ownerId: null,
  ...over,
});

/** The "Untuk Anda" list, once its items are in. */
async function forYouList() {
  return screen.findByRole('list', { name: 'Yang menunggu Anda' });
}
const row = (list: HTMLElement, name: string) => within(list).getByRole('link', { name });

describe('"Untuk Anda" for an innovator', () => {
  // Opens the draft screen: its first load in a busy run takes seconds.
  it(
    'counts the revision asked for, open comments and my follow-up due; each opens where to act',
    { timeout: 20_000 },
    async () => {
      const { store, user } = await signInOffline('innovator', [UNIT]);
      const revisi = draftIn(UNIT, 'Antar obat ke rumah', 'revisi');
      const submitted = draftIn(UNIT, 'Posyandu digital', 'diajukan');
      const otherUnits = draftIn(OTHER_UNIT, 'Unit lain', 'revisi');
      const session = fromServer('session', {
        ...newSessionBody(),
        unitIds: [UNIT],
        place: 'Aula puskesmas',
        facilitatorId: COLLEAGUE,
        actions: {
          [uuidv7()]: followUp({ what: 'Foto kegiatan', ownerId: user.id }),
          [uuidv7()]: followUp({ what: 'Bukan milik saya' }),
          [uuidv7()]: followUp({ what: 'Besok saja', ownerId: user.id, due: day(1) }),
        },
      });
      await store.applyRemote([
        revisi,
        submitted,
        otherUnits,
        session,
        openComment(revisi),
        openComment(revisi),
        openComment(submitted),
      ]);
      renderApp('/');

      const list = await forYouList();
      expect(
        within(list)
          .getAllByRole('link')
          .map((a) => a.textContent?.replace(/\s+/g, ' ').trim()),
      ).toEqual([
        'Revisi diminta 1',
        'Komentar terbuka 3',
        'Antar obat ke rumah · 2 komentar',
        'Posyandu digital · 1 komentar',
        'Tindak lanjut Anda jatuh tempo 1',
      ]);
      expect(row(list, 'Revisi diminta 1')).toHaveAttribute('href', `/rancangan/${revisi.id}`);
      expect(row(list, 'Komentar terbuka 3')).toHaveAttribute('href', '/rancangan');
      expect(row(list, 'Tindak lanjut Anda jatuh tempo 1')).toHaveAttribute('href', `/sesi/${session.id}`);
      // The main action of an innovator, on the first screen.
      expect(screen.getByRole('link', { name: 'Proposal baru' })).toHaveAttribute(
        'href',
        '/rancangan#rancangan-baru',
      );

      await userEvent.setup().click(row(list, 'Revisi diminta 1'));
      expect(
        await screen.findByRole('heading', { level: 1, name: 'Antar obat ke rumah' }, { timeout: 15_000 }),
      ).toBeInTheDocument();
      expect(location.pathname).toBe(`/rancangan/${revisi.id}`);
    },
  );

  it('counts a conflict waiting and follows it live: choosing a version takes the item away', async () => {
    const { store } = await signInOffline('innovator', [UNIT]);
    const draft = draftIn(UNIT, 'Loket cepat', 'draft');
    const conflict = fromServer('conflict', {
      recordId: draft.id,
      recordKind: 'draft',
      path: 'title',
      base: 'Loket',
      winner: 'Loket cepat',
      loser: 'Loket kilat',
      winnerBy: COLLEAGUE,
      loserBy: 'perangkat-ini',
      recordDeleted: false,
      resolved: false,
    });
    await store.applyRemote([draft, conflict]);
    renderApp('/');
    await syncStatus.start(store, { getToken: () => null, triggers: false });

    const list = await forYouList();
    const item = await within(list).findByRole('link', { name: 'Konflik menunggu pilihan Anda 1' });
    expect(item).toHaveAttribute('href', `/rancangan/${draft.id}`);
    await store.applyRemote([{ ...conflict, resolved: true, rev: 4 }]);
    await waitFor(() => expect(screen.queryByRole('link', { name: /Konflik/ })).not.toBeInTheDocument());
    expect(await screen.findByTestId('for-you-empty')).toHaveTextContent(
      'Tidak ada yang menunggu Anda saat ini.',
    );
  });

  it('with nothing waiting says so kindly, and "Proposal baru" opens the form at its title', async () => {
    const { store } = await signInOffline('innovator', [UNIT]);
    await store.applyRemote([unit('Puskesmas Mawar'), draftIn(UNIT, 'Sudah disetujui', 'disetujui')]);
    renderApp('/');
    const empty = await screen.findByTestId('for-you-empty');
    expect(empty).toHaveTextContent('Tidak ada yang menunggu Anda saat ini.');
    expect(empty).toHaveTextContent('Lanjutkan proposal Anda, atau mulai yang baru.');
    await userEvent.setup().click(screen.getByRole('link', { name: 'Proposal baru' }));
    await waitFor(() => expect(screen.getByLabelText('Judul inovasi')).toHaveFocus());
    expect(location.pathname).toBe('/rancangan');
  });

  it('speaks English when chosen', async () => {
    const { store } = await signInOffline('innovator', [UNIT]);
    await store.applyRemote([draftIn(UNIT, 'Antar obat', 'revisi')]);
    locale.set('en');
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'For you' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Waiting for you' });
    expect(within(list).getByRole('link', { name: 'Revision asked 1' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New proposal' })).toBeInTheDocument();
  });

  it('the draft list marks "Revisi" on the innovator’s drafts that have it, and only those', async () => {
    const { store } = await signInOffline('innovator', [UNIT]);
    await store.applyRemote([draftIn(UNIT, 'Antar obat', 'revisi'), draftIn(UNIT, 'Loket', 'diajukan')]);
    renderApp('/rancangan');
    const cards = await screen.findByRole('list', { name: 'Proposal inovasi' });
    await within(cards).findByText('Antar obat');
    const badges = within(cards).getAllByTestId('review-revisi');
    expect(badges).toHaveLength(1);
    expect(badges[0]!.closest('li')).toHaveTextContent('Antar obat');
    expect(badges[0]).toHaveTextContent('Revisi');
  });
});

describe('"Untuk Anda" for a facilitator', () => {
  it('counts drafts submitted in my units, my follow-ups due, my sessions today and this week', async () => {
    const { store, user } = await signInOffline('facilitator', [UNIT]);
    const submitted = draftIn(UNIT, 'Posyandu digital', 'diajukan');
    const today = fromServer('session', {
      ...newSessionBody(),
      startsAt: `${day()}T23:30`,
      unitIds: [UNIT],
      place: 'Kantor camat',
      facilitatorId: user.id,
      actions: { [uuidv7()]: followUp({ what: 'Laporan kegiatan' }) },
    });
    const someoneElses = fromServer('session', {
      ...newSessionBody(),
      startsAt: `${day()}T08:00`,
      unitIds: [UNIT],
      place: 'Aula',
      facilitatorId: COLLEAGUE,
      actions: { [uuidv7()]: followUp({ what: 'Bukan sesi saya' }) },
    });
    await store.applyRemote([submitted, draftIn(UNIT, 'Masih draf', 'draft'), today, someoneElses]);
    renderApp('/');

    const list = await forYouList();
    expect(row(list, 'Menunggu tinjauan Anda 1')).toHaveAttribute(
      'href',
      `/rancangan/${submitted.id}#tinjauan`,
    );
    expect(row(list, 'Tindak lanjut jatuh tempo 1')).toHaveAttribute('href', `/sesi/${today.id}`);
    expect(row(list, 'Sesi hari ini 1')).toHaveAttribute('href', `/sesi/${today.id}`);
    expect(row(list, 'Sesi minggu ini 1')).toHaveAttribute('href', `/sesi/${today.id}`);
    expect(screen.getByRole('link', { name: 'Sesi baru' })).toHaveAttribute('href', '/sesi/baru');
    // No innovator's items.
    expect(within(list).queryByRole('link', { name: /Revisi diminta/ })).not.toBeInTheDocument();
  });

  it('with several drafts to review opens the list, and names the first ones to open directly', async () => {
    const { store } = await signInOffline('facilitator', [UNIT]);
    const drafts = ['Satu', 'Dua', 'Tiga', 'Empat'].map((title) => draftIn(UNIT, title, 'diajukan'));
    await store.applyRemote(drafts);
    renderApp('/');
    const list = await forYouList();
    expect(row(list, 'Menunggu tinjauan Anda 4')).toHaveAttribute('href', '/rancangan');
    const direct = within(list).getAllByRole('link', { name: /^(Satu|Dua|Tiga|Empat)$/ });
    expect(direct).toHaveLength(3);
    // Each opens its draft's review tab, where the review buttons are.
    for (const link of direct) expect(link.getAttribute('href')).toMatch(/^\/rancangan\/[^#]+#tinjauan$/);
    expect(row(list, 'Lihat semua (4)')).toHaveAttribute('href', '/rancangan');
  });
});

describe('"Untuk Anda" for a coordinator', () => {
  it('counts units without an innovation this year, drafts ready to send and refused changes', async () => {
    const { store } = await signInOffline('coordinator');
    const mawar = unit('Puskesmas Mawar');
    const melati = unit('Puskesmas Melati');
    const ready = draftIn(mawar.id, 'Antar obat', 'siap-kirim');
    // Melati's draft is only started (not submitted, stage inisiatif): no innovation yet by the coverage rule.
    const started = draftIn(melati.id, 'Baru mulai', 'draft');
    await store.applyRemote([mawar, melati, unit('Kecamatan Bontoa'), ready, started]);
    renderApp('/');
    await syncStatus.start(store, { getToken: () => null, triggers: false });

    const list = await forYouList();
    const year = new Date().getFullYear();
    const units = row(list, `Unit belum punya inovasi ${year} 2`);
    expect(units).toHaveAttribute('href', '/cakupan');
    expect(units.closest('li')).toHaveTextContent('Kecamatan Bontoa, Puskesmas Melati');
    expect(row(list, 'Proposal siap dikirim 1')).toHaveAttribute('href', `/rancangan/${ready.id}#tinjauan`);
    expect(screen.getByRole('link', { name: 'Lihat cakupan inovasi' })).toHaveAttribute('href', '/cakupan');

    // A change the server refused for good: counted, and it opens the record it was for.
    await store.update('draft', ready.id, { title: 'Antar obat gratis' });
    const entry = (await store.outbox()).find((e) => e.recordId === ready.id)!;
    await store.reject(entry.seq, 'forbidden', 'Ditolak. / Refused.');
    expect(await within(list).findByRole('link', { name: 'Perubahan ditolak server 1' })).toHaveAttribute(
      'href',
      `/rancangan/${ready.id}`,
    );
  });
});

describe('"Untuk Anda" with the tenant\'s optional review steps', () => {
  const programmeWith = (headApproval: boolean, internalReview: boolean) =>
    fromServer('programme', {
      ...shippedProgrammeBody(new Date().getFullYear()),
      reviewFlow: { headApproval, internalReview },
    });

  it('lists the drafts waiting for the head of the OPD and the internal review for the coordinator, live with the switches', async () => {
    const { store } = await signInOffline('coordinator');
    const mawar = unit('Puskesmas Mawar');
    const approved = draftIn(mawar.id, 'Antar obat', 'disetujui');
    const headApproved = draftIn(mawar.id, 'Loket cepat', 'disetujui-kepala');
    const inReview = draftIn(mawar.id, 'Posyandu digital', 'review-internal');
    const programme = programmeWith(true, true);
    await store.applyRemote([mawar, approved, headApproved, inReview, programme]);
    renderApp('/');
    await syncStatus.start(store, { getToken: () => null, triggers: false });

    const list = await forYouList();
    expect(
      await within(list).findByRole('link', { name: 'Menunggu persetujuan kepala OPD 1' }),
    ).toHaveAttribute('href', `/rancangan/${approved.id}#tinjauan`);
    // One to open, one to finish: the list of drafts, naming both.
    const internal = row(list, 'Menunggu tinjauan internal 2');
    expect(internal).toHaveAttribute('href', '/rancangan');
    expect(internal.closest('li')).toHaveTextContent('Loket cepat');
    expect(internal.closest('li')).toHaveTextContent('Posyandu digital');

    // The local admin switches both steps off: only the draft left in the internal review still waits.
    await store.update('programme', programme.id, {
      reviewFlow: { headApproval: false, internalReview: false },
    });
    await waitFor(() =>
      expect(within(list).queryByRole('link', { name: /Menunggu persetujuan kepala OPD/ })).toBeNull(),
    );
    expect(row(list, 'Menunggu tinjauan internal 1')).toHaveAttribute(
      'href',
      `/rancangan/${inReview.id}#tinjauan`,
    );
  });

  it("lists the innovator's approved drafts waiting for the head of the OPD, in English too", async () => {
    const { store } = await signInOffline('innovator', [UNIT]);
    const approved = draftIn(UNIT, 'Antar obat', 'disetujui');
    const otherUnits = draftIn(OTHER_UNIT, 'Unit lain', 'disetujui');
    await store.applyRemote([unit('Puskesmas Mawar'), approved, otherUnits, programmeWith(true, false)]);
    renderApp('/');
    const list = await forYouList();
    expect(row(list, 'Menunggu persetujuan kepala OPD 1')).toHaveAttribute(
      'href',
      `/rancangan/${approved.id}#tinjauan`,
    );
    locale.set('en');
    expect(
      await screen.findByRole('link', { name: "Waiting for the head of the OPD's approval 1" }),
    ).toBeInTheDocument();
  });
});

describe('"Untuk Anda" for a viewer (pimpinan)', () => {
  it('shows units without an innovation and drafts sent this year, with coverage as the action', async () => {
    const mawar = unit('Puskesmas Mawar');
    const dinas = unit('Dinas Kesehatan');
    // A unit the viewer is not assigned to: its drafts are not theirs to read, so it is not counted.
    const other = unit('Kecamatan Lain');
    const { store } = await signInOffline('viewer', [mawar.id, dinas.id]);
    const sent = draftIn(mawar.id, 'Antar obat', 'terkirim');
    await store.applyRemote([mawar, dinas, other, sent]);
    renderApp('/');
    const list = await forYouList();
    const year = new Date().getFullYear();
    expect(row(list, `Unit belum punya inovasi ${year} 1`)).toHaveAttribute('href', '/cakupan');
    expect(row(list, `Proposal terkirim ${year} 1`)).toHaveAttribute(
      'href',
      `/rancangan/${sent.id}#tinjauan`,
    );
    expect(screen.getByRole('link', { name: 'Lihat cakupan inovasi' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Sesi baru' })).not.toBeInTheDocument();
  });
});

describe('home for the guest', () => {
  it('is the local workspace’s start: "Sesi baru" and the latest records, no "Untuk Anda" list', async () => {
    const store = await freshWorkspace();
    await store.create('session', { ...newSessionBody(), startsAt: '2025-06-01T09:00', place: 'Aula Baru' });
    renderApp('/');
    const sessions = await screen.findByRole('region', { name: 'Sesi terakhir' });
    expect(within(sessions).getByText(/Aula Baru/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sesi baru' })).toHaveAttribute('href', '/sesi/baru');
    expect(screen.queryByRole('list', { name: 'Yang menunggu Anda' })).not.toBeInTheDocument();
  });
});
