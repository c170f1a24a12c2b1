import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newDraftBody } from '../../src/shared/domain';
import { shippedProgrammeBody } from '../../src/shared/domain/programme';
import { shippedTemplateBodies } from '../../src/shared/domain/template-versions';
import { locale } from '../../src/lib/i18n/index.svelte';
import { latestProposalTemplate } from '../../src/shared/templates';
import type { LocalStore } from '../../src/lib/db/types';
import type { BodyOf } from '../../src/shared/records';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

const thisYear = new Date().getFullYear();
const lastYear = thisYear - 1;

/** Stores a draft as if created on 15 June of `year` (createdAt comes from the store's clock). */
async function draftIn(store: LocalStore, year: number, patch: Partial<BodyOf<'draft'>>) {
  const realNow = Date.now;
  Date.now = () => new Date(year, 5, 15, 12).getTime();
  try {
    return await store.create('draft', {
      ...newDraftBody(latestProposalTemplate('kipp-2023-umum')!, null),
      ...patch,
    });
  } finally {
    Date.now = realNow;
  }
}

async function seed() {
  const store = await freshWorkspace();
  const mawar = await store.create('unit', { name: 'Puskesmas Mawar', type: 'puskesmas', demo: false });
  const dinkes = await store.create('unit', { name: 'Dinas Kesehatan', type: 'opd', demo: false });
  await store.create('unit', { name: 'Kecamatan Bontoa', type: 'kecamatan', demo: false });
  await draftIn(store, thisYear, { unitId: mawar.id, stage: 'penerapan', reviewStatus: 'disetujui' });
  await draftIn(store, thisYear, { unitId: mawar.id, stage: 'inisiatif', reviewStatus: 'draft' });
  await draftIn(store, thisYear, { unitId: dinkes.id, stage: 'uji-coba', reviewStatus: 'diajukan' });
  await draftIn(store, lastYear, { unitId: dinkes.id, stage: 'uji-coba', reviewStatus: 'terkirim' });
  return store;
}

const rowCells = (table: HTMLElement, name: string) =>
  within(table)
    .getByRole('rowheader', { name: new RegExp(`^${name}`) })
    .closest('tr')!
    .querySelectorAll('td');

