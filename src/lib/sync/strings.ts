/**
 * Strings of the sync parts (status, button, conflicts). Kept beside them like the PWA strings; English must have
 * every key.
 */
import { defineStrings, locale, type StringKey } from '../i18n/index.svelte';
import { dayAndMonth, formatTime } from '../i18n/format';
import { ROLE_WORDS } from '../../shared/roles';
import type { FirstSyncProgress } from './snapshot';

export const id = {
  'record.local': 'Hanya di perangkat ini',
  'record.sent': 'Terkirim',
  'record.confirmed': 'Terkonfirmasi',
  'phase.idle': 'Tersinkron',
  'phase.syncing': 'Menyinkronkan…',
  'phase.offline': 'Luring',
  'phase.error': 'Sinkronisasi gagal',
  'phase.signed-out': 'Masuk untuk sinkronisasi',
  'headline.rejected': { other: '{count} perubahan ditolak' },
  'headline.offlineWaiting': { other: 'Luring — {count} perubahan menunggu' },
  'headline.errorWaiting': { other: 'Sinkronisasi gagal — {count} perubahan menunggu' },
  'headline.waiting': { other: '{count} perubahan menunggu dikirim' },
  'headline.unconfirmed': 'Belum tersinkron',
  'status.unsaved': { other: '{count} isian belum tersimpan' },
  'status.pending': { other: '{count} perubahan belum terkirim' },
  'status.pendingNone': 'Semua perubahan terkirim',
  'status.lastSync': 'Terakhir sinkron {time}',
  'status.never': 'Belum pernah sinkron',
  'status.conflicts': { other: '{count} konflik menunggu' },
  'status.rejected': { other: '{count} perubahan ditolak server' },
  'status.retry': 'Dicoba lagi {time}',
  'status.downloading': { other: 'Mengunduh isi lengkap {count} catatan' },
  'status.firstSync': 'Mengunduh {done} dari {total} catatan, {mb} MB lagi',
  'status.firstSyncEta': 'Mengunduh {done} dari {total} catatan, {mb} MB lagi, sekitar {time}',
  'eta.seconds': '{n} detik',
  'eta.minutes': '{n} menit',
  'partial.loading': 'Isi lengkap catatan ini sedang diunduh…',
  'partial.failed':
    'Isi lengkap catatan ini belum ada di perangkat ini. Sambungkan ke internet; unduhan berlanjut sendiri.',
  'partial.retry': 'Coba unduh lagi',
  'partial.list': 'Isi belum diunduh',
  'chip.synced': 'Tersinkron',
  'chip.syncing': 'Menyinkronkan…',
  'chip.offline': 'Luring',
  'chip.waiting': 'Menunggu',
  'chip.unconfirmed': 'Belum tersinkron',
  'chip.paused': 'Terjeda',
  'chip.error': 'Gagal',
  'chip.rejected': 'Ditolak',
  'details.title': 'Sinkronisasi',
  'details.connection': 'Sambungan: {state}',
  'details.guest':
    'Anda belum masuk: semua yang Anda tulis tersimpan hanya di perangkat ini. Masuk agar tersinkron dengan tim Anda.',
  'details.signIn': 'Masuk',
  'details.reauth': 'Masuk lagi',
  'details.close': 'Tutup',
  'button.syncNow': 'Sinkronkan sekarang',
  'button.syncing': 'Menyinkronkan…',
  'conflict.title': 'Konflik menunggu keputusan',
  'conflict.none': 'Tidak ada konflik.',
  'conflict.intro': 'Dua orang mengubah bagian yang sama. Keduanya disimpan; pilih yang dipakai.',
  'conflict.yours': 'Versi Anda',
  'conflict.other': 'Versi {who}',
  'conflict.otherUnknown': 'Versi lain',
  'conflict.byRole': 'Versi {role} ({name})',
  'role.innovator': ROLE_WORDS.innovator.id,
  'role.facilitator': ROLE_WORDS.facilitator.id,
  'role.coordinator': ROLE_WORDS.coordinator.id,
  'role.viewer': ROLE_WORDS.viewer.id,
  'conflict.current': 'Yang tersimpan sekarang',
  'conflict.deleted': 'Catatan ini sudah dihapus orang lain; perubahan Anda disimpan di sini.',
  'conflict.choose': 'Pakai versi ini',
  'conflict.restore': 'Pulihkan catatan dengan versi ini',
  'conflict.keepDeleted': 'Biarkan terhapus',
  'conflict.field': 'Bagian: {path}',
  'conflict.empty': '(kosong)',
  'conflict.failed': 'Tidak dapat menyimpan pilihan: {error}',
  'rejected.title': 'Perubahan yang ditolak server',
  'rejected.intro':
    'Server menolak perubahan ini; perubahan itu tidak terkirim dan hanya ada di perangkat ini. Alasannya tertulis di bawah.',
  'rejected.what': '{kind} · {time}',
  'rejected.reason': 'Alasan: {reason}',
  'rejected.discard': 'Buang perubahan ini',
  'rejected.copy': 'Salin teksnya',
  'rejected.copied': 'Teks disalin.',
  'rejected.copyFailed': 'Tidak dapat menyalin. Pilih teksnya dan salin sendiri.',
  'rejected.ask':
    'Jika perubahan ini memang perlu, salin teksnya lalu minta admin lokal untuk membuatnya atau memberi Anda akses.',
  'rejected.failed': 'Tidak dapat membuang perubahan: {error}',
  'record.rejected': 'Ditolak server',
  'kind.session': 'Sesi',
  'kind.draft': 'Proposal',
  'kind.checklist': 'Daftar periksa',
  'kind.unit': 'Unit',
  'kind.person': 'Orang',
  'kind.submission': 'Pengajuan',
  'kind.conflict': 'Konflik',
  'kind.comment': 'Komentar',
  'kind.attachment': 'Lampiran',
  'kind.template': 'Templat proposal',
  'kind.programme': 'Pengaturan program',
} as const;

/** A sync string in the current language, with `{name}` parameters filled in. */
export const st = defineStrings({ id, en: 'sync' });
export type SyncKey = StringKey<typeof st>;

/** A first sync's progress in one line: records done of all, megabytes left, and the time left once known. */
export function firstSyncText(p: FirstSyncProgress): string {
  const mb = (Math.max(0, p.bytesTotal - p.bytes) / 1_000_000).toFixed(1);
  const base = { done: p.records, total: p.recordsTotal, mb };
  if (p.etaMs === null) return st('status.firstSync', base);
  const seconds = Math.max(1, Math.round(p.etaMs / 1000));
  const time =
    seconds < 90 ? st('eta.seconds', { n: seconds }) : st('eta.minutes', { n: Math.round(seconds / 60) });
  return st('status.firstSyncEta', { ...base, time });
}

/** A time as people read it: "14.05" today, "3 Jan 14.05" otherwise. */
export function formatSyncTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  // Written out (src/lib/i18n/format.ts): a toLocale*String call builds an Intl.DateTimeFormat each time.
  const lang = locale.current;
  const time = formatTime(d, lang);
  if (new Date(now).toDateString() === d.toDateString()) return time;
  return `${dayAndMonth(d, lang)} ${time}`;
}
