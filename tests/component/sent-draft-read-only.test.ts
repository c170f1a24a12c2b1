/**
 * A draft sent to a competition is read-only on the phone for the signed-in person, by the same shared rule the
 * server enforces (`sentDraftLocks` through `pathRefusal`): the draft screen says why and disables the fields,
 * the store refuses an edit a screen might still try, and the coordinator's "Buka kembali" opens it again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from 'uuidv7';
import type { RecordOfKind } from '../../src/shared/records';
import { StoreError } from '../../src/lib/db';
import { renderApp, teardown } from './workspace-helpers';
import { forgetOfflineAccounts, signInOffline } from './offline-account';
import { aDraftBody, anEnvelope } from '../factories';

const TENANT = 'kab-uji';
const UNIT = uuidv7();

afterEach(async () => {
  teardown();
  await forgetOfflineAccounts();
});

/** The innovator's own draft as the pull brings it: marked sent by the coordinator. */
function sentDraft(createdBy: string): RecordOfKind<'draft'> {
  const now = Date.now();
  return {
    ...anEnvelope({
      tenantId: TENANT,
      createdAt: now,
      updatedAt: now,
      createdBy,
      updatedBy: 'coord',
      rev: 9,
    }),
    kind: 'draft',
    ...aDraftBody({ unitId: UNIT, title: 'Antar jemput obat', sections: { ringkasan: 'Obat diantar.' } }),
    reviewStatus: 'terkirim',
    sent: { competition: 'KIPP 2026', date: '2026-11-20' },
  } as RecordOfKind<'draft'>;
}

describe('a sent draft on the phone', () => {
  it(
    'is read-only for its own innovator, with the reason; the store refuses an edit too',
    { timeout: 20_000 },
    async () => {
      const { store, user } = await signInOffline('innovator', [UNIT]);
      const draft = sentDraft(user.id);
      await store.applyRemote([draft]);
      renderApp(`/rancangan/${draft.id}`);
      expect(await screen.findByLabelText(/^Ringkasan/)).toBeDisabled();
      expect(screen.getByTestId('read-only-note')).toHaveTextContent(
        'Hanya baca. Proposal ini sudah terkirim ke kompetisi; isinya terkunci sampai admin lokal membukanya kembali.',
      );
      await userEvent.setup().click(screen.getByRole('tab', { name: 'Data' }));
      expect(await screen.findByLabelText('Judul inovasi')).toBeDisabled();
      expect(screen.queryByRole('button', { name: 'Hapus proposal' })).not.toBeInTheDocument();

      const attempt = store.update('draft', draft.id, { title: 'Diubah diam-diam' });
      await expect(attempt).rejects.toBeInstanceOf(StoreError);
      await expect(attempt).rejects.toMatchObject({ code: 'forbidden' });
      expect((await store.get('draft', draft.id))?.title).toBe('Antar jemput obat');
    },
  );

  it('opens again for writing after the coordinator\'s "Buka kembali"', { timeout: 20_000 }, async () => {
    const { store } = await signInOffline('coordinator');
    const draft = sentDraft(uuidv7());
    await store.applyRemote([draft]);
    renderApp(`/rancangan/${draft.id}`);
    expect(await screen.findByLabelText(/^Ringkasan/)).toBeDisabled();
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Tinjauan' }));
    const panel = await screen.findByRole('region', { name: 'Tinjauan' });
    await user.click(within(panel).getByRole('button', { name: 'Buka kembali' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Buka kembali proposal ini?' })).getByRole('button', {
        name: 'Buka kembali',
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('read-only-note')).not.toBeInTheDocument());
    await user.click(screen.getByRole('tab', { name: 'Data' }));
    expect(await screen.findByLabelText('Judul inovasi')).toBeEnabled();
    expect((await store.get('draft', draft.id))?.reviewStatus).toBe('siap-kirim');
  });
});
