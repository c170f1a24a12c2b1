/**
 * Strings of the coverage view, kept beside it (not in the shared message files) so the feature stays
 * self-contained. Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';
import type { ReviewStatus } from '../../shared/domain/coverage';

const id = {
  title: 'Cakupan inovasi',
  intro:
    'Gerakan Satu Instansi Satu Inovasi: berapa rancangan inovasi tiap unit per tahun, menurut tahap dan status review. Dihitung dari data di perangkat ini, jadi tetap bisa dibuka tanpa sinyal.',
  year: 'Tahun',
  summary: '{some} dari {all} unit punya inovasi pada {year}; {none} unit belum.',
  noneList: 'Unit yang belum punya inovasi pada {year}:',
  noUnits: 'Belum ada unit. Tambahkan unit di halaman Unit.',
  chartTitle: 'Rancangan per unit menurut tahap, {year}',
  chartDesc: '{total} rancangan pada {year}. {details}',
  chartUnit: '{name}: {total} ({stages})',
  stageTable: 'Rancangan per unit menurut tahap, {year}',
  statusTable: 'Rancangan per unit menurut status review, {year}',
  unit: 'Unit',
  total: 'Jumlah',
  noneBadge: 'Belum ada inovasi',
  unassigned: 'Tanpa unit',
  totals: 'Semua unit',
  perUnit: 'Rancangan per unit, {year}',
  drafts: '{count} rancangan',
  stage: 'Tahap',
  status: 'Status',
  legend: 'Keterangan warna',
  'status.draft': 'Draf',
  'status.diajukan': 'Diajukan',
  'status.revisi': 'Revisi',
  'status.disetujui': 'Disetujui',
  'status.disetujui-kepala': 'Disetujui kepala OPD',
  'status.review-internal': 'Review internal',
  'status.siap-kirim': 'Siap kirim',
  'status.terkirim': 'Terkirim',
} satisfies Record<string, string> & Record<`status.${ReviewStatus}`, string>;

const en = {
  title: 'Innovation coverage',
  intro:
    'One Agency One Innovation: how many innovation drafts each unit has per year, by stage and review status. Computed from the data on this device, so it opens without signal too.',
  year: 'Year',
  summary: '{some} of {all} units have an innovation in {year}; {none} do not yet.',
  noneList: 'Units without an innovation in {year}:',
  noUnits: 'No units yet. Add units on the Units page.',
  chartTitle: 'Drafts per unit by stage, {year}',
  chartDesc: '{total} drafts in {year}. {details}',
  chartUnit: '{name}: {total} ({stages})',
  stageTable: 'Drafts per unit by stage, {year}',
  statusTable: 'Drafts per unit by review status, {year}',
  unit: 'Unit',
  total: 'Total',
  noneBadge: 'No innovation yet',
  unassigned: 'No unit',
  totals: 'All units',
  perUnit: 'Drafts per unit, {year}',
  drafts: '{count} drafts',
  stage: 'Stage',
  status: 'Status',
  legend: 'Colour key',
  'status.draft': 'Draft',
  'status.diajukan': 'Submitted',
  'status.revisi': 'Revision asked',
  'status.disetujui': 'Approved',
  'status.disetujui-kepala': 'Approved by the head of the OPD',
  'status.review-internal': 'Internal review',
  'status.siap-kirim': 'Ready to send',
  'status.terkirim': 'Sent',
} satisfies Record<keyof typeof id, string>;

export const ct = defineStrings({ id, en });
