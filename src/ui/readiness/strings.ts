/**
 * Strings of the readiness panel, kept beside it (not in the shared message files) so the feature stays
 * self-contained. Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

const id = {
  title: 'Kesiapan proposal',
  score: 'Skor kesiapan: {score} dari 100',
  /** The short form (draft heading, draft list): fits one line with "Lihat yang kurang" at 360 px. */
  scoreShort: 'Kesiapan {score}/100',
  sections: '{done} dari {total} bagian lengkap',
  missingTitle: 'Yang masih kurang',
  nothingMissing: 'Tidak ada yang kurang. Proposal siap diajukan.',
  attachmentsNote:
    'Lampiran wajib dilampirkan di bawah, pada bagian "Lampiran wajib". Lampiran tidak memengaruhi skor.',
  howScored:
    'Skor dihitung dari bagian-bagian proposal menurut bobot penilaiannya; daftar periksa menyumbang {share}% bila ada.',
  howTitle: 'Bagaimana skor dihitung?',
  howSections:
    'Bagian yang lengkap mendapat seluruh bobotnya, yang melebihi batas kata separuhnya, yang kurang dari minimal sebanding jumlah katanya, yang kosong nol. Skor = bobot yang didapat ÷ seluruh bobot ({total}) × 100.',
  howChecklists: 'Daftar periksa: {checklists} dari 100, menyumbang {share}% skor.',
  howUnscored: '{section} tidak dinilai juri tetapi wajib ditulis: di skor ini bobotnya {weight}.',
  colSection: 'Bagian',
  colWeight: 'Bobot',
  colEarned: 'Didapat',
  completeNotEligible:
    'Tulisan lengkap, tetapi proposal belum memenuhi syarat kelompok (lihat peringatan di atas), jadi belum siap diajukan.',
  eligibilityLabel: 'Syarat kelompok',
  tooRecent: 'Kelompok {group}: inovasi harus sudah berjalan minimal {min}; baru {run}.',
  startAfter:
    'Kelompok {group}: tanggal mulai implementasi jatuh setelah {date}; inovasi harus sudah berjalan minimal {min}.',
  startMissing:
    'Kelompok {group}: isi tanggal mulai implementasi untuk memeriksa syarat minimal {min} berjalan.',
  groupMissing: 'Kelompok belum dipilih: syarat lama implementasi belum bisa diperiksa.',
  countedToDeadline: 'Dihitung sampai batas pengajuan {date}.',
  today: 'hari ini',
  year: '{n} tahun',
  years: '{n} tahun',
  month: '{n} bulan',
  months: '{n} bulan',
  underAMonth: 'kurang dari 1 bulan',
  decimalMark: ',',
};

const en = {
  title: 'Proposal readiness',
  score: 'Readiness score: {score} of 100',
  scoreShort: 'Readiness {score}/100',
  sections: '{done} of {total} sections complete',
  missingTitle: 'Still missing',
  nothingMissing: 'Nothing is missing. The proposal is ready to submit.',
  attachmentsNote:
    'Attach the required files below, under "Required attachments". Attachments do not affect the score.',
  howScored:
    'The score comes from the proposal sections by their scoring weights; checklists count for {share}% when there are any.',
  howTitle: 'How is the score worked out?',
  howSections:
    'A complete section earns its whole weight, one over the word limit half, one under its minimum in proportion to its words, an empty one nothing. Score = weight earned ÷ all weights ({total}) × 100.',
  howChecklists: 'Checklists: {checklists} of 100, counting for {share}% of the score.',
  howUnscored: '{section} is not scored by the jury but must be written: it weighs {weight} in this score.',
  colSection: 'Section',
  colWeight: 'Weight',
  colEarned: 'Earned',
  completeNotEligible:
    'The text is complete, but the proposal does not meet its group requirement yet (see the warning above), so it is not ready to submit.',
  eligibilityLabel: 'Group requirement',
  tooRecent: '{group} group: the innovation must have run for at least {min}; it has run for {run}.',
  startAfter:
    '{group} group: the implementation start date falls after {date}; the innovation must have run for at least {min}.',
  startMissing: '{group} group: fill in the implementation start date to check the minimum of {min} running.',
  groupMissing: 'No group chosen: the minimum time in implementation cannot be checked yet.',
  countedToDeadline: 'Counted to the submission deadline, {date}.',
  today: 'today',
  year: '{n} year',
  years: '{n} years',
  month: '{n} month',
  months: '{n} months',
  underAMonth: 'less than a month',
  decimalMark: '.',
} satisfies Record<keyof typeof id, string>;

export const rt = defineStrings({ id, en });
