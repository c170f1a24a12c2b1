/**
 * Strings of the follow-ups view, kept beside it (not in the shared message files) so the feature stays
 * self-contained. Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

export const id = {
  title: 'Tindak lanjut',
  intro: 'Semua tindak lanjut dari semua sesi pendampingan di perangkat ini.',
  summary: '{overdue} terlambat · {soon} jatuh tempo 7 hari ke depan · {open} belum selesai',
  filters: 'Filter dan kelompokkan',
  groupBy: 'Kelompokkan menurut',
  byUnit: 'Unit',
  byPerson: 'Orang',
  unit: 'Unit',
  allUnits: 'Semua unit',
  noUnit: 'Tanpa unit',
  person: 'Penanggung jawab',
  allPeople: 'Semua orang',
  nobody: 'Belum ada penanggung jawab',
  includeClosed: 'Tampilkan juga yang selesai atau batal',
  empty: 'Belum ada tindak lanjut. Tindak lanjut ditambahkan di halaman sesi.',
  emptyFiltered: 'Tidak ada tindak lanjut yang cocok dengan filter ini.',
  groupCounts: '{open} belum selesai, {overdue} terlambat',
  untitled: '(tanpa uraian)',
  who: 'Oleh: {who}',
  overdue: { other: 'Terlambat {count} hari' },
  today: 'Jatuh tempo hari ini',
  soon: { other: 'Jatuh tempo dalam {count} hari' },
  later: 'Tenggat {date}',
  dueOn: 'tenggat {date}',
  noDate: 'Tanpa tenggat',
  done: 'Selesai',
  cancelled: 'Batal',
  fromSession: 'Sesi {date}',
  markDone: 'Tandai selesai',
  markDoneOf: 'Tandai selesai: {what}',
  reopen: 'Buka lagi',
  reopenOf: 'Buka lagi: {what}',
  markedDone: 'Ditandai selesai: {what}',
  failed: 'Gagal menyimpan: {error}',
};

export const ft = defineStrings({ id, en: 'followups' });
