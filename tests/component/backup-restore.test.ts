import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from 'uuidv7';
import { RECORD_KINDS, type AnyRecord } from '../../src/shared/records';
import type { LocalStore } from '../../src/lib/db/types';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';
import {
  aChecklistBody,
  aConflictBody,
  aDraftBody,
  aFollowUp,
  aParticipant,
  aPersonBody,
  aProgramme,
  aSessionBody,
  aTemplate,
  aUnit,
  aUnitBody,
} from '../factories';

// jsdom has no Blob URLs: keep every file the panel offers, so the test can "download" it.
const offered: Blob[] = [];
beforeEach(() => {
  offered.length = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        offered.push(blob);
        return `blob:rintis/${offered.length}`;
      }),
      revokeObjectURL: vi.fn(),
    }),
  );
});
afterEach(() => {
  teardown();
  vi.unstubAllGlobals();
});

/** Records of every kind, tombstones included, sorted: what "equal" means after a round trip. */
async function everything(store: LocalStore): Promise<AnyRecord[]> {
  const all = await Promise.all(RECORD_KINDS.map((kind) => store.list(kind, { includeDeleted: true })));
  return all.flat().sort((a, b) => a.id.localeCompare(b.id));
}

/** A realistic phone: every kind of record, edits, a deletion, and one record already synced. */
async function fillPhone(store: LocalStore): Promise<void> {
  const unit = await store.create('unit', aUnitBody({ name: 'Puskesmas Mawar' }));
  const person = await store.create(
    'person',
    aPersonBody({ name: 'Bu Sari', role: 'innovator', unitIds: [unit.id] }),
  );
  const draft = await store.create('draft', aDraftBody({ unitId: unit.id, title: 'Posyandu Digital' }));
  await store.update('draft', draft.id, { sections: { ringkasan: 'Jadwal posyandu lewat pesan singkat.' } });
  await store.create('checklist', aChecklistBody({ draftId: draft.id, unitId: unit.id }));
  const p = uuidv7();
  const a = uuidv7();
  await store.create(
    'session',
    aSessionBody({
      startsAt: '2026-03-04T09:30',
      unitIds: [unit.id],
      participants: { [p]: aParticipant({ name: person.name, personId: person.id, order: 1 }) },
      actions: {
        [a]: aFollowUp({ what: 'Lengkapi anggaran', who: 'Bu Sari', due: '2026-03-11', order: 1 }),
      },
    }),
  );
  const gone = await store.create('unit', aUnitBody({ name: 'Unit lama', type: 'lainnya' }));
  await store.remove('unit', gone.id);
  await store.create(
    'conflict',
    aConflictBody({
      recordId: draft.id,
      path: 'title',
      base: 'A',
      winner: 'B',
      loser: 'C',
      winnerBy: 'u1',
      loserBy: 'u2',
    }),
  );
  // Came from the server: rev > 0, nothing left to send.
  await store.applyRemote([
    aUnit({
      tenantId: 'local',
      updatedAt: 2,
      createdBy: 'server',
      updatedBy: 'server',
      rev: 12,
      fieldVersions: { name: 12, type: 3, demo: 3 },
      name: 'Dinas Kominfo',
      type: 'opd',
    }),
  ]);
  // The tenant's template and programme settings, pulled; the local admin then switched the head of the OPD's
  // approval on offline (still to be sent).
  const fromServer = { tenantId: 'local', createdBy: 'server', updatedBy: 'server', updatedAt: 3, rev: 20 };
  const programme = aProgramme(fromServer);
  await store.applyRemote([aTemplate(fromServer), programme]);
  await store.update('programme', programme.id, {
    reviewFlow: { headApproval: true, internalReview: false },
  });
}

async function backUpThroughSettings(): Promise<File> {
  renderApp('/pengaturan');
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Cadangkan' }));
  const link = await screen.findByRole('link', { name: /^Unduh rintis-cadangan-.*\.json$/ });
  const name = link.getAttribute('download')!;
  expect(screen.getByText(new RegExp(`Cadangan ${name.replace(/\./g, '\\.')} siap`))).toBeInTheDocument();
  return new File([offered.at(-1)!], name, { type: 'application/json' });
}

async function restoreThroughSettings(file: File): Promise<void> {
  const user = userEvent.setup();
  await user.upload(await screen.findByLabelText('Pulihkan dari cadangan'), file);
}

