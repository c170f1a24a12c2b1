/**
 * Strings of the coverage view, kept beside it (not in the shared message files) so the feature stays
 * self-contained. Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';
import type { ReviewStatus } from '../../shared/domain/coverage';

const id = {
  title: 'Cakupan inovasi',
  intro:
    'Gerakan Satu Instansi Satu Inovasi: unit mana yang sudah punya inovasi pada tahun program, dan berapa rancangannya menurut tahap dan status review. Dihitung dari data di perangkat ini, jadi tetap bisa dibuka tanpa sinyal.',
  year: 'Tahun program',
  rule: 'Unit dengan inovasi tahun {year}: proposalnya sudah diajukan atau tahapnya uji coba ke atas.',
  ruleYear:
    'Rancangan tahun {year}: memakai templat tahun {year}, atau dimulai pada {year} dengan templat yang lebih lama.',
  summary: '{some} dari {all} unit punya inovasi tahun {year}; {none} unit belum.',
  noneList: 'Unit yang belum punya inovasi tahun {year}:',
  byTypeTitle: 'Per jenis unit, {year}',
  byTypeRow: '{some} dari {all} unit punya inovasi',
  unknownType: 'Jenis lain',
  noUnits: 'Belum ada unit. Tambahkan unit di halaman Unit.',
  chartTitle: 'Inovasi per unit menurut tahap, {year} (proposal sudah diajukan atau tahap uji coba ke atas)',
  chartDesc: '{innovations} inovasi dari {total} rancangan tahun {year}. {details}',
  chartUnit: '{name}: {innovations} inovasi ({stages})',
  chartNotYet: '{count} rancangan belum diajukan',
  notYet: 'Belum diajukan',
  stageTable: 'Rancangan per unit menurut tahap, {year}',
  statusTable: 'Rancangan per unit menurut status review, {year}',
  unit: 'Unit',
  total: 'Jumlah',
  innovations: 'Inovasi',
  noneBadge: 'Belum ada inovasi',
  unassigned: 'Tanpa unit',
  totals: 'Semua unit',
  perUnit: 'Rancangan per unit, {year}',
  drafts: '{count} rancangan',
  innovationsOfDrafts: '{innovations} inovasi · {count} rancangan',
  stage: 'Tahap',
  status: 'Status',
  legend: 'Keterangan warna',
  'status.draft': 'Draf',
  'status.diajukan': 'Diajukan',
  'status.revisi': 'Revisi',
  'status.disetujui': 'Disetujui',
  'status.siap-kirim': 'Siap kirim',
  'status.terkirim': 'Terkirim',
} satisfies Record<string, string> & Record<`status.${ReviewStatus}`, string>;

const en = {
  title: 'Innovation coverage',
  intro:
    'One Agency One Innovation: which units have an innovation in the programme year, and how many drafts they have by stage and review status. Computed from the data on this device, so it opens without signal too.',
  year: 'Programme year',
  rule: 'Units with an innovation in {year}: its proposal was submitted or its stage is trial or later.',
  ruleYear: 'Drafts of {year}: on a {year} template, or started in {year} on an older one.',
  summary: '{some} of {all} units have an innovation in {year}; {none} do not yet.',
  noneList: 'Units without an innovation in {year}:',
  byTypeTitle: 'By unit type, {year}',
  byTypeRow: '{some} of {all} units have an innovation',
  unknownType: 'Other type',
  noUnits: 'No units yet. Add units on the Units page.',
  chartTitle: 'Innovations per unit by stage, {year} (proposal submitted or stage trial or later)',
  chartDesc: '{innovations} innovations out of {total} drafts of {year}. {details}',
  chartUnit: '{name}: {innovations} innovations ({stages})',
  chartNotYet: '{count} drafts not submitted yet',
  notYet: 'Not submitted yet',
  stageTable: 'Drafts per unit by stage, {year}',
  statusTable: 'Drafts per unit by review status, {year}',
  unit: 'Unit',
  total: 'Total',
  innovations: 'Innovations',
  noneBadge: 'No innovation yet',
  unassigned: 'No unit',
  totals: 'All units',
  perUnit: 'Drafts per unit, {year}',
  drafts: '{count} drafts',
  innovationsOfDrafts: '{innovations} innovations · {count} drafts',
  stage: 'Stage',
  status: 'Status',
  legend: 'Colour key',
  'status.draft': 'Draft',
  'status.diajukan': 'Submitted',
  'status.revisi': 'Revision asked',
  'status.disetujui': 'Approved',
  'status.siap-kirim': 'Ready to send',
  'status.terkirim': 'Sent',
} satisfies Record<keyof typeof id, string>;

export const ct = defineStrings({ id, en });
