/**
 * Strings of the readiness panel, kept beside it (not in the shared message files) so the feature stays
 * self-contained. Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

const id = {
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

const en = {
  title: 'Proposal readiness',
  score: 'Readiness score: {score} of 100',
  sections: '{done} of {total} sections complete',
  missingTitle: 'Still missing',
  nothingMissing: 'Nothing is missing. The proposal is ready to submit.',
  attachmentsNote:
    'Attach the required files below, under "Required attachments". Attachments do not affect the score.',
  howScored:
    'The score comes from the proposal sections by their scoring weights; checklists count for {share}% when there are any.',
} satisfies Record<keyof typeof id, string>;

export const rt = defineStrings({ id, en });
