/**
 * Templates as synced tenant data on the phone (issue #15): a draft opens with the template version it was
 * written on from the synced records (the app has never shipped the 2027 template), the "new draft" picker offers
 * only active templates, and a draft moves to the newer template in ONE change with nothing lost (an unmapped
 * section stays as an extra section, shown on the draft).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from 'uuidv7';
import type { RecordOfKind } from '../../src/shared/records';
import { renderApp, teardown } from './workspace-helpers';
import { forgetOfflineAccounts, signInOffline } from './offline-account';
import { aDraftBody, aTemplate, anEnvelope } from '../factories';
import kipp2027Json from '../factories/kipp-2027-umum.json';

const TENANT = 'kab-uji';
const UNIT = uuidv7();

afterEach(async () => {
  teardown();
  await forgetOfflineAccounts();
});

/** The tenant's templates as a pull brings them after the 2027 template was activated. */
const templates = () => [
  aTemplate({ tenantId: TENANT, key: 'kipp-2023-umum', status: 'retired', rev: 2 }),
  aTemplate({ tenantId: TENANT, key: 'profil-inovasi-daerah', rev: 3 }),
  aTemplate({
    tenantId: TENANT,
    key: 'kipp-2027-umum',
    version: 1,
    year: 2027,
    status: 'active',
    replaces: 'kipp-2023-umum',
    template: structuredClone(kipp2027Json) as Record<string, unknown>,
    rev: 4,
  }),
];

function draftOn2023(createdBy: string): RecordOfKind<'draft'> {
  return {
    ...anEnvelope({ tenantId: TENANT, createdBy, updatedBy: createdBy, rev: 5 }),
    kind: 'draft',
    ...aDraftBody({
      unitId: UNIT,
      title: 'Antar jemput obat',
      sections: {
        ringkasan: 'Obat diantar ke rumah.',
        kebaruan: 'Kurir desa.',
        implementasi: 'Dimulai Maret dengan dua kurir.',
      },
    }),
  } as RecordOfKind<'draft'>;
}

describe('templates from sync on the phone', () => {
  it('offers only active templates for a new draft', { timeout: 20_000 }, async () => {
    const { store } = await signInOffline('innovator', [UNIT]);
    await store.applyRemote(templates());
    renderApp('/rancangan');
    const picker = await screen.findByLabelText('Templat');
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual([
        'Proposal KIPP 2027 - Kelompok Umum (versi 1)',
        'Profil Inovasi Daerah (Indeks Inovasi Daerah) (versi 1)',
      ]),
    );
  });

  it(
    'moves a draft to the 2027 template in one change; the unmapped section stays',
    { timeout: 30_000 },
    async () => {
      const { store, user } = await signInOffline('innovator', [UNIT]);
      await store.applyRemote(templates());
      const draft = draftOn2023(user.id);
      await store.applyRemote([draft]);
      renderApp(`/rancangan/${draft.id}`);
      const ui = userEvent.setup();
      // The draft screen is a lazy route: slow on a busy machine.
      expect(await screen.findByLabelText(/^Ringkasan/, undefined, { timeout: 15_000 })).toHaveValue(
        'Obat diantar ke rumah.',
      );
      await ui.click(screen.getByRole('tab', { name: 'Data' }));
      const panel = await screen.findByTestId('move-template');
      expect(panel).toHaveTextContent(
        'Templat yang lebih baru sudah aktif: Proposal KIPP 2027 - Kelompok Umum (tahun 2027).',
      );
      await ui.click(within(panel).getByRole('button', { name: 'Pindahkan ke templat baru' }));
      // Same keys map by default; the removed section stays as an extra unless the person sends it elsewhere.
      expect(within(panel).getByLabelText('Isi bagian Ringkasan')).toHaveValue('ringkasan');
      expect(within(panel).getByLabelText('Isi bagian Implementasi Inovasi')).toHaveValue('');
      const before = (await store.outbox()).length;
      await ui.click(within(panel).getByRole('button', { name: 'Pindahkan sekarang' }));

      await waitFor(async () =>
        expect((await store.get('draft', draft.id))?.templateKey).toBe('kipp-2027-umum'),
      );
      const moved = (await store.get('draft', draft.id))!;
      expect(moved.sections).toMatchObject({
        ringkasan: 'Obat diantar ke rumah.',
        kebaruan: 'Kurir desa.',
        implementasi: 'Dimulai Maret dengan dua kurir.',
        kolaborasi: '',
      });
      const outbox = await store.outbox();
      expect(outbox.length).toBe(before + 1);
      expect(outbox.at(-1)!.values).toMatchObject({
        templateKey: 'kipp-2027-umum',
        'sections.kolaborasi': '',
      });
      expect(await screen.findByTestId('template-info')).toHaveTextContent(
        'Ditulis dengan templat Proposal KIPP 2027 - Kelompok Umum, versi 1.',
      );
      expect(screen.queryByTestId('move-template')).not.toBeInTheDocument();

      await ui.click(screen.getByRole('tab', { name: 'Tulisan' }));
      expect(await screen.findByLabelText(/^Kebaruan dan Keunikan/)).toHaveValue('Kurir desa.');
      const extras = await screen.findByTestId('extra-sections');
      expect(within(extras).getByRole('heading', { name: 'Implementasi Inovasi' })).toBeInTheDocument();
      expect(extras).toHaveTextContent('Dimulai Maret dengan dua kurir.');
    },
  );
});
