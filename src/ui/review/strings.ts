/**
 * Strings of the review loop (status, moves, comparison, history), kept beside its components. Indonesian is the
 * source; English must have every key. Status names come from `REVIEW_STATUS_LABELS` (shared with the server).
 */
import { defineStrings, locale, localizeMessage, type StringKey } from '../../lib/i18n/index.svelte';

export const id = {
  title: 'Tinjauan',
  status: 'Status tinjauan: {status}',
  sentTo: 'Dikirim ke {competition} pada {date}.',
  movesLabel: 'Ubah status tinjauan',
  noMoves: 'Peran Anda tidak dapat mengubah status ini.',
  'move.diajukan': 'Ajukan untuk ditinjau',
  'move.diajukan.again': 'Ajukan ulang',
  'move.draft': 'Tarik kembali pengajuan',
  'move.revisi': 'Minta revisi',
  'move.disetujui': 'Setujui',
  'move.disetujui.back': 'Kembalikan ke disetujui',
  'move.disetujui-kepala': 'Catat: disetujui kepala OPD',
  'move.disetujui-kepala.back': 'Kembalikan ke disetujui kepala OPD',
  'move.review-internal': 'Mulai tinjauan internal',
  'move.review-internal.back': 'Kembalikan ke tinjauan internal',
  'move.siap-kirim': 'Tandai siap kirim',
  'move.siap-kirim.back': 'Buka kembali',
  'move.terkirim': 'Tandai terkirim…',
  revisionTitle: 'Apa yang perlu direvisi?',
  revisionIntro:
    'Catatan ini menjadi komentar pada bagian yang Anda pilih; inovator membacanya di bawah bagian itu.',
  revisionNote: 'Yang perlu direvisi',
  revisionSection: 'Pada bagian',
  revisionSend: 'Kirim: minta revisi',
  'confirm.disetujui.title': 'Setujui proposal ini?',
  'confirm.disetujui':
    'Proposal diteruskan ke admin lokal untuk dikirim ke kompetisi. Status tidak dapat kembali ke "Diajukan"; bila nanti ada yang perlu diperbaiki, minta revisi.',
  changeTitle: 'Apa yang Anda ubah?',
  changeIntro:
    'Isi sekarang disimpan sebagai pengajuan baru dan dibandingkan dengan pengajuan sebelumnya. Tulis dengan kata-kata Anda sendiri apa yang Anda ubah; peninjau membacanya di samping perbandingan.',
  changeNote: 'Yang saya ubah',
  'compare.notes': 'Catatan pengajuan ini',
  'compare.revisionAsked': 'Diminta revisi oleh {name}:',
  'compare.changed': 'Yang diubah, kata {name}:',
  'compare.noChangeNote': '{name} tidak menulis apa yang diubah.',
  'confirm.siap-kirim.back.title': 'Buka kembali proposal ini?',
  'confirm.siap-kirim.back':
    'Status kembali menjadi "Siap kirim" dan isi proposal dapat diubah lagi. Tandai terkirim lagi setelah selesai diperbaiki.',
  'confirm.other.title': 'Ubah status menjadi "{status}"?',
  'confirm.other': 'Peran Anda tidak dapat membatalkan perubahan ini sendiri.',
  sentFormTitle: 'Dikirim ke kompetisi',
  sentLocks:
    'Setelah ditandai terkirim, isi proposal terkunci (hanya baca) bagi semua orang sampai admin lokal membukanya kembali. Komentar tetap dapat ditulis.',
  competition: 'Kompetisi',
  competitionHint: 'Misalnya KIPP 2026 atau kompetisi inovasi provinsi',
  sentDate: 'Tanggal kirim',
  saveSent: 'Simpan: terkirim',
  cancel: 'Batal',
  moved: 'Status diubah menjadi "{status}". Tersimpan di perangkat ini; dikirim saat tersambung.',
  movedWithNote:
    'Status diubah menjadi "{status}"; catatan Anda menjadi komentar pada bagian "{section}". Tersimpan di perangkat ini; dikirim saat tersambung.',
  moveFailed: 'Status tidak dapat diubah: {error}',
  refusedTitle: 'Perubahan status ditolak server',
  refusedHelp:
    'Perubahan ini tidak berlaku di server: di sana status tetap seperti sebelumnya. Buang perubahan ini agar perangkat ini kembali memakai status dari server (setelah sinkronisasi).',
  discardRefused: 'Buang perubahan ini',
  refusedFirst:
    'Buang dulu perubahan yang ditolak; setelah itu status dari server dimuat dan Anda dapat memilih lagi.',
  compareTitle: 'Perbandingan pengajuan',
  compareNone: 'Belum ada pengajuan. Perbandingan muncul setelah proposal diajukan.',
  compareOne: 'Baru satu pengajuan; perbandingan muncul setelah pengajuan ulang.',
  compareBefore: 'Versi lama',
  compareAfter: 'Versi baru',
  submissionOption: 'Pengajuan ke-{number} · {date} · {name}',
  compareLegend:
    'Kata yang dihapus dicoret dan ditandai "dihapus"; kata yang ditambah digarisbawahi dan ditandai "ditambah".',
  removed: 'dihapus',
  added: 'ditambah',
  sectionSame: 'tidak berubah',
  sectionChanged: '{added} kata ditambah, {removed} kata dihapus',
  sectionAdded: 'bagian baru',
  sectionRemoved: 'bagian dihapus',
  unchangedHidden: { other: '{count} bagian tidak berubah' },
  emptySection: '(kosong)',
  historyTitle: 'Riwayat',
  historyIntro: 'Siapa mengubah apa dan kapan.',
  historyEmpty: 'Belum ada riwayat.',
  historyCached: 'Riwayat dari server per {time} (tersimpan di perangkat ini; belum dapat diperbarui).',
  historyFresh: 'Riwayat dari server per {time}.',
  historyLocalOnly: 'Hanya perubahan di perangkat ini (belum ada riwayat dari server).',
  historyLoading: 'Memuat riwayat…',
  historyPending: 'belum terkirim',
  historyRefused: 'ditolak server',
  historyStatus: 'status menjadi "{status}"',
  historyTimeUnknown: 'waktu tidak tercatat',
  historyParts: 'mengubah: {parts}',
  historyCreated: 'membuat proposal',
  'path.title': 'judul',
  'path.team': 'tim',
  'path.stage': 'tahapan',
  'path.unitId': 'unit',
  'path.sent': 'kompetisi dan tanggal kirim',
  'path.deleted': 'dihapus atau dipulihkan',
  'path.template': 'templat',
  'path.metadata': 'data isian {key}',
};

export const vt = defineStrings({ id, en: 'review' });
export type ReviewStringKey = StringKey<typeof vt>;

/**
 * A refusal as the server words it (`rejectMessage`: "reason / reason (detail)", the detail itself "id / en") in
 * the current language, e.g. "Perubahan status tinjauan ini ditolak server. Proposal ini sudah berubah …".
 */
export function refusalText(message: string): string {
  const parts = /^(.*?) \/ (.*?) \((.*)\)$/s.exec(message);
  if (!parts) return localizeMessage(message);
  const [, reasonId, reasonEn, detail] = parts as unknown as [string, string, string, string];
  return `${locale.current === 'en' ? reasonEn : reasonId} ${localizeMessage(detail)}`;
}
