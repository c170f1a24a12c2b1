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
    'Gerakan Satu Instansi Satu Inovasi: unit mana yang sudah punya inovasi pada tahun program, dan berapa proposalnya menurut tahapan dan status tinjauan. Dihitung dari data di perangkat ini, jadi tetap bisa dibuka tanpa sinyal.',
  year: 'Tahun program',
  rule: 'Unit dengan inovasi tahun {year}: proposalnya sudah diajukan atau tahapannya uji coba ke atas.',
  ruleYear:
    'Proposal tahun {year}: memakai templat tahun {year}, atau dimulai pada {year} dengan templat yang lebih lama.',
  summary: '{some} dari {all} unit punya inovasi tahun {year}; {none} unit belum.',
  noneList: 'Unit yang belum punya inovasi tahun {year}:',
  byTypeTitle: 'Per jenis unit, {year}',
  byTypeRow: '{some} dari {all} unit punya inovasi',
  unknownType: 'Jenis lain',
  noUnits: 'Belum ada unit. Tambahkan unit di halaman Unit.',
  chartTitle:
    'Inovasi per unit menurut tahapan, {year} (proposal sudah diajukan atau tahapan uji coba ke atas)',
  chartDesc: '{innovations} inovasi dari {total} proposal tahun {year}. {details}',
  chartUnit: '{name}: {innovations} inovasi ({stages})',
  chartNotYet: { other: '{count} proposal belum diajukan' },
  notYet: 'Belum diajukan',
  stageTable: 'Proposal per unit menurut tahapan, {year}',
  statusTable: 'Proposal per unit menurut status tinjauan, {year}',
  unit: 'Unit',
  total: 'Jumlah',
  innovations: 'Inovasi',
  noneBadge: 'Belum ada inovasi',
  unassigned: 'Tanpa unit',
  totals: 'Semua unit',
  perUnit: 'Proposal per unit, {year}',
  drafts: { other: '{count} proposal' },
  innovationsOfDrafts: '{innovations} inovasi · {count} proposal',
  stage: 'Tahapan',
  status: 'Status',
  legend: 'Keterangan warna',
  'status.draft': 'Belum diajukan',
  'status.diajukan': 'Diajukan',
  'status.revisi': 'Revisi',
  'status.disetujui': 'Disetujui',
  'status.disetujui-kepala': 'Disetujui kepala OPD',
  'status.review-internal': 'Tinjauan internal',
  'status.siap-kirim': 'Siap kirim',
  'status.terkirim': 'Terkirim',
} satisfies Record<string, Message> & Record<`status.${ReviewStatus}`, string>;

const en = {
  title: 'Innovation coverage',
  intro:
    'One Agency One Innovation: which units have an innovation in the programme year, and how many proposals they have by stage and review status. Computed from the data on this device, so it opens without signal too.',
  year: 'Programme year',
  rule: 'Units with an innovation in {year}: its proposal was submitted or its stage is trial or later.',
  ruleYear: 'Proposals of {year}: on a {year} template, or started in {year} on an older one.',
  summary: '{some} of {all} units have an innovation in {year}; {none} do not yet.',
  noneList: 'Units without an innovation in {year}:',
  byTypeTitle: 'By unit type, {year}',
  byTypeRow: '{some} of {all} units have an innovation',
  unknownType: 'Other type',
  noUnits: 'No units yet. Add units on the Units page.',
  chartTitle: 'Innovations per unit by stage, {year} (proposal submitted or stage trial or later)',
  chartDesc: 'Innovations: {innovations}, of {total} proposals of {year}. {details}',
  chartUnit: '{name} — innovations: {innovations} ({stages})',
  chartNotYet: { one: '{count} proposal not submitted yet', other: '{count} proposals not submitted yet' },
  notYet: 'Not submitted yet',
  stageTable: 'Proposals per unit by stage, {year}',
  statusTable: 'Proposals per unit by review status, {year}',
  unit: 'Unit',
  total: 'Total',
  innovations: 'Innovations',
  noneBadge: 'No innovation yet',
  unassigned: 'No unit',
  totals: 'All units',
  perUnit: 'Proposals per unit, {year}',
  drafts: { one: '{count} proposal', other: '{count} proposals' },
  innovationsOfDrafts: 'Innovations: {innovations} · proposals: {count}',
  stage: 'Stage',
  status: 'Status',
  legend: 'Colour key',
  'status.draft': 'Not submitted',
  'status.diajukan': 'Submitted',
  'status.revisi': 'Revision asked',
  'status.disetujui': 'Approved',
  'status.disetujui-kepala': 'Approved by the head of the OPD',
  'status.review-internal': 'Internal review',
  'status.siap-kirim': 'Ready to send',
  'status.terkirim': 'Sent',
} satisfies Translation<typeof id>;

export const ct = defineStrings({ id, en });
