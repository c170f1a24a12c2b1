/**
 * A conflict on any kind of record (session, checklist, unit) is shown where that record is, named in words, and
 * resolved there in one tap: offline, through the normal store and outbox, so the choice syncs like any edit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from 'uuidv7';
import type { AnyRecord, Conflict, Envelope } from '../../src/shared/records';
import type { LocalStore } from '../../src/lib/db/types';
import { syncStatus } from '../../src/lib/sync/status.svelte';
import { workspace } from '../../src/lib/state/workspace.svelte';
import { paths } from '../../src/lib/router/routes';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';
import { aChecklist, aConflict, aDraft, aParticipant, aSession, aUnit, aUnitBody } from '../factories';

afterEach(() => {
  syncStatus.reset();
  teardown();
});

interface Setup {
  store: LocalStore;
  me: string;
  /** The envelope of what the server sent: made here, last changed by the facilitator. */
  envelope: Partial<Envelope>;
}

async function setup(): Promise<Setup> {
  const store = await freshWorkspace();
  const me = workspace.userId!;
  const { tenantId } = await store.create('unit', aUnitBody({ name: 'Dinas Kesehatan', type: 'opd' }));
  const envelope = { tenantId, updatedAt: 2, createdBy: me, updatedBy: 'fac-1' };
  return { store, me, envelope };
}

function conflictOn(
  s: Setup,
  record: AnyRecord,
  path: string,
  winner: unknown,
  loser: unknown,
  rev: number,
): Conflict {
  return aConflict({
    ...s.envelope,
    rev,
    fieldVersions: { resolved: rev },
    recordId: record.id,
    recordKind: record.kind,
    path,
    winner,
    loser,
    winnerBy: 'fac-1',
    loserBy: s.me,
    winnerRole: 'facilitator',
    winnerName: 'Budi',
  });
}

/** Starts the sync status with no account: nothing can reach a server, as on a phone with no network. */
async function offline(store: LocalStore): Promise<void> {
  await syncStatus.start(store, { getToken: () => null, triggers: false });
}

/** Taps "Pakai versi ini" on the side showing `text`. */
async function chooseSide(text: string): Promise<void> {
  const side = screen.getByText(text).closest('[data-choice]') as HTMLElement;
  await userEvent.setup().click(within(side).getByRole('button', { name: /Pakai versi ini/ }));
}

describe('conflicts on the session screen', () => {
  it('names the part as the form does, shows only the newest per path, and one tap settles all of them', async () => {
    const s = await setup();
    const participantId = uuidv7();
    const session = aSession({
      ...s.envelope,
      rev: 5,
      fieldVersions: { notes: 5, [`participants.${participantId}`]: 4 },
      notes: 'Catatan versi fasilitator.',
      participants: { [participantId]: aParticipant({ name: 'Sari' }) },
    });
    // The innovator kept typing offline; each of their saves met the facilitator's notes again.
    const olderNotes = conflictOn(s, session, 'notes', 'Catatan versi fasilitator.', 'Catatan saya', 6);
    const newestNotes = conflictOn(
      s,
      session,
      'notes',
      'Catatan versi fasilitator.',
      'Catatan saya, lengkap.',
      8,
    );
    const participant = conflictOn(
      s,
      session,
      `participants.${participantId}`,
      { name: 'Sari', personId: null, present: true, order: 0 },
      { name: 'Sari', personId: null, present: false, order: 0 },
      7,
    );
    await s.store.applyRemote([session, olderNotes, newestNotes, participant]);
    await offline(s.store);

    renderApp(paths.session(session.id));
    await screen.findByText('Catatan saya, lengkap.');
    expect(screen.queryByText('Catatan saya')).not.toBeInTheDocument();
    expect(screen.getAllByText('Bagian: Catatan')).toHaveLength(1);
    // The header counts what the cards show: notes and the participant, not each save of the notes.
    expect(screen.getByTestId('sync-chip')).toHaveAccessibleName(/ · 2 konflik menunggu$/);
    expect(screen.getAllByText(/Versi pendamping \(Budi\)/).length).toBeGreaterThan(0);
    // A participant is named, and its values read as the form shows them, not as JSON.
    expect(screen.getByText('Bagian: Peserta “Sari”')).toBeInTheDocument();
    expect(screen.getByText('Sari · tidak hadir')).toBeInTheDocument();

    await chooseSide('Catatan saya, lengkap.');
    await waitFor(async () => {
      const stored = await s.store.get('session', session.id);
      expect(stored?.notes).toBe('Catatan saya, lengkap.');
      expect((await s.store.get('conflict', newestNotes.id))?.resolved).toBe(true);
      expect((await s.store.get('conflict', olderNotes.id))?.resolved).toBe(true);
    });
    expect((await s.store.get('conflict', participant.id))?.resolved).toBe(false);
    const outbox = await s.store.outbox();
    const edit = outbox.find((e) => e.recordId === session.id)!;
    // An ordinary edit typed on top of the version the server holds, waiting to be sent.
    expect(edit).toMatchObject({ values: { notes: 'Catatan saya, lengkap.' }, base: { notes: 5 } });
    expect(outbox.filter((e) => e.values.resolved === true).map((e) => e.recordId)).toEqual(
      expect.arrayContaining([olderNotes.id, newestNotes.id]),
    );
    await waitFor(() => expect(screen.queryByText('Bagian: Catatan')).not.toBeInTheDocument());
    expect(screen.getByText('Bagian: Peserta “Sari”')).toBeInTheDocument();
  }, 30_000);
});

