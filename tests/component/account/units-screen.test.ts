/**
 * The one units screen (/unit) as a coordinator, against the real server process: add, rename and retype,
 * archive and restore (under the folded "Diarsipkan"), merge two units after a confirmation that says how many
 * records move (the server moves them), and the merge button offline. Then the guest's units at sign-in: matched
 * by name, the rest chosen for before the move.
 */
import { configure, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { vi, afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/lib/i18n/index.svelte';
import { DexieLocalStore } from '../../../src/lib/db/store';
import { GuestData } from '../../../src/lib/account/guest.svelte';
import { flattenBody } from '../../../src/shared/fieldPaths';
import { PROTOCOL_VERSION, pullResponseSchema, pushResponseSchema } from '../../../src/shared/protocol';
import type { AnyRecord, BodyOf, RecordKind } from '../../../src/shared/records';
import UnitsScreen from '../../../src/ui/units/UnitsScreen.svelte';
import GuestMoveOffer from '../../../src/ui/account/GuestMoveOffer.svelte';
import { phone, wipe, type Phone } from './helpers';
import { startServer, type TestServer } from './server';
import { aDraftBody, aUnit } from '../../factories';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 5_000 });

/** A unit as a pull brings it: made by the coordinator, on the server (rev 1). */
const unitOnServer = (name: string) =>
  aUnit({
    tenantId: server.tenantId,
    createdBy: server.coordinator.id,
    updatedBy: server.coordinator.id,
    rev: 1,
    fieldVersions: { name: 1, type: 1, demo: 1 },
    name,
  });
let server: TestServer;
let current: Phone | null = null;
const guestNames: string[] = [];

beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(() => server.stop());

beforeEach(() => {
  localStorage.clear();
  locale.reset();
  server.online = true;
});
afterEach(async () => {
  if (current) await wipe(current, [null, server.innovator.id, server.coordinator.id]);
  current = null;
  for (const name of guestNames.splice(0)) await Dexie.delete(name);
});

async function signedIn(login: string): Promise<Phone> {
  current = phone(server);
  expect(await current.session.signIn(login, server.password)).toBe(true);
  return current;
}

/** Records written on the server (as another phone would), and the phone's copy of them as pulled. */
async function onServer<K extends RecordKind>(p: Phone, kind: K, body: BodyOf<K>): Promise<AnyRecord> {
  const res = await p.session.authorized('POST', '/api/sync/push', {
    body: {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: 'other-phone-units',
      changes: [
        {
          deviceId: 'other-phone-units',
          seq: Math.floor(Math.random() * 1_000_000) + 1,
          recordId: uuidv7(),
          kind,
          op: 'create',
          values: flattenBody(kind, body as Record<string, unknown>),
          base: {},
          editedAt: Date.now(),
        },
      ],
    },
    schema: pushResponseSchema,
  });
  const result = res.results[0]!;
  if (result.status !== 'applied') throw new Error(JSON.stringify(result));
  await p.workspace.requireStore().applyRemote([result.record]);
  return result.record;
}

async function serverRecord(p: Phone, id: string): Promise<AnyRecord | undefined> {
  let cursor = 0;
  for (;;) {
    const page = await p.session.authorized(
      'GET',
      `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${cursor}&limit=500`,
      { schema: pullResponseSchema },
    );
    const found = page.records.find((r) => r.id === id);
    if (found) return found;
    if (!page.hasMore) return undefined;
    cursor = page.cursor;
  }
}

