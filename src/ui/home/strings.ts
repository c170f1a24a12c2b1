/**
 * Strings of "Untuk Anda", kept beside it (not in the shared message files) so the feature stays self-contained.
 * Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

export const id = {
  listLabel: 'Yang menunggu Anda',
  'item.revisions': 'Revisi diminta',
  'item.comments': 'Komentar terbuka',
  'item.my-followups': 'Tindak lanjut Anda jatuh tempo',
  'item.to-review': 'Menunggu tinjauan Anda',
  'item.head-approval': 'Menunggu persetujuan kepala OPD',
  'item.internal-review': 'Menunggu tinjauan internal',
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

export const ht = defineStrings({ id, en: 'home' });
