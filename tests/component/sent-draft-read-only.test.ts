/**
 * A draft sent to a competition is read-only on the phone for the signed-in person, by the same shared rule the
 * server enforces (`sentDraftLocks` through `pathRefusal`): the draft screen says why and disables the fields,
 * the store refuses an edit a screen might still try, and the coordinator's "Buka kembali" opens it again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import type { User } from '../../src/shared/api';
import type { RecordOfKind } from '../../src/shared/records';
import { AccountsDb } from '../../src/lib/account/accounts-db';
import { accountSession } from '../../src/lib/account/session.svelte';
import { databaseName, StoreError, type LocalStore } from '../../src/lib/db';
import { locale } from '../../src/lib/i18n/index.svelte';
import { workspace } from '../../src/lib/state/workspace.svelte';
import { renderApp, teardown } from './workspace-helpers';
import { aDraftBody, anEnvelope } from '../factories';

const TENANT = 'kab-uji';
const UNIT = uuidv7();
const signedIn: string[] = [];

afterEach(async () => {
  teardown();
  accountSession.reset();
  for (const id of signedIn.splice(0)) await Dexie.delete(databaseName(id));
});

/** Signs `role` in as the app does when it reopens offline (no server involved). */
async function signInOffline(role: User['role']): Promise<{ store: LocalStore; user: User }> {
  workspace.reset();
  localStorage.clear();
  locale.reset();
  const user: User = {
    id: uuidv7(),
    tenantId: TENANT,
    tenantName: 'Kabupaten Uji',
    name: `Uji ${role}`,
    email: null,
    phone: null,
    role,
    unitIds: role === 'coordinator' ? [] : [UNIT],
  };
  signedIn.push(user.id);
  const now = Date.now();
  await new AccountsDb().signIn({
    userId: user.id,
    user,
    tokens: { accessToken: 'a', accessExpiresAt: now, localExpiresAt: now, refreshToken: 'r' },
    reauthRequired: true,
    signedInAt: now,
  });
  await accountSession.restore();
  return { store: workspace.requireStore(), user };
}

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
      const { store, user } = await signInOffline('innovator');
      const draft = sentDraft(user.id);
      await store.applyRemote([draft]);
      renderApp(`/rancangan/${draft.id}`);
      expect(await screen.findByLabelText('Judul inovasi')).toBeDisabled();
      expect(screen.getByLabelText(/^Ringkasan/)).toBeDisabled();
      expect(screen.getByTestId('read-only-note')).toHaveTextContent(
        'Hanya baca. Rancangan ini sudah terkirim ke kompetisi; isinya terkunci sampai admin lokal membukanya kembali.',
      );
      expect(screen.queryByRole('button', { name: 'Hapus rancangan' })).not.toBeInTheDocument();

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
    expect(await screen.findByLabelText('Judul inovasi')).toBeDisabled();
    const user = userEvent.setup();
    const panel = screen.getByRole('region', { name: 'Tinjauan' });
    await user.click(within(panel).getByRole('button', { name: 'Buka kembali' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Buka kembali rancangan ini?' })).getByRole('button', {
        name: 'Buka kembali',
      }),
    );
    await waitFor(() => expect(screen.getByLabelText('Judul inovasi')).toBeEnabled());
    expect(screen.queryByTestId('read-only-note')).not.toBeInTheDocument();
    expect((await store.get('draft', draft.id))?.reviewStatus).toBe('siap-kirim');
  });
});
