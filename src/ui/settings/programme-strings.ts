/**
 * Strings of the coordinator's programme settings (the review flow's optional states), kept beside the panel.
 * Indonesian is the source; English (programme-strings.en.ts, loaded with English) must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

export const id = {
  title: 'Alur tinjauan',
  intro:
    'Langkah tambahan antara "Disetujui" dan "Siap kirim" untuk semua proposal di kabupaten ini (program {year}). Berlaku di semua perangkat setelah sinkron.',
  headApproval: 'Persetujuan kepala OPD',
  headApprovalHint: 'Inovator atau admin lokal mencatat bahwa kepala OPD sudah menyetujui proposal.',
  internalReview: 'Tinjauan internal',
  internalReviewHint:
    'Admin lokal membuka dan menutup tinjauan internal kabupaten sebelum proposal siap kirim.',
  notSynced: 'Pengaturan program belum ada di perangkat ini; sinkronkan dulu.',
  saved: 'Tersimpan di perangkat ini; dikirim saat tersambung.',
  failed: 'Tidak tersimpan: {error}',
};

export const pt = defineStrings({ id, en: 'programme' });