describe('the units screen', () => {
  it('adds, renames, archives and restores a unit; merges two after saying how many records move', async () => {
    const p = await signedIn(server.coordinator.login);
    const store = p.workspace.requireStore();
    const suffix = uuidv7().slice(-6);
    const dup = await onServer(p, 'unit', {
      name: `Puskesmas Sukamaju ${suffix}`,
      type: 'puskesmas',
      demo: false,
    });
    const kept = await onServer(p, 'unit', {
      name: `UPTD Puskesmas Sukamaju ${suffix}`,
      type: 'puskesmas',
      demo: false,
    });
    const draft = await onServer(p, 'draft', aDraftBody({ unitId: dup.id, title: 'Antar obat' }));
    const user = userEvent.setup();
    render(UnitsScreen, { session: p.session, connectivity: { online: true } });
    const list = await screen.findByRole('list', { name: 'Daftar unit' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));

    // Add: one form, validated with the shared schema; the new kinds are offered with their labels.
    await user.click(screen.getByRole('button', { name: 'Tambah unit' }));
    expect(screen.getByText('Nama unit wajib diisi')).toBeInTheDocument();
    const typeSelect = screen.getByLabelText('Jenis unit');
    expect(within(typeSelect).getByRole('option', { name: 'UPTD/Puskesmas' })).toBeInTheDocument();
    expect(within(typeSelect).getByRole('option', { name: 'RSUD' })).toBeInTheDocument();
    expect(within(typeSelect).getByRole('option', { name: 'Kelurahan/Desa' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Nama unit'), 'Kecamatan Tanjung');
    await user.selectOptions(typeSelect, 'kecamatan');
    await user.click(screen.getByRole('button', { name: 'Tambah unit' }));
    await waitFor(() => expect(within(list).getByText('Kecamatan Tanjung')).toBeInTheDocument());
    const added = (await store.list('unit')).find((u) => u.name === 'Kecamatan Tanjung')!;
    expect(added).toMatchObject({ type: 'kecamatan', tenantId: server.tenantId });

    // Rename and retype in place.
    await user.click(screen.getByRole('button', { name: 'Ubah Kecamatan Tanjung' }));
    const form = screen.getByRole('form', { name: 'Ubah unit' });
    await user.clear(within(form).getByLabelText('Nama unit'));
    await user.type(within(form).getByLabelText('Nama unit'), 'Kelurahan Tanjung');
    await user.selectOptions(within(form).getByLabelText('Jenis unit'), 'kelurahan');
    await user.click(within(form).getByRole('button', { name: 'Simpan' }));
    await waitFor(() => expect(within(list).getByText('Kelurahan Tanjung')).toBeInTheDocument());
    expect(await store.get('unit', added.id)).toMatchObject({ name: 'Kelurahan Tanjung', type: 'kelurahan' });

    // Archive: kept, folded under "Diarsipkan"; restore brings it back.
    await user.click(screen.getByRole('button', { name: 'Arsipkan Kelurahan Tanjung' }));
    const folded = await screen.findByText('Diarsipkan (1)');
    await waitFor(() => expect(within(list).queryByText('Kelurahan Tanjung')).toBeNull());
    expect(await store.get('unit', added.id)).toMatchObject({ archived: true, deleted: false });
    await user.click(folded);
    await user.click(screen.getByRole('button', { name: 'Pulihkan Kelurahan Tanjung' }));
    await waitFor(() => expect(within(list).getByText('Kelurahan Tanjung')).toBeInTheDocument());
    expect(screen.queryByText(/Diarsipkan \(/)).toBeNull();
    expect((await store.get('unit', added.id))?.archived).toBe(false);

    // Merge: the same unit twice is refused on the phone; then the confirmation counts the records.
    const from = screen.getByLabelText('Unit yang digabung (diarsipkan)');
    const into = screen.getByLabelText('Unit yang dipertahankan');
    await user.selectOptions(from, dup.id);
    await user.selectOptions(into, dup.id);
    await user.click(screen.getByRole('button', { name: 'Gabungkan…' }));
    expect(screen.getByText('Pilih dua unit yang berbeda.')).toBeInTheDocument();
    await user.selectOptions(into, kept.id);
    await user.click(screen.getByRole('button', { name: 'Gabungkan…' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(confirm).toHaveTextContent(
      `1 catatan dan 0 orang dari Puskesmas Sukamaju ${suffix} akan pindah ke UPTD Puskesmas Sukamaju ${suffix}`,
    );
    // Nothing was sent before the confirmation.
    expect(server.requests.filter((r) => r.endsWith('/merge'))).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Ya, gabungkan' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      `Puskesmas Sukamaju ${suffix} digabung ke UPTD Puskesmas Sukamaju ${suffix}: 1 catatan dan 0 akun dipindahkan.`,
    );
    // The merged unit is archived, marked with the unit it went to; the draft moved on the server.
    await waitFor(() => expect(within(list).queryByText(`Puskesmas Sukamaju ${suffix}`)).toBeNull());
    await user.click(screen.getByText('Diarsipkan (1)'));
    expect(screen.getByText(`digabung ke UPTD Puskesmas Sukamaju ${suffix}`)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: `Pulihkan Puskesmas Sukamaju ${suffix}` })).toBeNull();
    expect(await store.get('unit', dup.id)).toMatchObject({ archived: true, mergedInto: kept.id });
    expect(await serverRecord(p, draft.id)).toMatchObject({ unitId: kept.id, title: 'Antar obat' });
  });

  it('says merging needs a connection when offline, and refuses nothing silently', async () => {
    const p = await signedIn(server.coordinator.login);
    await onServer(p, 'unit', { name: 'Unit Luring A', type: 'opd', demo: false });
    await onServer(p, 'unit', { name: 'Unit Luring B', type: 'opd', demo: false });
    render(UnitsScreen, { session: p.session, connectivity: { online: false } });
    const list = await screen.findByRole('list', { name: 'Daftar unit' });
    await within(list).findByText('Unit Luring A');
    expect(screen.getByRole('button', { name: 'Gabungkan…' })).toBeDisabled();
    expect(screen.getByText(/Menggabungkan unit butuh sambungan internet/)).toBeInTheDocument();
    // Units are still added offline.
    expect(screen.getByRole('button', { name: 'Tambah unit' })).toBeEnabled();
  });

  it('shows an innovator the units read-only, without the forms or the merge', async () => {
    const p = await signedIn(server.innovator.login);
    render(UnitsScreen, { session: p.session, connectivity: { online: true } });
    expect(await screen.findByTestId('units-read-only')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tambah unit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Gabungkan…' })).toBeNull();
  });
});

describe('guest data moved into an account', () => {
  it('keeps unit links: same names match, the others are chosen before the move', async () => {
    const guestName = `guest-${uuidv7()}`;
    const seed = await DexieLocalStore.open({ userId: guestName });
    guestNames.push(seed.name);
    const same = await seed.create('unit', { name: 'puskesmas  TAMU', type: 'puskesmas', demo: false });
    const other = await seed.create('unit', { name: 'Desa Tamu', type: 'kelurahan', demo: false });
    await seed.create('draft', aDraftBody({ unitId: same.id, title: 'Rancangan sama' }));
    await seed.create('draft', aDraftBody({ unitId: other.id, title: 'Rancangan lain' }));
    seed.close();

    const p = await signedIn(server.coordinator.login);
    const store = p.workspace.requireStore();
    // The account's unit, as pulled from the server (an innovator cannot make units).
    const accountUnit = unitOnServer('Puskesmas Tamu');
    await store.applyRemote([accountUnit]);
    const guest = new GuestData(p.session, () => DexieLocalStore.open({ userId: guestName }));
    await guest.check();
    const user = userEvent.setup();
    render(GuestMoveOffer, { guest });
    // Two drafts, and the coordinator's own unit that may be created.
    expect(
      screen.getByText('Ada 3 data tamu di perangkat ini yang belum masuk ke akun Anda.'),
    ).toBeInTheDocument();
    // Only the unit without a same-named account unit is asked about; a coordinator may create it.
    const picker = screen.getByLabelText('Unit untuk data "Desa Tamu"');
    expect(screen.queryByLabelText('Unit untuk data "puskesmas  TAMU"')).toBeNull();
    expect(within(picker).getByRole('option', { name: 'Puskesmas Tamu' })).toBeInTheDocument();
    expect(within(picker).getByRole('option', { name: 'Buat unit baru "Desa Tamu"' })).toBeInTheDocument();
    expect(within(picker).queryByRole('option', { name: 'Tanpa unit' })).toBeNull();
    const move = screen.getByRole('button', { name: 'Pindahkan data tamu ke akun ini' });
    expect(move).toBeDisabled();
    expect(screen.getByText('Pilih unit untuk setiap unit di atas dulu.')).toBeInTheDocument();
    await user.selectOptions(picker, accountUnit.id);
    await user.click(move);
    expect(await screen.findByText('2 data tamu dipindahkan ke akun ini.')).toBeInTheDocument();
    const drafts = await store.list('draft');
    expect(drafts.map((d) => [d.title, d.unitId]).sort()).toEqual([
      ['Rancangan lain', accountUnit.id],
      ['Rancangan sama', accountUnit.id],
    ]);
  });

  it('offers an innovator only their own units, or "Tanpa unit"', async () => {
    const guestName = `guest-${uuidv7()}`;
    const seed = await DexieLocalStore.open({ userId: guestName });
    guestNames.push(seed.name);
    const unit = await seed.create('unit', { name: 'Puskesmas Tamu', type: 'puskesmas', demo: false });
    await seed.create('draft', aDraftBody({ unitId: unit.id, title: 'Rancangan tamu' }));
    seed.close();
    const p = await signedIn(server.innovator.login);
    const store = p.workspace.requireStore();
    // A unit of the same name exists, but this innovator does not work in it: it is not theirs to use.
    await store.applyRemote([unitOnServer('Puskesmas Tamu')]);
    const guest = new GuestData(p.session, () => DexieLocalStore.open({ userId: guestName }));
    await guest.check();
    const user = userEvent.setup();
    render(GuestMoveOffer, { guest });
    const picker = screen.getByLabelText('Unit untuk data "Puskesmas Tamu"');
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['— pilih —', 'Tanpa unit']);
    await user.selectOptions(picker, 'none');
    await user.click(screen.getByRole('button', { name: 'Pindahkan data tamu ke akun ini' }));
    expect(await screen.findByText('1 data tamu dipindahkan ke akun ini.')).toBeInTheDocument();
    expect((await store.list('draft')).map((d) => [d.title, d.unitId])).toEqual([['Rancangan tamu', null]]);
  });
});
