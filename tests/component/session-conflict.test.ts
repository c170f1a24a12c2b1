/** A conflict on a coaching session or a checklist is shown on its own screen and resolved there in one tap. */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from 'uuidv7';
import { newSessionBody } from '../../src/shared/domain';
import type { Conflict, Session } from '../../src/shared/records';
import { syncStatus } from '../../src/lib/sync/status.svelte';
import { workspace } from '../../src/lib/state/workspace.svelte';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(() => {
  syncStatus.reset();
  teardown();
});

describe('conflicts on the session screen', () => {
  it('shows "Versi Anda" beside the facilitator’s notes and keeps the chosen one', async () => {
    const store = await freshWorkspace();
    const me = workspace.userId!;
    const tenantId = (await store.create('unit', { name: 'Puskesmas', type: 'puskesmas', demo: false }))
      .tenantId;
    const envelope = {
      tenantId,
      createdAt: 1,
      updatedAt: 2,
      createdBy: me,
      updatedBy: 'fac-1',
      deleted: false,
    };
    const session: Session = {
      ...envelope,
      id: uuidv7(),
      kind: 'session',
      rev: 5,
      fieldVersions: { notes: 5 },
      ...newSessionBody(new Date('2026-11-02T09:00:00')),
      notes: 'Catatan versi fasilitator.',
    };
    const conflict: Conflict = {
      ...envelope,
      id: uuidv7(),
      kind: 'conflict',
      rev: 6,
      fieldVersions: { resolved: 6 },
      recordId: session.id,
      recordKind: 'session',
      path: 'notes',
      base: 'Catatan awal.',
      winner: 'Catatan versi fasilitator.',
      loser: 'Catatan versi saya.',
      winnerBy: 'fac-1',
      loserBy: me,
      winnerRole: 'facilitator',
      winnerName: 'Budi',
      recordDeleted: false,
      resolved: false,
    };
    await store.applyRemote([session, conflict]);
    await syncStatus.start(store, { getToken: () => null, triggers: false });

    renderApp(`/sesi/${session.id}`);
    await screen.findByText('Catatan versi saya.');
    expect(screen.getByText(/Versi fasilitator \(Budi\)/)).toBeInTheDocument();
    // The part is named as the form labels it, not by its field path.
    expect(screen.getByText('Bagian: Catatan')).toBeInTheDocument();
    const mine = screen.getByText('Catatan versi saya.').closest('[data-choice], li, div')!;
    await userEvent
      .setup()
      .click(within(mine as HTMLElement).getByRole('button', { name: /Pakai versi ini/ }));
    await waitFor(async () => {
      expect((await store.get('session', session.id))?.notes).toBe('Catatan versi saya.');
      expect((await store.get('conflict', conflict.id))?.resolved).toBe(true);
    });
  });
});
