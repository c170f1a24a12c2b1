/**
 * Strings of the readiness panel, kept beside it (not in the shared message files) so the feature stays
 * self-contained. Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

export const id = {
  title: 'Kesiapan proposal',
  score: 'Skor kesiapan: {score} dari 100',
  sections: '{done} dari {total} bagian lengkap',
  missingTitle: 'Yang masih kurang',
  nothingMissing: 'Tidak ada yang kurang. Proposal siap diajukan.',
  attachmentsNote:
    'Lampiran wajib dilampirkan di bawah, pada bagian "Lampiran wajib". Lampiran tidak memengaruhi skor.',
  howScored:
    'Skor dihitung dari bagian-bagian proposal menurut bobot penilaiannya; daftar periksa menyumbang {share}% bila ada.',
};

export const rt = defineStrings({ id, en: 'readiness' });
