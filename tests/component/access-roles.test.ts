/**
 * The phone offers only what the signed-in person's role allows, by the shared access rules the server uses:
 * an innovator reads units but cannot add one, a viewer reads drafts and sessions without editing them, a
 * record of someone else's unit is read-only, and a coordinator may do everything. The account is signed in
 * the way the app reopens offline: its stored profile and tokens are restored, no server involved.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from 'uuidv7';
import type { AnyRecord, BodyOf, RecordKind, RecordOfKind } from '../../src/shared/records';
import { accountSession } from '../../src/lib/account/session.svelte';
import { StoreError } from '../../src/lib/db';
import { renderApp, teardown } from './workspace-helpers';
import { forgetOfflineAccounts, signInOffline } from './offline-account';
import { aDraftBody, aSessionBody, aUnitBody, anEnvelope, proposalTemplate } from '../factories';

const TENANT = 'kab-uji';
const OWN_UNIT = uuidv7();
const OTHER_UNIT = uuidv7();
const COLLEAGUE = uuidv7();

afterEach(async () => {
  teardown();
  await forgetOfflineAccounts();
});

/** A record as a pull brings it: made by a colleague, already on the server. */
function fromServer<K extends RecordKind>(kind: K, body: BodyOf<K>): RecordOfKind<K> {
  const now = Date.now();
  const envelope = anEnvelope({
    tenantId: TENANT,
    createdAt: now,
    updatedAt: now,
    createdBy: COLLEAGUE,
    updatedBy: COLLEAGUE,
    rev: 3,
  });
  return { ...envelope, kind, ...body } as RecordOfKind<K>;
}

const units = (): AnyRecord[] => [
  fromServer('unit', aUnitBody({ name: 'Puskesmas Sukamaju' })),
  fromServer('unit', aUnitBody({ name: 'Kecamatan Lain', type: 'kecamatan' })),
];
const draftIn = (unitId: string) => fromServer('draft', aDraftBody({ unitId, title: 'Antar jemput obat' }));
const sessionIn = (unitId: string) =>
  fromServer('session', aSessionBody({ unitIds: [unitId], place: 'Aula kecamatan' }));

describe('an innovator on /unit', () => {
  it('sees the units but no "Tambah unit" and no demo offer, and is told whom to ask', async () => {
    const { store } = await signInOffline('innovator', [OWN_UNIT]);
    await store.applyRemote(units());
    renderApp('/unit');
    const list = await screen.findByRole('list', { name: 'Daftar unit' });
    expect(within(list).getByText('Puskesmas Sukamaju')).toBeInTheDocument();
    expect(screen.getByTestId('units-read-only')).toHaveTextContent(
      'Hanya admin lokal yang dapat menambah atau mengubah unit dan orang.',
    );
    expect(screen.queryByRole('button', { name: 'Tambah unit' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Nama unit')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Muat Kabupaten Contoh (demo)' })).not.toBeInTheDocument();
  });

  it('has no demo offer on an empty list either, and the store refuses a unit a screen might still try', async () => {
    const { store } = await signInOffline('innovator', [OWN_UNIT]);
    renderApp('/unit');
    expect(await screen.findByText('Belum ada unit di perangkat ini.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Muat Kabupaten Contoh (demo)' })).not.toBeInTheDocument();

    const attempt = store.create('unit', { name: 'Unit Baru', type: 'opd', demo: false });
    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Peran Anda tidak boleh mengubah data ini') as unknown,
    });
    // Nothing was stored and nothing waits to be sent that the server would refuse.
    expect(await store.list('unit')).toEqual([]);
    expect(await store.outbox()).toEqual([]);
  });
});

