/**
 * Strings of the coordinator's programme settings (the review flow's optional states), kept beside the panel.
 * Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

const id = {
  title: 'Alur tinjauan',
  intro:
    'Tahap tambahan antara "Disetujui" dan "Siap kirim" untuk semua rancangan di kabupaten ini (program {year}). Berlaku di semua perangkat setelah sinkron.',
  headApproval: 'Persetujuan kepala OPD',
  headApprovalHint: 'Inovator atau admin lokal mencatat bahwa kepala OPD sudah menyetujui rancangan.',
  internalReview: 'Review internal',
  internalReviewHint:
    'Admin lokal membuka dan menutup review internal kabupaten sebelum rancangan siap kirim.',
  notSynced: 'Pengaturan program belum ada di perangkat ini; sinkronkan dulu.',
  saved: 'Tersimpan di perangkat ini; dikirim saat tersambung.',
  failed: 'Tidak tersimpan: {error}',
};

const en = {
  title: 'Review flow',
  intro:
    'Extra steps between "Approved" and "Ready to send" for every draft in this regency (programme {year}). They apply on every device after a sync.',
  headApproval: 'Approval by the head of the OPD',
  headApprovalHint: 'The innovator or a local admin records that the head of the OPD approved the draft.',
  internalReview: 'Internal review',
  internalReviewHint:
    "A local admin opens and closes the regency's internal review before a draft is ready to send.",
  notSynced: 'The programme settings are not on this device yet; sync first.',
  saved: 'Saved on this device; sent when online.',
  failed: 'Not saved: {error}',
} satisfies Record<keyof typeof id, string>;

export const pt = defineStrings({ id, en });
