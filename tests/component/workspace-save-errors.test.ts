import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newDraftBody } from '../../src/shared/domain';
import { latestProposalTemplate } from '../../src/shared/templates';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

describe('autosave when the disk is full', () => {
  it('says so in Indonesian, keeps the typed text on screen, and saves it once there is room', async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', newDraftBody(latestProposalTemplate('kipp-2023-umum')!, null));
    // The browser refuses writes as it does when the origin's quota is used up.
    const batch = store.batch.bind(store);
    let full = true;
    store.batch = ((fn: Parameters<typeof store.batch>[0]) =>
      full
        ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
        : batch(fn)) as typeof store.batch;

    renderApp(`/rancangan/${draft.id}#data`);
    const user = userEvent.setup();
    const title = await screen.findByLabelText('Judul inovasi');
    await user.type(title, 'Antrean Daring');

    expect(await screen.findByText(/Ruang penyimpanan di perangkat ini penuh/)).toBeInTheDocument();
    expect(title).toHaveValue('Antrean Daring');
    expect((await store.get('draft', draft.id))?.title).toBe('');

    full = false;
    await user.type(title, ' Puskesmas');
    await waitFor(async () =>
      expect((await store.get('draft', draft.id))?.title).toBe('Antrean Daring Puskesmas'),
    );
  });
});