describe('a viewer', () => {
  it(
    'reads a draft with every field disabled, no delete and no new checklist, and the reason shown',
    { timeout: 20_000 },
    async () => {
      const { store } = await signInOffline('viewer', [OWN_UNIT]);
      const draft = draftIn(OWN_UNIT);
      await store.applyRemote([...units(), draft]);
      renderApp(`/rancangan/${draft.id}`);
      const user = userEvent.setup();
      // Every section of the template, in the writing tab: all disabled, the reason shown above the tabs.
      const writing = await screen.findByRole('tabpanel', { name: 'Tulisan' });
      // The sections render a few per frame: wait for the whole template.
      await waitFor(() =>
        expect(within(writing).getAllByRole('textbox')).toHaveLength(proposalTemplate().sections.length),
      );
      const sections = within(writing).getAllByRole('textbox');
      for (const field of sections) expect(field).toBeDisabled();
      expect(screen.getByTestId('read-only-note')).toHaveTextContent(
        'Hanya baca. Akun pimpinan dapat melihat data, tetapi tidak mengubahnya.',
      );
      // Title, unit, team, stage and metadata in the data tab: all disabled, and no delete.
      await user.click(screen.getByRole('tab', { name: 'Data' }));
      // The tabs beside the writing are a chunk of their own: it may still be loading.
      expect(await screen.findByLabelText('Judul inovasi')).toHaveValue('Antar jemput obat');
      expect(screen.getByLabelText('Judul inovasi')).toBeDisabled();
      expect(screen.getByLabelText('Unit')).toBeDisabled();
      const data = screen.getByRole('tabpanel', { name: 'Data' });
      for (const field of [...within(data).getAllByRole('textbox'), ...within(data).getAllByRole('radio')])
        expect(field).toBeDisabled();
      expect(screen.getByTestId('read-only-note')).toBeVisible();
      expect(screen.queryByRole('button', { name: 'Hapus proposal' })).not.toBeInTheDocument();
      await user.click(screen.getByRole('tab', { name: 'Kesiapan' }));
      await screen.findByRole('region', { name: 'Daftar periksa' });
      expect(screen.queryByRole('button', { name: 'Tambah daftar periksa' })).not.toBeInTheDocument();
      expect(await store.outbox()).toEqual([]);
    },
  );

  it('gets no "Proposal baru" form and no "Sesi baru" link', { timeout: 20_000 }, async () => {
    const { store } = await signInOffline('viewer', [OWN_UNIT]);
    await store.applyRemote([draftIn(OWN_UNIT)]);
    const drafts = renderApp('/rancangan');
    expect(await screen.findByText('Antar jemput obat')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Buat proposal' })).not.toBeInTheDocument();
    drafts.unmount();
    teardown();
    await accountSession.restore();
    renderApp('/sesi');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sesi pendampingan' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Sesi baru' })).not.toBeInTheDocument();
  });

  it('reads a session with every input disabled and no delete', async () => {
    const { store } = await signInOffline('viewer', [OWN_UNIT]);
    const session = sessionIn(OWN_UNIT);
    await store.applyRemote([...units(), session]);
    renderApp(`/sesi/${session.id}`);
    expect(await screen.findByLabelText('Tempat')).toHaveValue('Aula kecamatan');
    const form = screen.getByLabelText('Tempat').closest('form')!;
    const inputs = within(form).getAllByRole('textbox');
    await within(form).findByRole('checkbox', { name: 'Puskesmas Sukamaju' });
    expect(inputs.length).toBeGreaterThan(3);
    for (const input of [
      ...inputs,
      ...within(form).getAllByRole('checkbox'),
      ...within(form).getAllByRole('button'),
    ])
      expect(input).toBeDisabled();
    expect(screen.getByTestId('read-only-note')).toHaveTextContent('Hanya baca. Akun pimpinan');
    expect(screen.queryByRole('button', { name: 'Hapus sesi' })).not.toBeInTheDocument();
  });
});

