/**
 * Strings of the follow-ups view, kept beside it (not in the shared message files) so the feature stays
 * self-contained. Indonesian is the source; English must have every key.
 */
import { locale } from '../../lib/i18n/index.svelte';

const id = {
  title: 'Tindak lanjut',
  intro: 'Semua tindak lanjut dari semua sesi pendampingan di perangkat ini.',
  summary: '{overdue} terlambat · {soon} jatuh tempo 7 hari ke depan · {open} belum selesai',
  filters: 'Saring dan kelompokkan',
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
  emptyFiltered: 'Tidak ada tindak lanjut yang cocok dengan saringan ini.',
  groupCounts: '{open} belum selesai, {overdue} terlambat',
  untitled: '(tanpa uraian)',
  who: 'Oleh: {who}',
  overdue: 'Terlambat {days} hari',
  today: 'Jatuh tempo hari ini',
  soon: 'Jatuh tempo dalam {days} hari',
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

const en = {
  title: 'Follow-ups',
  intro: 'Every follow-up action from every coaching session on this device.',
  summary: '{overdue} overdue · {soon} due in the next 7 days · {open} not done',
  filters: 'Filter and group',
  groupBy: 'Group by',
  byUnit: 'Unit',
  byPerson: 'Person',
  unit: 'Unit',
  allUnits: 'All units',
  noUnit: 'No unit',
  person: 'Person responsible',
  allPeople: 'Everyone',
  nobody: 'Nobody named yet',
  includeClosed: 'Also show done or cancelled ones',
  empty: 'No follow-ups yet. Follow-ups are added on a session page.',
  emptyFiltered: 'No follow-up matches this filter.',
  groupCounts: '{open} not done, {overdue} overdue',
  untitled: '(no description)',
  who: 'By: {who}',
  overdue: 'Overdue by {days} days',
  today: 'Due today',
  soon: 'Due in {days} days',
  later: 'Due {date}',
  dueOn: 'due {date}',
  noDate: 'No due date',
  done: 'Done',
  cancelled: 'Cancelled',
  fromSession: 'Session {date}',
  markDone: 'Mark done',
  markDoneOf: 'Mark done: {what}',
  reopen: 'Reopen',
  reopenOf: 'Reopen: {what}',
  markedDone: 'Marked done: {what}',
  failed: 'Could not save: {error}',
} satisfies Record<keyof typeof id, string>;

export type FollowUpStringKey = keyof typeof id;

export function ft(key: FollowUpStringKey, params?: Record<string, string | number>): string {
  const template = (locale.current === 'en' ? en : id)[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
