/**
 * Strings of the coordinator's template import screen (/templat), apart from the draft screen's template strings
 * so they load with this screen only. Indonesian is the source; English must have every key.
 */
import { defineStrings, pick } from '../../lib/i18n/index.svelte';
import type { TemplateChange } from '../../shared/domain/template-changes';
import type { TemplateStatus } from '../../shared/records';
import type { Translation } from '../../shared/format';

const id = {
  title: 'Templat proposal',
  onlyCoordinator: 'Hanya admin lokal yang dapat mengimpor templat proposal.',
  listTitle: 'Templat di kabupaten ini',
  notSynced: 'Belum disinkronkan: ini templat bawaan aplikasi.',
  row: '{key}, versi {version}, tahun {year}',
  'status.active': 'aktif',
  'status.draft': 'draf',
  'status.retired': 'tidak dipakai lagi',
  importTitle: 'Impor versi baru',
  intro:
    'Pilih berkas JSON templat. Berkas diperiksa di ponsel ini dulu; tidak ada yang dikirim sebelum Anda menekan "Unggah sebagai draf".',
  file: 'Pilih berkas JSON',
  needsOnline: 'Mengunggah dan mengaktifkan templat butuh sambungan ke server. Coba lagi saat ada sinyal.',
  offlineNow: 'Anda sedang luring: berkas tetap bisa diperiksa, tetapi unggah butuh sambungan.',
  problemsTitle: { other: 'Berkas tidak dapat diimpor ({count} masalah)' },
  wholeFile: 'Seluruh berkas',
  previewTitle: 'Pratinjau: {title}',
  keyVersion: 'Kunci {key}, versi {version}',
  sectionsTitle: 'Bagian ({count})',
  weight: 'bobot {weight}',
  noWeight: 'tanpa bobot',
  maxWords: 'maks. {words} kata',
  noLimit: 'tanpa batas kata',
  year: 'Tahun program',
  yearInvalid: 'Isi tahun program (2000–2100).',
  replaces: 'Menggantikan templat',
  replacesNone: 'Tidak ada (templat baru)',
  exists: 'Versi {version} dari {key} sudah ada. Naikkan "version" di berkas untuk versi baru.',
  changesTitle: 'Perubahan dari {title}, versi {version}',
  noChanges: 'Tidak ada perubahan bagian atau isian.',
  noPredecessor: 'Templat baru: tidak ada versi sebelumnya untuk dibandingkan.',
  'change.section-added': 'Bagian baru: {label}',
  'change.section-removed':
    'Bagian dihapus: {label} (teks proposal lama tetap disimpan sebagai bagian tambahan)',
  'change.section-renamed': 'Bagian diganti nama: {from} → {to}',
  'change.word-limit': '{label}: batas kata {from} → {to}',
  'change.weight': '{label}: bobot {from} → {to}',
  'change.field-added': 'Isian baru: {label}',
  'change.field-removed': 'Isian dihapus: {label}',
  none: 'tidak ada',
  upload: 'Unggah sebagai draf',
  uploading: 'Mengunggah…',
  uploaded:
    'Tersimpan sebagai draf: {key}, versi {version}. Belum ditawarkan ke siapa pun sampai diaktifkan.',
  activate: 'Aktifkan',
  activating: 'Mengaktifkan…',
  confirmTitle: 'Aktifkan templat ini?',
  confirmText:
    'Proposal baru akan memakai {title}. Versi yang digantikan tidak dipakai lagi; proposal lama bisa dipindahkan tanpa kehilangan teks.',
  confirm: 'Ya, aktifkan',
  cancel: 'Batal',
  active: '{title} sekarang aktif. Ponsel lain menerimanya saat sinkron.',
  failed: 'Gagal: {error}',
  chooseAnother: 'Pilih berkas lain',
};

const en = {
  title: 'Proposal templates',
  onlyCoordinator: 'Only a local admin can import proposal templates.',
  listTitle: 'Templates of this regency',
  notSynced: 'Not synced yet: these are the templates shipped with the app.',
  row: '{key}, version {version}, year {year}',
  'status.active': 'active',
  'status.draft': 'draft',
  'status.retired': 'retired',
  importTitle: 'Import a new version',
  intro:
    'Choose a template JSON file. It is checked on this phone first; nothing is sent before you tap "Upload as draft".',
  file: 'Choose a JSON file',
  needsOnline:
    'Uploading and activating a template need a connection to the server. Try again with a signal.',
  offlineNow: 'You are offline: the file can still be checked, but uploading needs a connection.',
  problemsTitle: {
    one: 'The file cannot be imported ({count} problem)',
    other: 'The file cannot be imported ({count} problems)',
  },
  wholeFile: 'Whole file',
  previewTitle: 'Preview: {title}',
  keyVersion: 'Key {key}, version {version}',
  sectionsTitle: 'Sections ({count})',
  weight: 'weight {weight}',
  noWeight: 'no weight',
  maxWords: 'max. {words} words',
  noLimit: 'no word limit',
  year: 'Programme year',
  yearInvalid: 'Enter the programme year (2000–2100).',
  replaces: 'Replaces the template',
  replacesNone: 'None (a new template)',
  exists: 'Version {version} of {key} already exists. Raise "version" in the file for a new version.',
  changesTitle: 'Changes from {title}, version {version}',
  noChanges: 'No section or field changed.',
  noPredecessor: 'A new template: no earlier version to compare with.',
  'change.section-added': 'New section: {label}',
  'change.section-removed': 'Section removed: {label} (text of older proposals is kept as an extra section)',
  'change.section-renamed': 'Section renamed: {from} → {to}',
  'change.word-limit': '{label}: word limit {from} → {to}',
  'change.weight': '{label}: weight {from} → {to}',
  'change.field-added': 'New field: {label}',
  'change.field-removed': 'Field removed: {label}',
  none: 'none',
  upload: 'Upload as draft',
  uploading: 'Uploading…',
  uploaded: 'Saved as a draft: {key}, version {version}. Offered to no one until it is activated.',
  activate: 'Activate',
  activating: 'Activating…',
  confirmTitle: 'Activate this template?',
  confirmText:
    'New proposals will use {title}. The version it replaces is retired; older proposals can move to it without losing text.',
  confirm: 'Yes, activate',
  cancel: 'Cancel',
  active: '{title} is now active. Other phones get it when they sync.',
  failed: 'Failed: {error}',
  chooseAnother: 'Choose another file',
} satisfies Translation<typeof id>;

export const tit = defineStrings({ id, en });

export const statusLabel = (status: TemplateStatus): string => tit(`status.${status}`);

/** One change of the preview, as a sentence. */
export function changeText(change: TemplateChange): string {
  const num = (n: number | null) => (n === null ? tit('none') : String(n));
  switch (change.kind) {
    case 'section-renamed':
      return tit('change.section-renamed', { from: pick(change.from), to: pick(change.to) });
    case 'word-limit':
    case 'weight':
      return tit(`change.${change.kind}`, {
        label: pick(change.label),
        from: num(change.from),
        to: num(change.to),
      });
    default:
      return tit(`change.${change.kind}`, { label: pick(change.label) });
  }
}
