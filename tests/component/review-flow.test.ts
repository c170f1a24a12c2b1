/**
 * The regency's review flow on the phone: a local admin switches the optional states on in Pengaturan (written to
 * the tenant's programme record, offline like any edit), and the review panel then offers the extra steps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newDraftBody } from '../../src/shared/domain';
import { latestProposalTemplate } from '../../src/shared/templates';
import { syncStatus } from '../../src/lib/sync/status.svelte';
import type { ReviewFlow } from '../../src/shared/records';
import ReviewPanel from '../../src/ui/review/ReviewPanel.svelte';
import ReviewFlowPanel from '../../src/ui/settings/ReviewFlowPanel.svelte';
import { aProgrammeBody } from '../factories';
import { freshWorkspace, teardown } from './workspace-helpers';

afterEach(() => {
  cleanup();
  syncStatus.reset();
  teardown();
});

const buttonNames = () =>
  within(screen.getByRole('group', { name: 'Ubah status tinjauan' }))
    .getAllByRole('button')
    .map((b) => b.textContent?.trim());

describe('review flow settings', () => {
  it('switches the optional states on the active programme record, each a local edit waiting to sync', async () => {
    const store = await freshWorkspace();
    const programme = await store.create('programme', aProgrammeBody());
    render(ReviewFlowPanel, { store });
    const user = userEvent.setup();

    const head = await screen.findByRole('switch', { name: 'Persetujuan kepala OPD' });
    const internal = screen.getByRole('switch', { name: 'Tinjauan internal' });
    expect(head).not.toBeChecked();
    expect(internal).not.toBeChecked();
    expect(screen.getByText(/program 2026/)).toBeInTheDocument();

    await user.click(head);
    await waitFor(
      async () =>
        expect((await store.get('programme', programme.id))?.reviewFlow).toEqual({
          headApproval: true,
          internalReview: false,
        }),
      { timeout: 5_000 },
    );
    await user.click(internal);
    await waitFor(
      async () =>
        expect((await store.get('programme', programme.id))?.reviewFlow).toEqual({
          headApproval: true,
          internalReview: true,
        }),
      { timeout: 5_000 },
    );
    expect(
      await screen.findByText('Tersimpan di perangkat ini; dikirim saat tersambung.'),
    ).toBeInTheDocument();
    const entries = (await store.outbox()).filter((e) => e.recordId === programme.id);
    expect(entries.some((e) => 'reviewFlow' in e.values)).toBe(true);
  });

  it('says so when no programme record has synced yet', async () => {
    const store = await freshWorkspace();
    render(ReviewFlowPanel, { store });
    expect(
      await screen.findByText('Pengaturan program belum ada di perangkat ini; sinkronkan dulu.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('switch')).toBeNull();
  });
});

describe('review panel in a flow with the optional states on', () => {
  async function panel(flow: ReviewFlow, role: 'innovator' | 'coordinator', status: 'disetujui') {
    const store = await freshWorkspace();
    const template = latestProposalTemplate('kipp-2023-umum')!;
    const draft = await store.create('draft', { ...newDraftBody(template, null), reviewStatus: status });
    const view = render(ReviewPanel, {
      store,
      draftId: draft.id,
      draft: { reviewStatus: draft.reviewStatus, sent: null },
      actor: () => ({ userId: `user-${role}`, name: 'Sari', role }),
      flow: () => flow,
    });
    const rerender = async () => {
      const now = (await store.get('draft', draft.id))!;
      await view.rerender({ draft: { reviewStatus: now.reviewStatus, sent: null } });
    };
    return { store, draft, rerender };
  }

  it("offers the head of the OPD's approval after approval instead of ready to send", async () => {
    await panel({ headApproval: true, internalReview: true }, 'coordinator', 'disetujui');
    expect(buttonNames()).toEqual(['Minta revisi', 'Catat: disetujui kepala OPD']);
    cleanup();
    await panel({ headApproval: false, internalReview: false }, 'coordinator', 'disetujui');
    expect(buttonNames()).toEqual(['Minta revisi', 'Tandai siap kirim']);
  });

  it('lets the innovator record the head of the OPD approving, after a confirmation', async () => {
    const { store, draft, rerender } = await panel(
      { headApproval: true, internalReview: false },
      'innovator',
      'disetujui',
    );
    expect(buttonNames()).toEqual(['Catat: disetujui kepala OPD']);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Catat: disetujui kepala OPD' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Ubah status menjadi "Disetujui kepala OPD"?',
    });
    await user.click(within(confirm).getByRole('button', { name: 'Catat: disetujui kepala OPD' }));
    await waitFor(async () =>
      expect((await store.get('draft', draft.id))?.reviewStatus).toBe('disetujui-kepala'),
    );
    await rerender();
    expect(screen.getByTestId('review-status')).toHaveTextContent('Disetujui kepala OPD');
    expect(screen.getByText('Peran Anda tidak dapat mengubah status ini.')).toBeInTheDocument();
  });
});
