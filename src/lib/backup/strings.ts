/**
 * Strings of backup and restore. Indonesian is the source; English must have every key. Read through the app's
 * current locale, like the account strings.
 */
import { defineStrings, type StringKey } from '../i18n/index.svelte';

const id = {
  title: 'Cadangan',
  explain:
    'Simpan semua data Anda di perangkat ini ke satu berkas, untuk pindah HP atau bila belum pernah sinkron. Memulihkan menggabungkan data per ID: data yang lebih baru di perangkat ini tidak pernah ditimpa.',
  backup: 'Cadangkan',
  backingUp: 'Membuat cadangan…',
  backupReady: 'Cadangan {file} siap ({size}).',
  backupFailed: 'Cadangan gagal dibuat: {error}',
  download: 'Unduh {file}',
  share: 'Bagikan cadangan',
  shared: 'Cadangan dibagikan.',
  shareCancelled: 'Berbagi dibatalkan. Cadangan tetap bisa diunduh.',
  shareFailed: 'Berbagi gagal: {error}. Unduh berkasnya saja.',
  restore: 'Pulihkan dari cadangan',
  restoring: 'Memulihkan…',
  restored:
    'Cadangan dipulihkan: {added} data baru, {updated} diperbarui dari berkas, {kept} tetap memakai versi perangkat ini yang lebih baru.',
  restoreSync: 'Perubahan dari cadangan akan dikirim saat sinkronisasi.',
  'error.unreadable': 'Berkas tidak bisa dibaca. Pilih berkas cadangan Rintis (.json).',
  'error.tooLarge': 'Berkas terlalu besar untuk cadangan Rintis ({size}).',
  'error.notBackup': 'Ini bukan berkas cadangan Rintis. Tidak ada yang diubah.',
  'error.invalidRecord':
    'Cadangan rusak: data ke-{n} di tabel {table} tidak sah ({error}). Tidak ada yang diubah.',
  'error.invalidOutbox':
    'Cadangan rusak: perubahan tertunda ke-{n} tidak sah ({error}). Tidak ada yang diubah.',
  'error.duplicate': 'Cadangan rusak: data {id} muncul dua kali. Tidak ada yang diubah.',
  'error.otherSpace':
    'Cadangan ini dari ruang data lain (akun lain, pemda lain, atau tamu). Masuk dengan akun yang sama, lalu coba lagi. Tidak ada yang diubah.',
  'error.failed': 'Pemulihan gagal: {error}. Tidak ada yang diubah.',
} as const;

const en = {
  title: 'Backup',
  explain:
    'Save all your data on this device to one file, to change phones or when you have never synced. Restoring merges records by id: newer data on this device is never overwritten.',
  backup: 'Back up',
  backingUp: 'Making the backup…',
  backupReady: 'Backup {file} is ready ({size}).',
  backupFailed: 'Could not make the backup: {error}',
  download: 'Download {file}',
  share: 'Share the backup',
  shared: 'Backup shared.',
  shareCancelled: 'Sharing cancelled. The backup can still be downloaded.',
  shareFailed: 'Sharing failed: {error}. Download the file instead.',
  restore: 'Restore from a backup',
  restoring: 'Restoring…',
  restored:
    'Backup restored: {added} new records, {updated} updated from the file, {kept} kept as the newer version on this device.',
  restoreSync: 'Changes from the backup will be sent at the next sync.',
  'error.unreadable': 'The file cannot be read. Choose a Rintis backup file (.json).',
  'error.tooLarge': 'The file is too large for a Rintis backup ({size}).',
  'error.notBackup': 'This is not a Rintis backup file. Nothing was changed.',
  'error.invalidRecord':
    'The backup is damaged: record {n} in table {table} is not valid ({error}). Nothing was changed.',
  'error.invalidOutbox':
    'The backup is damaged: pending change {n} is not valid ({error}). Nothing was changed.',
  'error.duplicate': 'The backup is damaged: record {id} appears twice. Nothing was changed.',
  'error.otherSpace':
    'This backup is from another data space (another account, another local government, or the guest). Sign in with the same account and try again. Nothing was changed.',
  'error.failed': 'Restore failed: {error}. Nothing was changed.',
} satisfies Record<keyof typeof id, string>;

export type BackupMessage = { key: BackupStringKey; params?: Record<string, string | number> };

/** A backup string in the current language, with `{name}` parameters filled in. */
export const bt = defineStrings({ id, en });
export type BackupStringKey = StringKey<typeof bt>;

/** Both languages of a message, Indonesian first: for errors that leave the screen (logs, thrown errors). */
export function bilingual(m: BackupMessage): string {
  const fill = (lang: 'id' | 'en') => bt.in(lang)(m.key, m.params);
  return `${fill('id')} / ${fill('en')}`;
}
