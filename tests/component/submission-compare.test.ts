import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from 'uuidv7';
import { latestProposalTemplate } from '../../src/shared/templates';
import { locale } from '../../src/lib/i18n/index.svelte';
import type { LocalStore } from '../../src/lib/db/types';
import SubmissionCompare from '../../src/ui/review/SubmissionCompare.svelte';
import { freshWorkspace, teardown } from './workspace-helpers';
import { aSubmissionBody } from '../factories';

afterEach(teardown);

const kipp = () => latestProposalTemplate('kipp-2023-umum')!;

async function submit(store: LocalStore, draftId: string, number: number, sections: Record<string, string>) {
  await store.create(
    'submission',
    aSubmissionBody({
      draftId,
      number,
      sections,
      submittedAt: Date.UTC(2026, 10, number, 3),
      submittedBy: 'user-1',
      submittedByName: 'Sari',
    }),
  );
}

describe('comparison of submissions', () => {
  it('compares the last two by default and any two on request, with labelled <del> and <ins>', async () => {
    const store = await freshWorkspace();
    const draftId = uuidv7();
    await submit(store, draftId, 1, { ringkasan: 'Antar obat.', 'latar-belakang-tujuan': 'Jauh.' });
    await submit(store, draftId, 2, { ringkasan: 'Antar jemput obat.', 'latar-belakang-tujuan': 'Jauh.' });
    await submit(store, draftId, 3, {
      ringkasan: 'Antar jemput obat.',
      'latar-belakang-tujuan': 'Jauh dari kota.',
    });
    render(SubmissionCompare, { store, draftId, template: kipp() });

    const region = await screen.findByRole('region', { name: 'Perbandingan pengajuan' });
    expect(await within(region).findByLabelText('Versi lama')).toHaveDisplayValue(
      /^Pengajuan ke-2 · .* · Sari$/,
    );
    expect(within(region).getByLabelText('Versi baru')).toHaveDisplayValue(/^Pengajuan ke-3/);
    // 2 -> 3: only the background changed; the other sections (written or empty) are counted, not shown.
    expect(within(region).getAllByRole('article')).toHaveLength(1);
    const latar = within(region).getByRole('article', { name: 'Latar Belakang dan Tujuan' });
    expect(latar.querySelector('del')).toHaveTextContent('[dihapus:] Jauh.');
    expect(latar.querySelector('ins')).toHaveTextContent('[ditambah:] Jauh dari kota.');
    const unchanged = kipp().sections.length - 1;
    expect(within(region).getByText(`${unchanged} bagian tidak berubah`)).toBeInTheDocument();
    expect(within(region).getByText(/Kata yang dihapus dicoret dan ditandai "dihapus"/)).toBeInTheDocument();

    // Any two: the first against the last.
    const user = userEvent.setup();
    const older = within(region).getByLabelText('Versi lama');
    const first = within(older).getByRole('option', { name: /^Pengajuan ke-1/ }) as HTMLOptionElement;
    await user.selectOptions(older, first);
    expect(within(region).getAllByRole('article')).toHaveLength(2);
    const ringkasan = within(region).getByRole('article', { name: 'Ringkasan' });
    expect(ringkasan.querySelector('ins')).toHaveTextContent('[ditambah:] jemput');
    expect(within(ringkasan).getByText('1 kata ditambah, 0 kata dihapus')).toBeInTheDocument();

    locale.set('en');
    expect(await within(region).findByText('Compare submissions')).toBeInTheDocument();
    expect(ringkasan.querySelector('ins')).toHaveTextContent('[added:] jemput');
  });

  it('says when there is nothing or only one submission to compare', async () => {
    const store = await freshWorkspace();
    const draftId = uuidv7();
    render(SubmissionCompare, { store, draftId, template: kipp() });
    expect(
      await screen.findByText('Belum ada pengajuan. Perbandingan muncul setelah proposal diajukan.'),
    ).toBeInTheDocument();
    await submit(store, draftId, 1, { ringkasan: 'Antar obat.' });
    expect(
      await screen.findByText('Baru satu pengajuan; perbandingan muncul setelah pengajuan ulang.'),
    ).toBeInTheDocument();
  });
});
