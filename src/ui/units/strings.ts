/**
 * Strings of the units screen's new parts (rename, archive, merge), kept beside it so the feature stays
 * self-contained; the older unit strings stay in the shared message files. Indonesian is the source; English
 * must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

const id = {
  edit: 'Ubah {name}',
  editTitle: 'Ubah unit',
  save: 'Simpan',
  cancel: 'Batal',
  saved: 'Unit {name} disimpan.',
  archive: 'Arsipkan {name}',
  archived: 'Unit {name} diarsipkan. Catatannya tetap ada.',
  restore: 'Pulihkan {name}',
  restored: 'Unit {name} dipulihkan.',
  archivedGroup: 'Diarsipkan ({count})',
  archivedHint:
    'Unit yang diarsipkan tidak muncul di pilihan unit dan catatan baru, tetapi catatannya tetap tersimpan.',
  mergedBadge: 'digabung ke {name}',
  mergeTitle: 'Gabungkan dua unit',
  mergeIntro:
    'Untuk unit yang tercatat dua kali. Semua sesi, proposal, daftar periksa, komentar, lampiran, orang dan akun dari unit yang digabung pindah ke unit yang dipertahankan; unit yang digabung diarsipkan. Tidak ada yang hilang.',
  mergeFrom: 'Unit yang digabung (diarsipkan)',
  mergeInto: 'Unit yang dipertahankan',
  choose: '— pilih unit —',
  mergeButton: 'Gabungkan…',
  mergeSame: 'Pilih dua unit yang berbeda.',
  mergeConfirm:
    '{records} catatan dan {people} orang dari {from} akan pindah ke {into}, begitu juga akun yang memakai {from}. {from} lalu diarsipkan. Lanjutkan?',
  mergeYes: 'Ya, gabungkan',
  merging: 'Menggabungkan…',
  merged: '{from} digabung ke {into}: {moved} catatan dan {accounts} akun dipindahkan.',
  mergeOffline: 'Menggabungkan unit butuh sambungan internet. Coba lagi saat ada sinyal.',
  mergeNeedsAccount: 'Menggabungkan unit butuh akun admin lokal yang sedang masuk dan sambungan internet.',
  mergeNeedsTwo: 'Butuh setidaknya dua unit aktif untuk digabung.',
  failed: 'Gagal: {error}',
} satisfies Record<string, string>;

const en = {
  edit: 'Edit {name}',
  editTitle: 'Edit unit',
  save: 'Save',
  cancel: 'Cancel',
  saved: 'Unit {name} saved.',
  archive: 'Archive {name}',
  archived: 'Unit {name} archived. Its records stay.',
  restore: 'Restore {name}',
  restored: 'Unit {name} restored.',
  archivedGroup: 'Archived ({count})',
  archivedHint: 'Archived units are not offered for unit choices and new records, but their records stay.',
  mergedBadge: 'merged into {name}',
  mergeTitle: 'Merge two units',
  mergeIntro:
    'For a unit recorded twice. Every session, proposal, checklist, comment, attachment, person and account of the merged unit moves to the unit kept; the merged unit is archived. Nothing is lost.',
  mergeFrom: 'Unit to merge (archived)',
  mergeInto: 'Unit to keep',
  choose: '— choose a unit —',
  mergeButton: 'Merge…',
  mergeSame: 'Choose two different units.',
  mergeConfirm:
    'All records ({records}) and people ({people}) of {from} will move to {into}, and so will the accounts using {from}. {from} is then archived. Continue?',
  mergeYes: 'Yes, merge',
  merging: 'Merging…',
  merged: '{from} merged into {into}: records ({moved}) and accounts ({accounts}) moved.',
  mergeOffline: 'Merging units needs an internet connection. Try again when you have signal.',
  mergeNeedsAccount: 'Merging units needs a signed-in local admin account and an internet connection.',
  mergeNeedsTwo: 'At least two active units are needed to merge.',
  failed: 'Failed: {error}',
} satisfies Record<keyof typeof id, string>;

export const ut = defineStrings({ id, en });