describe('backup and restore in settings', () => {
  it('round trip: back up, start from an empty database, restore: every record equal, unsynced ones queued', async () => {
    const phone = await freshWorkspace();
    await fillPhone(phone);
    const before = await everything(phone);
    expect(before).toHaveLength(10);
    expect(before.filter((r) => r.kind === 'template' || r.kind === 'programme')).toHaveLength(2);
    const file = await backUpThroughSettings();
    expect(file.name).toMatch(/^rintis-cadangan-user-test-/);
    teardown();

    const newPhone = await freshWorkspace();
    expect(await everything(newPhone)).toEqual([]);
    renderApp('/pengaturan');
    await restoreThroughSettings(file);
    expect(
      await screen.findByText(
        /Cadangan dipulihkan: 10 data baru, 0 diperbarui dari berkas, 0 tetap memakai versi perangkat ini yang lebih baru\./,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/akan dikirim saat sinkronisasi/)).toBeInTheDocument();
    expect(await everything(newPhone)).toEqual(before);

    // Never-synced records go to the server as creates from the new phone, the programme's switch as an update;
    // the synced unit and template stay quiet.
    const outbox = await newPhone.outbox();
    const programme = before.find((r) => r.kind === 'programme')!;
    const creates = outbox.filter((e) => e.recordId !== programme.id);
    expect(creates.map((e) => e.recordId).sort()).toEqual(
      before
        .filter((r) => r.rev === 0)
        .map((r) => r.id)
        .sort(),
    );
    expect(outbox.every((e) => e.deviceId === newPhone.deviceId)).toBe(true);
    expect(creates.every((e) => e.op === 'create')).toBe(true);
    expect(outbox.find((e) => e.recordId === programme.id)).toMatchObject({
      op: 'update',
      values: { reviewFlow: { headApproval: true, internalReview: false } },
    });
    const quiet = before.filter((r) => r.rev > 0 && r.id !== programme.id);
    expect(quiet.map((r) => r.kind).sort()).toEqual(['template', 'unit']);
    expect(outbox.some((e) => quiet.some((r) => r.id === e.recordId))).toBe(false);

    // Restoring the same file again changes nothing.
    await restoreThroughSettings(file);
    expect(await screen.findByText(/0 data baru, 0 diperbarui dari berkas, 10 tetap/)).toBeInTheDocument();
    expect(await everything(newPhone)).toEqual(before);
    expect(await newPhone.outbox()).toEqual(outbox);
  });

  it('a restore never overwrites what is newer on this phone, and takes what is newer in the file', async () => {
    const phone = await freshWorkspace();
    const a = await phone.create('unit', { name: 'Dinas A', type: 'opd', demo: false });
    const b = await phone.create('unit', { name: 'Dinas B', type: 'opd', demo: false });
    const file = await backUpThroughSettings();
    teardown();

    // The other phone holds a later edit of A and an older copy of B.
    const other = await freshWorkspace();
    await other.applyRemote([
      { ...a, name: 'Dinas A (lebih baru di HP ini)', updatedAt: a.updatedAt + 60_000 },
      { ...b, name: 'Dinas B (lama)', updatedAt: b.updatedAt - 60_000 },
    ]);
    renderApp('/pengaturan');
    await restoreThroughSettings(file);
    expect(await screen.findByText(/0 data baru, 1 diperbarui dari berkas, 1 tetap/)).toBeInTheDocument();
    expect((await other.get('unit', a.id))!.name).toBe('Dinas A (lebih baru di HP ini)');
    expect(await other.get('unit', b.id)).toEqual(b);
    // The newer copy from the file is on its way to the server; the kept one queues nothing.
    const outbox = await other.outbox();
    expect(outbox.map((e) => e.recordId)).toEqual([b.id]);
    expect(outbox[0]!.values).toMatchObject({ name: 'Dinas B' });
  });

  it("a restore keeps the tenant's template and programme settings pulled since the backup, and sends nothing for them", async () => {
    const phone = await freshWorkspace();
    const fromServer = { tenantId: 'local', createdBy: 'server', updatedBy: 'server', updatedAt: 3, rev: 20 };
    const template = aTemplate(fromServer);
    const programme = aProgramme(fromServer);
    await phone.applyRemote([template, programme]);
    const file = await backUpThroughSettings();
    teardown();

    // Another phone pulled later versions: the template retired, the flow's optional steps switched on.
    const other = await freshWorkspace();
    const later = { updatedAt: 9, rev: 31 };
    const retired = { ...template, ...later, status: 'retired' as const };
    const switched = { ...programme, ...later, reviewFlow: { headApproval: true, internalReview: true } };
    await other.applyRemote([retired, switched]);
    renderApp('/pengaturan');
    await restoreThroughSettings(file);
    expect(await screen.findByText(/0 data baru, 0 diperbarui dari berkas, 2 tetap/)).toBeInTheDocument();
    expect(await other.get('template', template.id)).toEqual(retired);
    expect(await other.get('programme', programme.id)).toEqual(switched);
    expect(await other.outbox()).toEqual([]);
  });

  it('a bad file gives a clear error and changes nothing', async () => {
    const phone = await freshWorkspace();
    await fillPhone(phone);
    const before = await everything(phone);
    const outbox = await phone.outbox();
    renderApp('/pengaturan');
    await restoreThroughSettings(
      new File(['{"bukan":"cadangan"}'], 'catatan.json', { type: 'application/json' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Ini bukan berkas cadangan Rintis. Tidak ada yang diubah.',
    );

    // A real backup with one damaged record: refused as a whole, even its valid records are not written.
    const good = { ...before[0]!, id: uuidv7(), words: [] };
    const damaged = { ...before[0]!, id: uuidv7(), kind: 'unit', name: 'x'.repeat(500) };
    const text = JSON.stringify({
      formatName: 'dexie',
      formatVersion: 1,
      data: {
        databaseName: 'rintis-guest',
        data: [{ tableName: 'units', inbound: true, rows: [good, damaged] }],
      },
    });
    await restoreThroughSettings(new File([text], 'rintis-cadangan.json', { type: 'application/json' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        /Cadangan rusak: data ke-2 di tabel units tidak sah/,
      ),
    );
    expect(await everything(phone)).toEqual(before);
    expect(await phone.outbox()).toEqual(outbox);
  });

  it('shows the panel in English', async () => {
    await freshWorkspace();
    const { locale } = await import('../../src/lib/i18n/index.svelte');
    locale.set('en');
    renderApp('/pengaturan');
    expect(await screen.findByRole('heading', { name: 'Backup' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Back up' })).toBeInTheDocument();
    expect(screen.getByLabelText('Restore from a backup')).toBeInTheDocument();
  });
});
