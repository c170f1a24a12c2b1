/**
 * The people list and the person pickers: the "Orang" screen adds, edits and searches people without an account
 * (account holders shown read-only); a session picks its participants from the list in a few taps, keeps a typed
 * guest, picks its facilitator and a follow-up's owner; a signed-in facilitator is filled in on a new session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newSessionBody } from '../../src/shared/domain';
import type { BodyOf } from '../../src/shared/records';
import type { LocalStore } from '../../src/lib/db';
import { workspace } from '../../src/lib/state/workspace.svelte';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';
import { forgetOfflineAccounts, signInOffline } from './offline-account';

/** The first find of a test waits for the lazy screen chunk, slow on a busy machine. */
const FIRST = { timeout: 20_000 };
afterEach(async () => {
  teardown();
  await forgetOfflineAccounts();
});

const person = (
  name: string,
  unitIds: string[],
  patch: Partial<BodyOf<'person'>> = {},
): BodyOf<'person'> => ({
  name,
  role: null,
  unitIds,
  demo: false,
  hasAccount: false,
  position: '',
  ...patch,
});

async function seedPeople(store: LocalStore) {
  const mawar = await store.create('unit', { name: 'Puskesmas Mawar', type: 'puskesmas', demo: false });
  const melati = await store.create('unit', { name: 'Desa Melati', type: 'lainnya', demo: false });
  const siti = await store.create(
    'person',
    person('Siti Aminah', [mawar.id], { position: 'Kader posyandu' }),
  );
  const budi = await store.create('person', person('Budi', [mawar.id]));
  const rina = await store.create(
    'person',
    person('Rina Pendamping', [melati.id], { role: 'facilitator', hasAccount: true }),
  );
  const zaenal = await store.create('person', person('Zaenal', []));
  return { mawar, melati, siti, budi, rina, zaenal };
}

describe('the people screen', () => {
  it('lists people by unit, marks account holders read-only, and searches by name', async () => {
    const store = await freshWorkspace();
    await seedPeople(store);
    renderApp('/orang');
    const mawar = await screen.findByRole('region', { name: 'Puskesmas Mawar' }, FIRST);
    expect(
      within(mawar)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('strong')?.textContent),
    ).toEqual(['Budi', 'Siti Aminah']);
    expect(within(mawar).getByText('Kader posyandu')).toBeInTheDocument();
    const melati = screen.getByRole('region', { name: 'Desa Melati' });
    expect(within(melati).getByText('akun')).toBeInTheDocument();
    expect(within(melati).getByText('Pendamping')).toBeInTheDocument();
    expect(within(melati).queryByRole('button', { name: /Ubah/ })).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Tanpa unit' })).toHaveTextContent('Zaenal');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Cari nama'), 'sit');
    await waitFor(() => expect(screen.queryByText('Budi')).not.toBeInTheDocument());
    expect(screen.getByText('Siti Aminah')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Desa Melati' })).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText('Cari nama'));
    await user.type(screen.getByLabelText('Cari nama'), 'xyz');
    expect(await screen.findByText('Tidak ada nama yang cocok.')).toBeInTheDocument();
  });

  it('adds a person without an account and edits them', async () => {
    const store = await freshWorkspace();
    const { melati } = await seedPeople(store);
    renderApp('/orang');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tambah orang' }, FIRST));
    const form = screen.getByRole('form', { name: 'Tambah orang tanpa akun' });
    await user.click(within(form).getByRole('button', { name: 'Simpan' }));
    expect(within(form).getByText('Nama wajib diisi')).toBeInTheDocument();

    await user.type(within(form).getByLabelText('Nama'), 'Wati');
    await user.type(within(form).getByLabelText('Jabatan atau peran'), 'Staf desa');
    await user.click(within(form).getByRole('checkbox', { name: 'Desa Melati' }));
    await user.click(within(form).getByRole('button', { name: 'Simpan' }));
    const region = await screen.findByRole('region', { name: 'Desa Melati' });
    await waitFor(() => expect(within(region).getByText('Wati')).toBeInTheDocument());
    const stored = (await store.list('person')).find((p) => p.name === 'Wati');
    expect(stored).toMatchObject({
      role: null,
      hasAccount: false,
      position: 'Staf desa',
      unitIds: [melati.id],
    });

    await user.click(within(region).getByRole('button', { name: 'Ubah Wati' }));
    const edit = screen.getByRole('form', { name: 'Ubah data Wati' });
    const position = within(edit).getByLabelText('Jabatan atau peran');
    expect(position).toHaveValue('Staf desa');
    await user.clear(position);
    await user.type(position, 'Sekretaris desa');
    await user.click(within(edit).getByRole('button', { name: 'Simpan' }));
    await waitFor(async () =>
      expect((await store.get('person', stored!.id))?.position).toBe('Sekretaris desa'),
    );
    expect(await screen.findByText('Sekretaris desa')).toBeInTheDocument();
  });

  it('shows 200 people a page at a time', async () => {
    const store = await freshWorkspace();
    const unit = await store.create('unit', { name: 'Kecamatan Besar', type: 'kecamatan', demo: false });
    await store.batch(async () => {
      for (let i = 1; i <= 200; i++)
        await store.create('person', person(`Warga ${String(i).padStart(3, '0')}`, [unit.id]));
    });
    renderApp('/orang');
    const region = await screen.findByRole('region', { name: 'Kecamatan Besar' }, FIRST);
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(100));
    expect(within(region).getByRole('heading', { level: 2 })).toHaveTextContent('200 orang');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tampilkan 100 lagi' }));
    expect(within(region).getAllByRole('listitem')).toHaveLength(200);
    await user.type(screen.getByLabelText('Cari nama'), 'warga 150');
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(1));
  });
});

