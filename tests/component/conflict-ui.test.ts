// @vitest-environment jsdom
/** Conflict cards show "versi Anda" beside the other version, and one tap resolves (edit + resolved, one go). */
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from 'uuidv7';
import { openLocalStore, type LocalStore } from '../../src/lib/db';
import { resolveConflict } from '../../src/lib/sync/resolve';
import type { Conflict, Draft } from '../../src/shared/records';
import ConflictList from '../../src/ui/sync/ConflictList.svelte';
import SyncStatus from '../../src/ui/sync/SyncStatus.svelte';
import RecordSyncBadge from '../../src/ui/sync/RecordSyncBadge.svelte';
import { SyncStatus as SyncStatusState } from '../../src/lib/sync/status.svelte';
import { recordSyncState } from '../../src/lib/sync/recordState';
import { aConflict, aDraft, aDraftBody } from '../factories';

const UNIT = '0190a000-0000-7000-8000-00000000000a';
const stores: LocalStore[] = [];
afterEach(() => {
  cleanup();
  for (const s of stores.splice(0)) s.close();
});

async function storeWithConflict(): Promise<{ store: LocalStore; draft: Draft; conflict: Conflict }> {
  const store = await openLocalStore({ userId: `me-${uuidv7()}`, tenantId: 't1' });
  stores.push(store);
  const draft = aDraft({
    updatedBy: 'fac',
    unitId: UNIT,
    sections: { ringkasan: 'Versi fasilitator.' },
    rev: 5,
    fieldVersions: { 'sections.ringkasan': 5 },
  });
  const conflict = aConflict({
    updatedBy: 'fac',
    rev: 6,
    fieldVersions: { resolved: 6 },
    recordId: draft.id,
    path: 'sections.ringkasan',
    base: 'Ringkasan awal.',
    winner: 'Versi fasilitator.',
    loser: 'Versi saya.',
  });
  await store.applyRemote([draft, conflict]);
  return { store, draft, conflict };
}

describe('conflict UI', () => {
  it('shows your version beside the other one and resolves it in one tap', async () => {
    const { store, draft, conflict } = await storeWithConflict();
    render(ConflictList, {
      conflicts: [conflict],
      userId: 'me',
      nameOf: (id: string) => (id === 'fac' ? 'fasilitator' : id),
      onChoose: (c: Conflict, choice: 'winner' | 'loser' | 'keep-deleted') =>
        resolveConflict(store, c, choice),
    });
    const sides = screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent?.trim() ?? '');
    expect(sides[0]).toMatch(/^Versi Anda/);
    expect(sides[1]).toMatch(/Versi fasilitator/);
    expect(screen.getByText('Versi saya.')).toBeInTheDocument();
    const [useMine] = screen.getAllByRole('button', { name: 'Pakai versi ini' });
    await userEvent.click(useMine!);
    const after = (await store.get('draft', draft.id))!;
    expect(after.sections.ringkasan).toBe('Versi saya.');
    expect((await store.get('conflict', conflict.id))!.resolved).toBe(true);
    const outbox = await store.outbox();
    expect(outbox.map((e) => e.recordId).sort()).toEqual([draft.id, conflict.id].sort());
    expect(outbox.find((e) => e.recordId === draft.id)!.base).toEqual({ 'sections.ringkasan': 5 });
  });

  it('names the other side by the role and name the server recorded', async () => {
    const { conflict } = await storeWithConflict();
    render(ConflictList, {
      conflicts: [
        {
          ...conflict,
          winnerRole: 'facilitator',
          winnerName: 'Budi',
          loserRole: 'innovator',
          loserName: 'Sari',
        },
      ],
      userId: 'me',
      onChoose: () => Promise.resolve(),
    });
    const sides = screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent?.trim() ?? '');
    expect(sides[0]).toMatch(/^Versi Anda/);
    expect(sides[1]).toMatch(/^Versi pendamping \(Budi\)/);
  });

  it('shows both versions but no choice to someone who may not make it, with the reason', async () => {
    const { conflict } = await storeWithConflict();
    const chosen: string[] = [];
    render(ConflictList, {
      conflicts: [conflict],
      userId: 'me',
      readOnlyReasonOf: () => 'Hanya koordinator yang dapat memilih.',
      onChoose: (_c: Conflict, choice: string) => void chosen.push(choice),
    });
    expect(screen.getByText('Versi saya.')).toBeInTheDocument();
    expect(screen.getByText('Versi fasilitator.')).toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByText('Hanya koordinator yang dapat memilih.')).toBeInTheDocument();
    expect(chosen).toEqual([]);
  });

  it('offers restore or leave-deleted for an edit that met a delete', async () => {
    const { store, draft, conflict } = await storeWithConflict();
    await store.applyRemote([{ ...draft, deleted: true, rev: 7 }]);
    const deletedConflict = { ...conflict, recordDeleted: true };
    render(ConflictList, {
      conflicts: [deletedConflict],
      userId: 'me',
      onChoose: (c: Conflict, choice: 'winner' | 'loser' | 'keep-deleted') =>
        resolveConflict(store, c, choice),
    });
    expect(screen.getByText(/sudah dihapus orang lain/)).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: 'Pulihkan catatan dengan versi ini' })[0]!);
    const after = (await store.get('draft', draft.id))!;
    expect(after.deleted).toBe(false);
    expect(after.sections.ringkasan).toBe('Versi saya.');
  });

  it('shows per-record state and the header status', async () => {
    expect(recordSyncState({ id: 'a', rev: 0 }, [])).toBe('local');
    expect(recordSyncState({ id: 'a', rev: 3 }, [{ recordId: 'a', state: 'sending', seq: 4 }], [4])).toBe(
      'sent',
    );
    // Frozen for sending but the request failed without an answer: not confirmed, so still only here.
    expect(recordSyncState({ id: 'a', rev: 3 }, [{ recordId: 'a', state: 'sending', seq: 4 }], [])).toBe(
      'local',
    );
    expect(recordSyncState({ id: 'a', rev: 3 }, [{ recordId: 'a', state: 'pending', seq: 5 }])).toBe('local');
    // Refused: said so, even beside a change on the wire; never "terkirim".
    const refused = { code: 'forbidden', message: 'x', at: 1 };
    expect(
      recordSyncState(
        { id: 'a', rev: 3 },
        [
          { recordId: 'a', state: 'sending', seq: 7, rejected: refused },
          { recordId: 'a', state: 'sending', seq: 8 },
        ],
        [8],
      ),
    ).toBe('rejected');
    expect(recordSyncState({ id: 'a', rev: 3 }, [{ recordId: 'b', state: 'pending', seq: 6 }])).toBe(
      'confirmed',
    );
    render(RecordSyncBadge, { state: 'local' });
    expect(screen.getByText('Hanya di perangkat ini')).toBeInTheDocument();
    const { store } = await storeWithConflict();
    await store.create('draft', aDraftBody({ unitId: UNIT }));
    const status = new SyncStatusState();
    await status.start(store, { getToken: () => null, triggers: false });
    render(SyncStatus, { status });
    // The count is in the words (no bare "1" beside a "Tersinkron").
    await screen.findByText('1 perubahan menunggu dikirim');
    await screen.findByText('1 konflik menunggu');
    await status.syncNow();
    expect(await screen.findByText('Masuk untuk sinkronisasi')).toBeInTheDocument();
    status.reset();
  });
});