describe('follow-ups', () => {
  const withAction = (unitId: string) => {
    const session = sessionIn(unitId);
    const actionId = uuidv7();
    session.actions = {
      [actionId]: { what: 'Kirim SK tim', who: 'Bu Rina', due: '', status: 'terbuka', order: 0 },
    };
    return session;
  };

  it('can be marked done only on sessions the person may change', { timeout: 20_000 }, async () => {
    const { store } = await signInOffline('facilitator', [OWN_UNIT]);
    const mine = withAction(OWN_UNIT);
    // The facilitator's own session (a colleague's session of the same unit is read only).
    mine.facilitatorId = accountSession.user!.id;
    const theirs = withAction(OTHER_UNIT);
    theirs.actions = Object.fromEntries(
      Object.entries(theirs.actions).map(([k, a]) => [k, { ...a, what: 'Rapat lintas unit' }]),
    );
    await store.applyRemote([mine, theirs]);
    renderApp('/tindak-lanjut');
    expect(await screen.findByText('Rapat lintas unit')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tandai selesai: Kirim SK tim' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Tandai selesai: Rapat lintas unit' }),
    ).not.toBeInTheDocument();
  });
});

describe('an innovator on a session', () => {
  it('reads the notes and ticks their own follow-up done, and only that', { timeout: 30_000 }, async () => {
    const { store } = await signInOffline('innovator', [OWN_UNIT]);
    const me = accountSession.user!.id;
    const own = uuidv7();
    const nobodys = uuidv7();
    const session = sessionIn(OWN_UNIT);
    session.facilitatorId = COLLEAGUE;
    session.notes = 'Catatan pendamping.';
    session.actions = {
      [own]: { what: 'Kirim SK tim', who: 'Saya', due: '', status: 'terbuka', order: 0, ownerId: me },
      [nobodys]: { what: 'Rapat lintas unit', who: 'Bu Rina', due: '', status: 'terbuka', order: 1 },
    };
    await store.applyRemote([...units(), session]);
    const user = userEvent.setup();
    renderApp(`/sesi/${session.id}`);

    expect(await screen.findByLabelText('Catatan')).toHaveValue('Catatan pendamping.');
    expect(screen.getByLabelText('Catatan')).toBeDisabled();
    expect(screen.getByLabelText('Topik')).toBeDisabled();
    expect(screen.getByTestId('read-only-note')).toHaveTextContent(
      'Inovator hanya dapat menandai selesai tindak lanjut miliknya sendiri.',
    );
    expect(screen.queryByRole('button', { name: 'Hapus sesi' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tambah tindak lanjut' })).not.toBeInTheDocument();

    // One tick, on their own follow-up; the other one's fields stay disabled.
    const ownGroup = screen.getByRole('group', { name: 'Tindak lanjut 1' });
    const otherGroup = screen.getByRole('group', { name: 'Tindak lanjut 2' });
    expect(within(otherGroup).queryByRole('checkbox', { name: 'Sudah selesai' })).not.toBeInTheDocument();
    expect(within(otherGroup).getByLabelText('Status')).toBeDisabled();
    expect(within(ownGroup).getByLabelText('Tindakan')).toBeDisabled();
    await user.click(within(ownGroup).getByRole('checkbox', { name: 'Sudah selesai' }));

    await waitFor(async () =>
      expect((await store.get('session', session.id))?.actions[own]?.status).toBe('selesai'),
    );
    const [queued] = await store.outbox();
    expect(Object.keys(queued!.values)).toEqual([`actions.${own}`]);

    // A screen that still tried to change the notes is refused by the store, nothing queued for it.
    await expect(store.update('session', session.id, { notes: 'Diubah.' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Inovator hanya dapat menandai selesai') as unknown,
    });
    expect(await store.outbox()).toHaveLength(1);
  });
});

describe('records of a unit the person does not belong to', () => {
  it(
    'are read-only for a facilitator, with the reason; their own session stays editable',
    { timeout: 20_000 },
    async () => {
      const { store } = await signInOffline('facilitator', [OWN_UNIT]);
      const theirs = sessionIn(OTHER_UNIT);
      const mine = sessionIn(OWN_UNIT);
      // The facilitator leads this session of their own unit (a colleague's session there is read only).
      mine.facilitatorId = accountSession.user!.id;
      await store.applyRemote([theirs, mine]);
      const theirsScreen = renderApp(`/sesi/${theirs.id}`);
      expect(await screen.findByLabelText('Tempat')).toBeDisabled();
      expect(screen.getByTestId('read-only-note')).toHaveTextContent(
        'Hanya baca. Data ini milik unit yang bukan unit Anda.',
      );
      await expect(store.update('session', theirs.id, { place: 'Di tempat lain' })).rejects.toMatchObject({
        code: 'forbidden',
      });
      theirsScreen.unmount();
      teardown();
      await accountSession.restore();
      renderApp(`/sesi/${mine.id}`);
      expect(await screen.findByLabelText('Tempat')).toBeEnabled();
      expect(screen.queryByTestId('read-only-note')).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Hapus sesi' })).toBeInTheDocument();
    },
  );
});

describe('a coordinator', () => {
  it('adds units, and edits and deletes drafts and sessions of any unit', { timeout: 30_000 }, async () => {
    const { store } = await signInOffline('coordinator');
    const draft = draftIn(OTHER_UNIT);
    const session = sessionIn(OTHER_UNIT);
    await store.applyRemote([...units(), draft, session]);
    const user = userEvent.setup();

    const app = renderApp('/unit');
    expect(screen.queryByTestId('units-read-only')).not.toBeInTheDocument();
    await user.type(await screen.findByLabelText('Nama unit'), 'Kecamatan Baru');
    await user.click(screen.getByRole('button', { name: 'Tambah unit' }));
    const list = screen.getByRole('list', { name: 'Daftar unit' });
    expect(await within(list).findByText('Kecamatan Baru')).toBeInTheDocument();
    await waitFor(async () =>
      expect((await store.outbox()).map((e) => [e.kind, e.op])).toEqual([['unit', 'create']]),
    );
    app.unmount();

    const draftScreen = renderApp(`/rancangan/${draft.id}#data`);
    expect(await screen.findByLabelText('Judul inovasi')).toBeEnabled();
    expect(screen.queryByTestId('read-only-note')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hapus proposal' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Kesiapan' }));
    expect(await screen.findByRole('button', { name: 'Tambah daftar periksa' })).toBeInTheDocument();
    draftScreen.unmount();
    teardown();
    await accountSession.restore();

    renderApp(`/sesi/${session.id}`);
    expect(await screen.findByLabelText('Tempat')).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Hapus sesi' })).toBeInTheDocument();
  });
});

describe("a session's facilitator", () => {
  it('is picked only from active facilitator and local admin accounts', { timeout: 20_000 }, async () => {
    const { store } = await signInOffline('facilitator', [OWN_UNIT]);
    const person = (name: string, patch: Partial<BodyOf<'person'>>) =>
      fromServer('person', { name, role: null, unitIds: [OWN_UNIT], demo: false, ...patch });
    const colleague = person('Rina Pendamping', { role: 'facilitator', hasAccount: true });
    const admin = person('Sari Admin', { role: 'coordinator', hasAccount: true });
    const innovator = person('Ani Inovator', { role: 'innovator', hasAccount: true });
    const kader = person('Bu Kader', {});
    const gone = { ...person('Dodi Pendamping', { role: 'facilitator', hasAccount: true }), deleted: true };
    const session = sessionIn(OWN_UNIT);
    session.facilitatorId = accountSession.user!.id;
    await store.applyRemote([colleague, admin, innovator, kader, gone, session]);
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Pilih pendamping dari daftar' }));
    await screen.findByRole('button', { name: 'Pilih Rina Pendamping' });
    const offered = screen
      .getAllByRole('button', { name: /^Pilih / })
      .map((b) => b.getAttribute('aria-label'));
    expect(offered.sort()).toEqual(['Pilih Rina Pendamping', 'Pilih Sari Admin']);
    await user.click(screen.getByRole('button', { name: 'Pilih Rina Pendamping' }));
    await waitFor(async () =>
      expect(await store.get('session', session.id)).toMatchObject({ facilitatorId: colleague.id }),
    );
  });
});