describe('conflicts on the checklist screen', () => {
  it('names the item by its label and keeps the chosen status and evidence', async () => {
    const s = await setup();
    const draft = aDraft({ ...s.envelope, rev: 2, title: 'Antrean daring' });
    const checklist = aChecklist({
      ...s.envelope,
      draftId: draft.id,
      rev: 4,
      fieldVersions: { 'items.kepastian-hukum': 4 },
      items: { 'kepastian-hukum': { status: 'terpenuhi', evidence: 'Perbup 12/2025.' } },
    });
    const conflict = conflictOn(
      s,
      checklist,
      'items.kepastian-hukum',
      { status: 'terpenuhi', evidence: 'Perbup 12/2025.' },
      { status: 'sebagian', evidence: 'Baru rancangan perbup.' },
      5,
    );
    await s.store.applyRemote([draft, checklist, conflict]);
    await offline(s.store);

    renderApp(paths.checklist(draft.id, checklist.id));
    await screen.findByText('Bagian: Kepastian hukum');
    expect(screen.getByText('Terpenuhi — Perbup 12/2025.')).toBeInTheDocument();
    await chooseSide('Sebagian — Baru rancangan perbup.');

    await waitFor(async () => {
      const stored = await s.store.get('checklist', checklist.id);
      expect(stored?.items['kepastian-hukum']).toEqual({
        status: 'sebagian',
        evidence: 'Baru rancangan perbup.',
      });
      expect((await s.store.get('conflict', conflict.id))?.resolved).toBe(true);
    });
    const edit = (await s.store.outbox()).find((e) => e.recordId === checklist.id)!;
    expect(edit).toMatchObject({
      state: 'pending',
      values: { 'items.kepastian-hukum': { status: 'sebagian', evidence: 'Baru rancangan perbup.' } },
      base: { 'items.kepastian-hukum': 4 },
    });
    // The form shows the chosen answer at once.
    await waitFor(() =>
      expect((document.getElementById('evidence-kepastian-hukum') as HTMLTextAreaElement).value).toBe(
        'Baru rancangan perbup.',
      ),
    );
  }, 30_000);
});

describe('conflicts on the units screen', () => {
  it('lists a unit’s conflict with the unit’s name and keeps the chosen name', async () => {
    const s = await setup();
    const unit = aUnit({ ...s.envelope, rev: 3, fieldVersions: { name: 3 }, name: 'Puskesmas Sukamaju' });
    const conflict = conflictOn(s, unit, 'name', 'Puskesmas Sukamaju', 'UPTD Puskesmas Sukamaju', 4);
    await s.store.applyRemote([unit, conflict]);
    await offline(s.store);

    renderApp(paths.units());
    await screen.findByText('Bagian: Nama unit (Puskesmas Sukamaju)');
    await chooseSide('UPTD Puskesmas Sukamaju');

    await waitFor(async () => {
      expect((await s.store.get('unit', unit.id))?.name).toBe('UPTD Puskesmas Sukamaju');
      expect((await s.store.get('conflict', conflict.id))?.resolved).toBe(true);
    });
    const edit = (await s.store.outbox()).find((e) => e.recordId === unit.id)!;
    expect(edit).toMatchObject({ values: { name: 'UPTD Puskesmas Sukamaju' }, base: { name: 3 } });
    // Resolved: the card goes, the list shows the chosen name.
    await waitFor(() => expect(screen.queryByText(/Bagian: Nama unit/)).not.toBeInTheDocument());
    await within(screen.getByRole('list', { name: 'Daftar unit' })).findByText('UPTD Puskesmas Sukamaju');
  }, 30_000);
});