describe('person pickers on a session', () => {
  it('adds participants from the list in a few taps, keeps a typed guest, and never adds someone twice', async () => {
    const store = await freshWorkspace();
    const { mawar, siti, budi, zaenal } = await seedPeople(store);
    const session = await store.create('session', { ...newSessionBody(), unitIds: [mawar.id] });
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tambah dari daftar' }, FIRST));
    const own = await screen.findByRole('list', { name: 'Dari unit sesi ini' });
    expect(
      within(own)
        .getAllByRole('checkbox')
        .map((c) => c.closest('label')?.textContent?.trim()),
    ).toEqual(['Budi', 'Siti Aminah · Kader posyandu']);
    expect(screen.getByRole('list', { name: 'Semua orang' })).toHaveTextContent('Zaenal');
    await user.click(within(own).getByRole('checkbox', { name: 'Budi' }));
    await user.click(within(own).getByRole('checkbox', { name: /Siti Aminah/ }));
    await user.click(screen.getByRole('button', { name: 'Tambahkan (2)' }));

    await waitFor(async () => {
      const stored = await store.get('session', session.id);
      const list = Object.values(stored!.participants).sort((a, b) => a.order - b.order);
      expect(list.map((p) => [p.name, p.personId, p.present])).toEqual([
        ['Budi', budi.id, true],
        ['Siti Aminah', siti.id, true],
      ]);
    });
    // One line each in the roll: the "hadir" box named after the person, and their position.
    const roll = screen.getByRole('list', { name: 'Peserta' });
    expect(within(roll).getByRole('checkbox', { name: 'Hadir: Budi' })).toBeChecked();
    expect(
      within(roll).getByRole('checkbox', { name: 'Hadir: Siti Aminah' }).closest('label'),
    ).toHaveTextContent('Siti Aminah Kader posyandu');

    // A guest not on the list is typed: the new line opens with its name box.
    await user.click(screen.getByRole('button', { name: 'Tambah peserta' }));
    await user.type(screen.getByLabelText('Nama peserta 3'), 'Pak Kades (tamu)');
    await waitFor(async () => {
      const stored = await store.get('session', session.id);
      expect(Object.values(stored!.participants).find((p) => p.personId === null)?.name).toBe(
        'Pak Kades (tamu)',
      );
    });

    // Already in: ticked and not offered again; searching reaches everyone.
    await user.click(screen.getByRole('button', { name: 'Tambah dari daftar' }));
    const budiBox = screen.getByRole('checkbox', { name: /^Budi/ });
    expect(budiBox).toBeChecked();
    expect(budiBox).toBeDisabled();
    await user.type(screen.getByLabelText('Cari nama'), 'zae');
    await user.click(await screen.findByRole('checkbox', { name: 'Zaenal' }));
    await user.click(screen.getByRole('button', { name: 'Tambahkan (1)' }));
    await waitFor(async () => {
      const stored = await store.get('session', session.id);
      expect(Object.values(stored!.participants).map((p) => p.personId)).toContain(zaenal.id);
      expect(Object.values(stored!.participants)).toHaveLength(4);
    });
  });

  it("picks the facilitator and a follow-up's owner from the list", async () => {
    const store = await freshWorkspace();
    const { mawar, rina, budi } = await seedPeople(store);
    const session = await store.create('session', { ...newSessionBody(), unitIds: [mawar.id] });
    renderApp(`/sesi/${session.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Pilih pendamping dari daftar' }, FIRST));
    await user.type(screen.getByLabelText('Cari nama'), 'rin');
    await user.click(await screen.findByRole('button', { name: 'Pilih Rina Pendamping' }));
    await waitFor(async () =>
      expect(await store.get('session', session.id)).toMatchObject({
        facilitatorId: rina.id,
        facilitatorName: 'Rina Pendamping',
      }),
    );
    expect(screen.getByText('Dipilih dari daftar: Rina Pendamping')).toBeInTheDocument();
    expect(screen.getByLabelText('Nama pendamping')).toHaveValue('Rina Pendamping');

    await user.click(screen.getByRole('button', { name: 'Tambah tindak lanjut' }));
    const action = screen.getByRole('group', { name: 'Tindak lanjut 1' });
    await user.type(within(action).getByLabelText('Tindakan'), 'Data balita');
    await user.click(within(action).getByRole('button', { name: 'Pilih penanggung jawab dari daftar' }));
    await user.click(within(action).getByRole('button', { name: 'Pilih Budi' }));
    await waitFor(async () => {
      const stored = await store.get('session', session.id);
      expect(Object.values(stored!.actions)).toEqual([
        expect.objectContaining({ what: 'Data balita', who: 'Budi', ownerId: budi.id }),
      ]);
    });
    expect(within(action).getByLabelText('Penanggung jawab')).toHaveValue('Budi');

    // Typing another name over the picked one makes it a free-text guest again.
    await user.type(within(action).getByLabelText('Penanggung jawab'), ' dan tamu');
    await waitFor(async () => {
      const stored = await store.get('session', session.id);
      expect(Object.values(stored!.actions)[0]).toMatchObject({ who: 'Budi dan tamu', ownerId: null });
    });
  });
});

describe('a new session', () => {
  /** A new session is stored at its first input: type a place, and it gets its own address. */
  const newSessionId = async () => {
    const place = await screen.findByLabelText('Tempat', {}, FIRST);
    await userEvent.setup().type(place, 'A');
    await waitFor(() => expect(location.pathname).toMatch(/^\/sesi\/(?!baru$)[^/]+$/));
    return location.pathname.split('/')[2]!;
  };

  it('has the signed-in facilitator filled in', async () => {
    const { user } = await signInOffline('facilitator', [], 'Rina Pendamping');
    renderApp('/sesi/baru');
    expect(await screen.findByLabelText('Nama pendamping', {}, FIRST)).toHaveValue('Rina Pendamping');
    const id = await newSessionId();
    expect(await workspace.requireStore().get('session', id)).toMatchObject({
      facilitatorId: user.id,
      facilitatorName: 'Rina Pendamping',
    });
    expect(screen.getByLabelText('Nama pendamping')).toHaveValue('Rina Pendamping');
  });

  it('leaves it empty for the guest', async () => {
    const store = await freshWorkspace();
    renderApp('/sesi/baru');
    const id = await newSessionId();
    expect(await store.get('session', id)).toMatchObject({ facilitatorId: null, facilitatorName: '' });
  });
});