describe('coverage view', () => {
  it('counts units with an innovation by the rule, per unit type and per unit, with a chart', async () => {
    const store = await seed();
    expect((await store.list('draft')).map((d) => new Date(d.createdAt).getFullYear()).sort()).toEqual([
      lastYear,
      thisYear,
      thisYear,
      thisYear,
    ]);
    renderApp('/cakupan');
    expect(await screen.findByRole('heading', { level: 1, name: 'Cakupan inovasi' })).toBeInTheDocument();
    // A guest's bar leads to sessions; coverage is under "Lainnya", marked there as the current place.
    const nav = screen.getByRole('navigation', { name: 'Navigasi utama' });
    await userEvent.click(within(nav).getByRole('button', { name: 'Lainnya' }));
    expect(within(nav).getByRole('link', { name: 'Cakupan' })).toHaveAttribute('aria-current', 'page');

    // Mawar's draft just started does not count; its approved one does; Dinkes's submitted one does.
    expect(await screen.findByTestId('coverage-summary')).toHaveTextContent(
      `2 dari 3 unit punya inovasi tahun ${thisYear}; 1 unit belum.`,
    );
    expect(screen.getByTestId('coverage-rule')).toHaveTextContent(
      `Unit dengan inovasi tahun ${thisYear}: proposalnya sudah diajukan atau tahapannya uji coba ke atas.`,
    );
    const types = screen.getByRole('list', { name: `Per jenis unit, ${thisYear}` });
    expect(
      within(types)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual([
      'OPD (perangkat daerah) 1 dari 1 unit punya inovasi',
      'UPTD/Puskesmas 1 dari 1 unit punya inovasi',
      'Kecamatan 0 dari 1 unit punya inovasi',
    ]);
    const none = screen.getByRole('list', { name: `Unit yang belum punya inovasi tahun ${thisYear}:` });
    expect(
      within(none)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Kecamatan Bontoa']);

    const stages = screen.getByRole('table', { name: `Proposal per unit menurut tahapan, ${thisYear}` });
    // Inisiatif, uji coba, penerapan, all drafts, the innovations among them.
    expect([...rowCells(stages, 'Puskesmas Mawar')].map((td) => td.textContent)).toEqual([
      '1',
      '0',
      '1',
      '2',
      '1',
    ]);
    expect([...rowCells(stages, 'Kecamatan Bontoa')].map((td) => td.textContent)).toEqual([
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    // Highlighted in words, not only by colour.
    expect(within(stages).getByRole('rowheader', { name: /^Kecamatan Bontoa/ })).toHaveTextContent(
      'Belum ada inovasi',
    );
    const statuses = screen.getByRole('table', {
      name: `Proposal per unit menurut status tinjauan, ${thisYear}`,
    });
    // Every status of the flow: the two optional ones (head of OPD, internal review) are off here.
    expect([...rowCells(statuses, 'Dinas Kesehatan')].map((td) => td.textContent)).toEqual([
      '0',
      '1',
      '0',
      '0',
      '0',
      '0',
    ]);

    const chart = screen.getByRole('img', {
      name: `Inovasi per unit menurut tahapan, ${thisYear} (proposal sudah diajukan atau tahapan uji coba ke atas)`,
    });
    expect(chart).toHaveAccessibleDescription(
      expect.stringContaining(
        'Puskesmas Mawar: 1 inovasi (Inisiatif 0, Uji coba 0, Penerapan 1); 1 proposal belum diajukan',
      ),
    );
    expect(chart).toHaveAccessibleDescription(expect.stringContaining('Kecamatan Bontoa: Belum ada inovasi'));
    // Mawar's innovation and its draft not counted yet (grey), Dinkes's innovation.
    expect(chart.querySelectorAll('rect')).toHaveLength(3);
  });

  it('filters by year and follows new drafts live', async () => {
    const store = await seed();
    renderApp('/cakupan');
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Tahun program'), String(lastYear));
    expect(screen.getByTestId('coverage-summary')).toHaveTextContent(
      `1 dari 3 unit punya inovasi tahun ${lastYear}; 2 unit belum.`,
    );
    const statuses = screen.getByRole('table', {
      name: `Proposal per unit menurut status tinjauan, ${lastYear}`,
    });
    // Terkirim: the sixth column (the optional states are off here, so they have no column).
    expect(rowCells(statuses, 'Dinas Kesehatan')[5]).toHaveTextContent('1');

    await user.selectOptions(screen.getByLabelText('Tahun program'), String(thisYear));
    const bontoa = (await store.list('unit')).find((u) => u.name === 'Kecamatan Bontoa')!;
    // A new, empty draft is no innovation yet; submitted, it is.
    const started = await draftIn(store, thisYear, { unitId: bontoa.id });
    const stages = () =>
      screen.getByRole('table', { name: `Proposal per unit menurut tahapan, ${thisYear}` });
    // Its draft is listed (the fourth column: all drafts), the unit still without an innovation.
    await waitFor(() => expect(rowCells(stages(), 'Kecamatan Bontoa')[3]).toHaveTextContent('1'));
    expect(screen.getByTestId('coverage-summary')).toHaveTextContent(
      `2 dari 3 unit punya inovasi tahun ${thisYear}; 1 unit belum.`,
    );
    await store.update('draft', started.id, { reviewStatus: 'diajukan' });
    await waitFor(() =>
      expect(screen.getByTestId('coverage-summary')).toHaveTextContent(
        `3 dari 3 unit punya inovasi tahun ${thisYear}; 0 unit belum.`,
      ),
    );
    expect(screen.queryByRole('list', { name: /belum punya inovasi/ })).not.toBeInTheDocument();

    locale.set('en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Innovation coverage' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Revision asked' })).toBeInTheDocument();
  });

  it("has a status column for the optional states only when the tenant's flow has them, or drafts are in them", async () => {
    const store = await seed();
    renderApp('/cakupan');
    const table = async () =>
      screen.findByRole('table', { name: `Proposal per unit menurut status tinjauan, ${thisYear}` });
    const headers = async () =>
      within(await table())
        .getAllByRole('columnheader')
        .map((h) => h.textContent?.trim());
    // No programme record (the shipped flow): the six statuses of the loop.
    await waitFor(async () =>
      expect(await headers()).toEqual([
        'Unit',
        'Belum diajukan',
        'Diajukan',
        'Revisi',
        'Disetujui',
        'Siap kirim',
        'Terkirim',
      ]),
    );
    // The local admin switches the head of the OPD's approval on: its column comes, the internal review's not.
    const programme = await store.create('programme', {
      ...shippedProgrammeBody(thisYear),
      reviewFlow: { headApproval: true, internalReview: false },
    });
    await waitFor(async () => expect(await headers()).toContain('Disetujui kepala OPD'));
    expect(await headers()).not.toContain('Tinjauan internal');
    // Switched off again while a draft is in the internal review: that column stays, with the draft counted.
    const mawar = (await store.list('unit')).find((u) => u.name === 'Puskesmas Mawar')!;
    await draftIn(store, thisYear, { unitId: mawar.id, stage: 'uji-coba', reviewStatus: 'review-internal' });
    await store.update('programme', programme.id, {
      reviewFlow: { headApproval: false, internalReview: false },
    });
    await waitFor(async () => expect(await headers()).not.toContain('Disetujui kepala OPD'));
    expect(await headers()).toEqual([
      'Unit',
      'Belum diajukan',
      'Diajukan',
      'Revisi',
      'Disetujui',
      'Tinjauan internal',
      'Siap kirim',
      'Terkirim',
    ]);
    expect(rowCells(await table(), 'Puskesmas Mawar')[4]).toHaveTextContent('1');
  });

  it("opens on the current programme year: a newer active template's, where its drafts count", async () => {
    const store = await seed();
    const nextYear = thisYear + 1;
    const shipped = shippedTemplateBodies()[0]!;
    const key = `${shipped.key}-next`;
    await store.create('template', {
      ...shipped,
      key,
      year: nextYear,
      replaces: shipped.key,
      template: { ...shipped.template, key },
    });
    const mawar = (await store.list('unit')).find((u) => u.name === 'Puskesmas Mawar')!;
    // Started this year on next year's template: a draft of next year.
    await draftIn(store, thisYear, { unitId: mawar.id, templateKey: key, stage: 'uji-coba' });
    renderApp('/cakupan');
    expect(await screen.findByLabelText('Tahun program')).toHaveValue(String(nextYear));
    expect(screen.getByTestId('coverage-summary')).toHaveTextContent(
      `1 dari 3 unit punya inovasi tahun ${nextYear}; 2 unit belum.`,
    );
    expect(
      within(screen.getByLabelText('Tahun program'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([nextYear, thisYear, lastYear].map(String));
    // This year keeps its own two innovations (the next year's draft is not one of them).
    await userEvent.selectOptions(screen.getByLabelText('Tahun program'), String(thisYear));
    expect(screen.getByTestId('coverage-summary')).toHaveTextContent(
      `2 dari 3 unit punya inovasi tahun ${thisYear}; 1 unit belum.`,
    );
  });
});
