/**
 * Strings of the bulk import screen (/akun/impor), kept beside it like the account screens' strings: Indonesian
 * is the source, English must have every key.
 */
import { unitTypeLabel } from '../../shared/domain/unit-types';
import { defineStrings, pick } from '../i18n/index.svelte';
import type { Translation } from '../../shared/format';

const id = {
  title: 'Impor unit dan akun',
  intro:
    'Impor unit dan akun dari berkas Excel (.xlsx) atau CSV, seperti yang disimpan Bagian Organisasi. Tidak ada yang disimpan sebelum Anda menyetujui pratinjau; berkas yang sama boleh diimpor ulang tanpa membuat data ganda.',
  onlyCoordinator: 'Halaman ini hanya untuk admin lokal.',
  needsOnline: 'Impor butuh sambungan ke server. Coba lagi saat ada sinyal.',
  template: 'Unduh templat Excel',
  templateHint:
    'Lembar "Unit": nama, jenis. Lembar "Akun": nama, email atau telepon, peran, unit (dipisah ";").',
  file: 'Berkas (.xlsx atau .csv, maks. {mb} MB)',
  csvKind: 'Berkas CSV ini berisi',
  csvUnits: 'Unit',
  csvAccounts: 'Akun',
  reading: 'Membaca berkas…',
  checking: 'Memeriksa dengan data server…',
  fileProblems: 'Berkas tidak dapat diimpor',
  errorsTitle: { other: '{count} baris bermasalah' },
  errorsHint:
    'Perbaiki baris ini di berkas Anda lalu pilih berkas lagi. Tidak ada yang diimpor selama masih ada galat.',
  rowError: 'Lembar {sheet}, baris {row}',
  rowErrorColumn: 'Lembar {sheet}, baris {row}, kolom {column}',
  'sheet.unit': 'Unit',
  'sheet.account': 'Akun',
  unitsTitle: 'Unit ({count})',
  accountsTitle: 'Akun ({count})',
  'status.create': 'Baru',
  'status.update': 'Berubah',
  'status.unchanged': 'Sudah ada, tidak berubah',
  'change.name': 'nama',
  'change.role': 'peran',
  'change.units': 'unit',
  changes: 'Berubah: {list}',
  typeWas: 'Jenis sebelumnya: {type}',
  row: 'baris {row}',
  noUnits: 'tanpa unit',
  summary:
    '{unitsNew} unit baru, {unitsChanged} unit berubah, {accountsNew} akun baru, {accountsChanged} akun berubah.',
  nothingToDo: 'Tidak ada perubahan: semua unit dan akun di berkas ini sudah ada.',
  confirm: 'Impor {units} unit dan {accounts} akun',
  committing: 'Mengimpor…',
  chooseAnother: 'Pilih berkas lain',
  done: 'Impor selesai: {units} unit dan {accounts} akun dibuat atau diubah.',
  passwordsTitle: 'Kata sandi sekali pakai',
  passwordsHint:
    'Hanya ditampilkan sekali. Unduh dan serahkan kepada pemilik akun; mereka sebaiknya menggantinya setelah masuk pertama kali.',
  passwordsShareHint:
    'Atau kirim tiap orang pesannya sendiri: tautan masuk, login, dan kata sandi sementara (tidak pernah di dalam tautan). Kirim hanya kepada orang itu, lewat percakapan pribadi.',
  passwordsCsv: 'Unduh daftar (CSV)',
  passwordsXlsx: 'Unduh daftar (Excel)',
  noPasswords: 'Tidak ada akun baru, jadi tidak ada kata sandi baru.',
  login: 'Login',
  password: 'Kata sandi',
  failed: 'Impor gagal: {error}',
  back: 'Kembali ke kelola unit dan akun',
  'role.innovator': 'Inovator',
  'role.facilitator': 'Pendamping',
  'role.coordinator': 'Admin lokal',
  'role.viewer': 'Pimpinan',
};

const en = {
  title: 'Import units and accounts',
  intro:
    'Import units and accounts from an Excel (.xlsx) or CSV file, as the organisation bureau keeps them. Nothing is saved before you accept the preview; the same file may be imported again without making duplicates.',
  onlyCoordinator: 'This page is for local admins only.',
  needsOnline: 'Importing needs a connection to the server. Try again when you have signal.',
  template: 'Download the Excel template',
  templateHint:
    'Sheet "Unit": name, type. Sheet "Akun": name, email or phone, role, units (separated by ";").',
  file: 'File (.xlsx or .csv, max. {mb} MB)',
  csvKind: 'This CSV file holds',
  csvUnits: 'Units',
  csvAccounts: 'Accounts',
  reading: 'Reading the file…',
  checking: 'Checking against the server…',
  fileProblems: 'The file cannot be imported',
  errorsTitle: { one: '{count} row has errors', other: '{count} rows have errors' },
  errorsHint: 'Fix these rows in your file and choose it again. Nothing is imported while errors remain.',
  rowError: 'Sheet {sheet}, row {row}',
  rowErrorColumn: 'Sheet {sheet}, row {row}, column {column}',
  'sheet.unit': 'Unit',
  'sheet.account': 'Akun',
  unitsTitle: 'Units ({count})',
  accountsTitle: 'Accounts ({count})',
  'status.create': 'New',
  'status.update': 'Changes',
  'status.unchanged': 'Exists, unchanged',
  'change.name': 'name',
  'change.role': 'role',
  'change.units': 'units',
  changes: 'Changes: {list}',
  typeWas: 'Type before: {type}',
  row: 'row {row}',
  noUnits: 'no units',
  summary:
    '{unitsNew} new units, {unitsChanged} changed units, {accountsNew} new accounts, {accountsChanged} changed accounts.',
  nothingToDo: 'No changes: every unit and account in this file already exists.',
  confirm: 'Import units ({units}) and accounts ({accounts})',
  committing: 'Importing…',
  chooseAnother: 'Choose another file',
  done: 'Import finished: units ({units}) and accounts ({accounts}) created or changed.',
  passwordsTitle: 'One-time passwords',
  passwordsHint:
    'Shown only once. Download them and hand them to the account holders; they should change them after their first sign-in.',
  passwordsShareHint:
    'Or send each person their own message: the sign-in link, the login and the temporary password (never inside the link). Send it to that person only, in a private chat.',
  passwordsCsv: 'Download the list (CSV)',
  passwordsXlsx: 'Download the list (Excel)',
  noPasswords: 'No new accounts, so no new passwords.',
  login: 'Login',
  password: 'Password',
  failed: 'Import failed: {error}',
  back: 'Back to managing units and accounts',
  'role.innovator': 'Innovator',
  'role.facilitator': 'Facilitator',
  'role.coordinator': 'Local admin',
  'role.viewer': 'Leadership',
} satisfies Translation<typeof id>;

/** An import string in the current language, with `{name}` parameters filled in. */
export const ti = defineStrings({ id, en });

/** A stored unit type's name, as the units screen names it; an unknown value (a newer build's kind) shows as it is. */
export function unitTypeName(type: string): string {
  return pick(unitTypeLabel(type));
}
