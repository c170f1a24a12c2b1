/** A record that is only a summary on this phone (a first pull over 2G): nothing editable until it is whole. */
import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/svelte';
import { summarizeRecord } from '../../src/shared/summary';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';
import { aDraft, aSession, aUnitBody } from '../factories';

afterEach(teardown);

/** What another person's phone made and the server sent (rev 5). */
const fromServer = (tenantId: string) => ({
  tenantId,
  updatedAt: 2,
  createdBy: 'server-user',
  updatedBy: 'server-user',
  rev: 5,
});

describe('summaries on screen', () => {
  it('shows a summary draft as not downloaded, then the editor once the full draft arrives', async () => {
    const store = await freshWorkspace();
    const { tenantId } = await store.create('unit', aUnitBody({ name: 'Puskesmas' }));
    const full = aDraft({
      ...fromServer(tenantId),
      title: 'Antar Obat',
      fieldVersions: { title: 5, 'sections.kebaruan': 5 },
      sections: { kebaruan: 'Obat diantar kader ke rumah pasien.' },
    });
    await store.applyRemote([summarizeRecord(full)]);

    const { unmount } = renderApp('/rancangan');
    expect(await screen.findByText('Isi belum diunduh')).toBeInTheDocument();
    unmount();

    renderApp(`/rancangan/${full.id}`);
    // Not signed in here, so nothing can be fetched: the screen says so instead of showing empty sections.
    expect(await screen.findByText(/belum ada di perangkat ini/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Judul inovasi')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Coba unduh lagi' })).toBeInTheDocument();

    await store.applyRemote([full]);
    expect(await screen.findByLabelText('Kebaruan/Nilai Tambah')).toHaveValue(
      'Obat diantar kader ke rumah pasien.',
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Antar Obat' })).toBeInTheDocument();
  });

  it('does not print or export a summary session', async () => {
    const store = await freshWorkspace();
    const { tenantId } = await store.create('unit', aUnitBody({ name: 'Kecamatan', type: 'kecamatan' }));
    const full = aSession({
      ...fromServer(tenantId),
      notes: 'Catatan lengkap sesi.',
      fieldVersions: { notes: 5, startsAt: 5 },
    });
    await store.applyRemote([summarizeRecord(full)]);
    renderApp(`/sesi/${full.id}/cetak`);
    expect(await screen.findByText(/belum ada di perangkat ini/)).toBeInTheDocument();
    expect(screen.queryByText('Catatan lengkap sesi.')).not.toBeInTheDocument();
    await store.applyRemote([full]);
    expect(await screen.findByText('Catatan lengkap sesi.')).toBeInTheDocument();
  });
});
