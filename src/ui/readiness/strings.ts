/**
 * Strings of the readiness panel, kept beside it (not in the shared message files) so the feature stays
 * self-contained. Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

export const id = {
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

export const rt = defineStrings({ id, en: 'readiness' });
