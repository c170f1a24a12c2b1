/**
 * Strings of the review loop (status, moves, comparison, history), kept beside its components. Indonesian is the
 * source; English must have every key. Status names come from `REVIEW_STATUS_LABELS` (shared with the server).
 */
import { locale } from '../../lib/i18n/index.svelte';

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
  'move.siap-kirim.back': 'Batalkan tanda terkirim',
  'move.terkirim': 'Tandai terkirim…',
  sentFormTitle: 'Dikirim ke kompetisi',
  competition: 'Kompetisi',
  competitionHint: 'Misalnya KIPP 2026 atau kompetisi inovasi provinsi',
  sentDate: 'Tanggal kirim',
  saveSent: 'Simpan: terkirim',
  cancel: 'Batal',
  moved: 'Status diubah menjadi "{status}". Tersimpan di perangkat ini; dikirim saat tersambung.',
  moveFailed: 'Status tidak dapat diubah: {error}',
  refusedTitle: 'Perubahan status ditolak server',
  refusedHelp:
    'Perubahan ini tidak berlaku di server: di server status tetap seperti sebelumnya. Bicarakan dengan fasilitator atau koordinator bila perlu.',
  compareTitle: 'Perbandingan pengajuan',
  compareNone: 'Belum ada pengajuan. Perbandingan muncul setelah rancangan diajukan.',
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
  unchangedHidden: '{count} bagian tidak berubah',
  emptySection: '(kosong)',
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
  'move.siap-kirim.back': 'Undo the "sent" mark',
  'move.terkirim': 'Mark as sent…',
  sentFormTitle: 'Sent to a competition',
  competition: 'Competition',
  competitionHint: 'For example KIPP 2026 or a provincial innovation competition',
  sentDate: 'Date sent',
  saveSent: 'Save: sent',
  cancel: 'Cancel',
  moved: 'Status changed to "{status}". Saved on this device; sent when online.',
  moveFailed: 'The status could not be changed: {error}',
  refusedTitle: 'Status change refused by the server',
  refusedHelp:
    'This change did not take effect on the server: the status there stays as it was. Talk to the facilitator or coordinator if needed.',
  compareTitle: 'Compare submissions',
  compareNone: 'No submissions yet. The comparison appears once the draft is submitted.',
  compareOne: 'Only one submission so far; the comparison appears after a resubmission.',
  compareBefore: 'Older version',
  compareAfter: 'Newer version',
  submissionOption: 'Submission {number} · {date} · {name}',
  compareLegend:
    'Removed words are struck through and labelled "removed"; added words are underlined and labelled "added".',
  removed: 'removed',
  added: 'added',
  sectionSame: 'unchanged',
  sectionChanged: '{added} words added, {removed} words removed',
  sectionAdded: 'new section',
  sectionRemoved: 'section removed',
  unchangedHidden: '{count} sections unchanged',
  emptySection: '(empty)',
} satisfies Record<keyof typeof id, string>;

export type ReviewStringKey = keyof typeof id;

export function vt(key: ReviewStringKey, params?: Record<string, string | number>): string {
  const template = (locale.current === 'en' ? en : id)[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
