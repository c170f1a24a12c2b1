/** A record that is only a summary on this phone (a first pull over 2G): nothing editable until it is whole. */
import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/svelte';
import { uuidv7 } from 'uuidv7';
import { newDraftBody, newSessionBody } from '../../src/shared/domain';
import { latestProposalTemplate } from '../../src/shared/templates';
import { summarizeRecord } from '../../src/shared/summary';
import type { Draft, Session } from '../../src/shared/records';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

const envelope = (tenantId: string) => ({
  id: uuidv7(),
  tenantId,
  createdAt: 1,
  updatedAt: 2,
  createdBy: 'server-user',
  updatedBy: 'server-user',
  deleted: false,
  rev: 5,
});

describe('summaries on screen', () => {
  it('shows a summary draft as not downloaded, then the editor once the full draft arrives', async () => {
    const store = await freshWorkspace();
    const tenantId = (await store.create('unit', { name: 'Puskesmas', type: 'puskesmas', demo: false }))
      .tenantId;
    const full: Draft = {
      ...envelope(tenantId),
      kind: 'draft',
      ...newDraftBody(latestProposalTemplate('kipp-2023-umum')!, null),
      title: 'Antar Obat',
      fieldVersions: { title: 5, 'sections.kebaruan': 5 },
    };
    full.sections['kebaruan'] = 'Obat diantar kader ke rumah pasien.';
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
    expect(screen.getByLabelText('Judul inovasi')).toHaveValue('Antar Obat');
  });

  it('does not print or export a summary session', async () => {
    const store = await freshWorkspace();
    const tenantId = (await store.create('unit', { name: 'Kecamatan', type: 'kecamatan', demo: false }))
      .tenantId;
    const full: Session = {
      ...envelope(tenantId),
      kind: 'session',
      ...newSessionBody(new Date('2026-11-02T09:00:00')),
      notes: 'Catatan lengkap sesi.',
      fieldVersions: { notes: 5, startsAt: 5 },
    };
    await store.applyRemote([summarizeRecord(full)]);
    renderApp(`/sesi/${full.id}/cetak`);
    expect(await screen.findByText(/belum ada di perangkat ini/)).toBeInTheDocument();
    expect(screen.queryByText('Catatan lengkap sesi.')).not.toBeInTheDocument();
    await store.applyRemote([full]);
    expect(await screen.findByText('Catatan lengkap sesi.')).toBeInTheDocument();
  });
});
