/**
 * Strings of the review loop (status, moves, comparison, history), kept beside its components. Indonesian is the
 * source; English must have every key. Status names come from `REVIEW_STATUS_LABELS` (shared with the server).
 */
import { defineStrings, locale, localizeMessage, type StringKey } from '../../lib/i18n/index.svelte';
import type { Translation } from '../../shared/format';

const id = {
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
  'confirm.diajukan.again.title': 'Ajukan ulang proposal ini?',
  'confirm.diajukan.again':
    'Isi sekarang disimpan sebagai pengajuan baru dan dibandingkan dengan pengajuan sebelumnya. Status tidak dapat kembali ke "Revisi"; pengajuan masih dapat ditarik kembali.',
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

const en = {
  title: 'Review',
  status: 'Review status: {status}',
  sentTo: 'Sent to {competition} on {date}.',
  movesLabel: 'Change the review status',
  noMoves: 'Your role cannot change this status.',
  'move.diajukan': 'Submit for review',
  'move.diajukan.again': 'Submit again',
  'move.draft': 'Withdraw the submission',
  'move.revisi': 'Ask for a revision',
  'move.disetujui': 'Approve',
  'move.disetujui.back': 'Back to approved',
  'move.siap-kirim': 'Mark ready to send',
  'move.siap-kirim.back': 'Reopen',
  'move.terkirim': 'Mark as sent…',
  revisionTitle: 'What needs revising?',
  revisionIntro:
    'This note becomes a comment on the section you choose; the innovator reads it under that section.',
  revisionNote: 'What needs revising',
  revisionSection: 'On the section',
  revisionSend: 'Send: ask for a revision',
  'confirm.disetujui.title': 'Approve this proposal?',
  'confirm.disetujui':
    'The proposal goes on to the local admin to be sent to a competition. The status cannot go back to "Submitted"; if something needs fixing later, ask for a revision.',
  'confirm.diajukan.again.title': 'Submit this proposal again?',
  'confirm.diajukan.again':
    'What the proposal says now is kept as a new submission and compared with the previous one. The status cannot go back to "Revision asked"; the submission can still be withdrawn.',
  'confirm.siap-kirim.back.title': 'Reopen this proposal?',
  'confirm.siap-kirim.back':
    'The status goes back to "Ready to send" and the content can be changed again. Mark it sent again once it is corrected.',
  'confirm.other.title': 'Change the status to "{status}"?',
  'confirm.other': 'Your role cannot undo this change by itself.',
  sentFormTitle: 'Sent to a competition',
  sentLocks:
    'Once marked sent, the content of the proposal is locked (read only) for everyone until a local admin reopens it. Comments can still be written.',
  competition: 'Competition',
  competitionHint: 'For example KIPP 2026 or a provincial innovation competition',
  sentDate: 'Date sent',
  saveSent: 'Save: sent',
  cancel: 'Cancel',
  moved: 'Status changed to "{status}". Saved on this device; sent when online.',
  movedWithNote:
    'Status changed to "{status}"; your note is a comment on the section "{section}". Saved on this device; sent when online.',
  moveFailed: 'The status could not be changed: {error}',
  refusedTitle: 'Status change refused by the server',
  refusedHelp:
    "This change did not take effect on the server: the status there stays as it was. Discard it so this device uses the server's status again (after a sync).",
  discardRefused: 'Discard this change',
  refusedFirst:
    'First discard the refused change; the status from the server then loads and you can choose again.',
  compareTitle: 'Compare submissions',
  compareNone: 'No submissions yet. The comparison appears once the proposal is submitted.',
  compareOne: 'Only one submission so far; the comparison appears after a resubmission.',
  compareBefore: 'Older version',
  compareAfter: 'Newer version',
  submissionOption: 'Submission {number} · {date} · {name}',
  compareLegend:
    'Removed words are struck through and labelled "removed"; added words are underlined and labelled "added".',
  removed: 'removed',
  added: 'added',
  sectionSame: 'unchanged',
  sectionChanged: 'Words added: {added}, removed: {removed}',
  sectionAdded: 'new section',
  sectionRemoved: 'section removed',
  unchangedHidden: { one: '{count} section unchanged', other: '{count} sections unchanged' },
  emptySection: '(empty)',
  historyTitle: 'History',
  historyIntro: 'Who changed what, and when.',
  historyEmpty: 'No history yet.',
  historyCached: 'History from the server as of {time} (kept on this device; could not be refreshed).',
  historyFresh: 'History from the server as of {time}.',
  historyLocalOnly: "Only this device's changes (no history from the server yet).",
  historyLoading: 'Loading the history…',
  historyPending: 'not sent yet',
  historyRefused: 'refused by the server',
  historyStatus: 'status became "{status}"',
  historyTimeUnknown: 'time not recorded',
  historyParts: 'changed: {parts}',
  historyCreated: 'created the proposal',
  'path.title': 'title',
  'path.team': 'team',
  'path.stage': 'stage',
  'path.unitId': 'unit',
  'path.sent': 'competition and date sent',
  'path.deleted': 'deleted or restored',
  'path.template': 'template',
  'path.metadata': 'form field {key}',
} satisfies Translation<typeof id>;

export const vt = defineStrings({ id, en });
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
