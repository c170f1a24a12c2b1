/**
 * Strings of the coverage view, kept beside it (not in the shared message files) so the feature stays
 * self-contained. Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';
import type { ReviewStatus } from '../../shared/domain/coverage';
import type { Message, Translation } from '../../shared/format';

const id = {
  title: 'Cakupan inovasi',
  intro:
    'Gerakan Satu Instansi Satu Inovasi: berapa proposal inovasi tiap unit per tahun, menurut tahapan dan status tinjauan. Dihitung dari data di perangkat ini, jadi tetap bisa dibuka tanpa sinyal.',
  year: 'Tahun',
  summary: '{some} dari {all} unit punya inovasi pada {year}; {none} unit belum.',
  noneList: 'Unit yang belum punya inovasi pada {year}:',
  noUnits: 'Belum ada unit. Tambahkan unit di halaman Unit.',
  chartTitle: 'Proposal per unit menurut tahapan, {year}',
  chartDesc: '{total} proposal pada {year}. {details}',
  chartUnit: '{name}: {total} ({stages})',
  stageTable: 'Proposal per unit menurut tahapan, {year}',
  statusTable: 'Proposal per unit menurut status tinjauan, {year}',
  unit: 'Unit',
  total: 'Jumlah',
  noneBadge: 'Belum ada inovasi',
  unassigned: 'Tanpa unit',
  totals: 'Semua unit',
  perUnit: 'Proposal per unit, {year}',
  drafts: { other: '{count} proposal' },
  stage: 'Tahapan',
  status: 'Status',
  legend: 'Keterangan warna',
  'status.draft': 'Belum diajukan',
  'status.diajukan': 'Diajukan',
  'status.revisi': 'Revisi',
  'status.disetujui': 'Disetujui',
  'status.siap-kirim': 'Siap kirim',
  'status.terkirim': 'Terkirim',
} satisfies Record<string, Message> & Record<`status.${ReviewStatus}`, string>;

const en = {
  title: 'Innovation coverage',
  intro:
    'One Agency One Innovation: how many innovation proposals each unit has per year, by stage and review status. Computed from the data on this device, so it opens without signal too.',
  year: 'Year',
  summary: '{some} of {all} units have an innovation in {year}; {none} do not yet.',
  noneList: 'Units without an innovation in {year}:',
  noUnits: 'No units yet. Add units on the Units page.',
  chartTitle: 'Proposals per unit by stage, {year}',
  chartDesc: 'Proposals in {year}: {total}. {details}',
  chartUnit: '{name}: {total} ({stages})',
  stageTable: 'Proposals per unit by stage, {year}',
  statusTable: 'Proposals per unit by review status, {year}',
  unit: 'Unit',
  total: 'Total',
  noneBadge: 'No innovation yet',
  unassigned: 'No unit',
  totals: 'All units',
  perUnit: 'Proposals per unit, {year}',
  drafts: { one: '{count} proposal', other: '{count} proposals' },
  stage: 'Stage',
  status: 'Status',
  legend: 'Colour key',
  'status.draft': 'Not submitted',
  'status.diajukan': 'Submitted',
  'status.revisi': 'Revision asked',
  'status.disetujui': 'Approved',
  'status.siap-kirim': 'Ready to send',
  'status.terkirim': 'Sent',
} satisfies Translation<typeof id>;

export const ct = defineStrings({ id, en });
