/**
 * Strings of "Untuk Anda", kept beside it (not in the shared message files) so the feature stays self-contained.
 * Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';
import type { Translation } from '../../shared/format';

const id = {
  listLabel: 'Yang menunggu Anda',
  'item.revisions': 'Revisi diminta',
  'item.comments': 'Komentar terbuka',
  'item.my-followups': 'Tindak lanjut Anda jatuh tempo',
  'item.to-review': 'Menunggu tinjauan Anda',
  'item.followups': 'Tindak lanjut jatuh tempo',
  'item.sessions-today': 'Sesi hari ini',
  'item.sessions-week': 'Sesi minggu ini',
  'item.units-without': 'Unit belum punya inovasi {year}',
  'item.ready-to-send': 'Proposal siap dikirim',
  'item.sent': 'Proposal terkirim {year}',
  'item.conflicts': 'Konflik menunggu pilihan Anda',
  'item.refused': 'Perubahan ditolak server',
  more: 'Lihat semua ({count})',
  commentsOn: { other: '{count} komentar' },
  due: 'tenggat {date}',
  newDraft: 'Proposal baru',
  coverage: 'Lihat cakupan inovasi',
  nothing: 'Tidak ada yang menunggu Anda saat ini.',
  'next.innovator': 'Lanjutkan proposal Anda, atau mulai yang baru.',
  'next.facilitator': 'Catat pendampingan berikutnya dengan “Sesi baru”.',
  'next.coordinator': 'Cakupan inovasi menunjukkan tiap unit tahun ini.',
  'next.viewer': 'Cakupan inovasi menunjukkan tiap unit tahun ini.',
};

const en = {
  listLabel: 'Waiting for you',
  'item.revisions': 'Revision asked',
  'item.comments': 'Open comments',
  'item.my-followups': 'Your follow-ups due',
  'item.to-review': 'Waiting for your review',
  'item.followups': 'Follow-ups due',
  'item.sessions-today': 'Sessions today',
  'item.sessions-week': 'Sessions this week',
  'item.units-without': 'Units without an innovation in {year}',
  'item.ready-to-send': 'Proposals ready to send',
  'item.sent': 'Proposals sent in {year}',
  'item.conflicts': 'Conflicts waiting for your choice',
  'item.refused': 'Changes the server refused',
  more: 'See all ({count})',
  commentsOn: { one: '{count} comment', other: '{count} comments' },
  due: 'due {date}',
  newDraft: 'New proposal',
  coverage: 'See innovation coverage',
  nothing: 'Nothing is waiting for you right now.',
  'next.innovator': 'Carry on with your proposal, or start a new one.',
  'next.facilitator': 'Record your next coaching visit with “New session”.',
  'next.coordinator': 'Innovation coverage shows every unit this year.',
  'next.viewer': 'Innovation coverage shows every unit this year.',
} satisfies Translation<typeof id>;

export const ht = defineStrings({ id, en });
