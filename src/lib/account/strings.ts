/**
 * Strings of the account screens (sign-in, sign-out, guest data, coordinator screens). Kept beside them, like
 * the PWA parts' strings, so the account feature stays self-contained; typed the same way as the app's message
 * files: English must have every key.
 */
import { locale } from '../i18n/index.svelte';
import { ROLE_LABELS } from '../../shared/roles';

const id = {
  'signIn.title': 'Masuk',
  'signIn.intro':
    'Masuk dengan email atau nomor HP. Setelah sekali masuk, Rintis tetap bisa dipakai tanpa sinyal.',
  'signIn.login': 'Email atau nomor HP',
  'signIn.password': 'Kata sandi',
  'signIn.submit': 'Masuk',
  'signIn.submitting': 'Sedang masuk…',
  'signIn.already': 'Anda sudah masuk sebagai {name}.',
  'signIn.reauth':
    'Sesi Anda sudah berakhir. Masuk lagi untuk melanjutkan sinkronisasi; data di perangkat ini tetap aman.',
  'signIn.openAccount': 'Lihat akun',
  'error.offlineFirstSignIn':
    'Masuk pertama kali butuh sinyal. Sambungkan ke internet lalu coba lagi; sementara itu Anda bisa bekerja sebagai tamu.',
  'error.offline': 'Tidak ada sambungan. Coba lagi saat ada sinyal.',
  'error.invalidForm': 'Periksa isian yang ditandai.',
  'error.rateLimitedMinutes': 'Terlalu banyak percobaan masuk. Coba lagi dalam {minutes} menit.',
  'error.rateLimitedSeconds': 'Terlalu banyak percobaan masuk. Coba lagi dalam {seconds} detik.',
  'error.serverBusy': 'Server sedang sibuk. Coba masuk lagi sebentar lagi.',
  'error.serverBusySeconds': 'Server sedang sibuk. Coba masuk lagi dalam {seconds} detik.',
  'error.unexpected': 'Terjadi galat: {error}',
  'header.signIn': 'Masuk',
  'account.title': 'Akun',
  'account.guest': 'Anda memakai Rintis sebagai tamu. Data tamu hanya tersimpan di perangkat ini.',
  'account.signedInAs': 'Masuk sebagai {name}',
  'account.role': 'Peran: {role}',
  'account.tenant': 'Pemda: {tenant}',
  'account.reauth':
    'Sinkronisasi dijeda: sesi Anda sudah berakhir. Anda tetap bisa bekerja; data tersimpan di perangkat ini.',
  'account.reauthAction': 'Masuk lagi',
  'account.manage': 'Kelola unit dan akun',
  'account.securityLoading': 'Memuat kata sandi dan perangkat…',
  'account.securityOffline': 'Perlu koneksi untuk mengganti kata sandi dan melihat perangkat yang masuk.',
  'role.innovator': ROLE_LABELS.innovator.id,
  'role.facilitator': ROLE_LABELS.facilitator.id,
  'role.coordinator': ROLE_LABELS.coordinator.id,
  'role.viewer': ROLE_LABELS.viewer.id,
  'guest.offer': 'Ada {count} data tamu di perangkat ini yang belum masuk ke akun Anda.',
  'guest.explain':
    'Data tamu tidak digabung otomatis. Bila dipindahkan, data itu disalin ke akun Anda sebagai data baru dan dikirim saat sinkronisasi.',
  'guest.move': 'Pindahkan data tamu ke akun ini',
  'guest.moving': 'Memindahkan…',
  'guest.moved': '{count} data tamu dipindahkan ke akun ini.',
  'guest.failed': 'Data tamu gagal dipindahkan: {error}',
  'guest.unitsTitle': 'Unit mana yang dipakai?',
  'guest.unitsExplain':
    'Unit-unit ini belum ada di akun Anda dengan nama yang sama. Pilih untuk masing-masing ke unit mana datanya masuk.',
  'guest.unitFor': 'Unit untuk data "{name}"',
  'guest.unitChoose': '— pilih —',
  'guest.unitNew': 'Buat unit baru "{name}"',
  'guest.unitNone': 'Tanpa unit',
  'guest.unitsMatched': '{count} unit tamu cocok dengan unit akun yang bernama sama.',
  'guest.chooseFirst': 'Pilih unit untuk setiap unit di atas dulu.',
  'signOut.title': 'Keluar',
  'signOut.button': 'Keluar',
  'signOut.confirm': 'Keluar dari akun ini? Data Anda tetap tersimpan di perangkat ini.',
  'signOut.unsynced': '{count} perubahan belum tersinkron ke server.',
  'signOut.unsyncedExplain':
    'Bila Anda keluar sekarang, perubahan ini tetap tersimpan di perangkat ini (tidak dihapus) dan akan dikirim saat Anda masuk lagi. Amankan dulu dengan ekspor atau sinkronisasi.',
  'signOut.export': 'Ekspor dulu',
  'signOut.exported': 'Berkas {file} sudah diunduh.',
  'signOut.exportFailed': 'Ekspor gagal: {error}',
  'signOut.sync': 'Sinkronkan dulu',
  'signOut.syncing': 'Menyinkronkan…',
  'signOut.syncUnavailable': 'Sinkronisasi belum bisa: {reason}',
  'signOut.keep': 'Keluar, tetap simpan data di perangkat',
  'signOut.cancel': 'Batal',
  'signOut.rejected': 'ditolak server',
  'signOut.pending': 'menunggu',
  'signOut.sending': 'sedang dikirim',
  'signOut.more': '…dan {count} lainnya',
  'signOut.done': 'Anda sudah keluar. Data akun tetap tersimpan di perangkat ini.',
  'op.create': 'baru',
  'op.update': 'diubah',
  'op.delete': 'dihapus',
  'op.restore': 'dipulihkan',
  'kind.unit': 'Unit',
  'kind.person': 'Orang',
  'kind.session': 'Sesi',
  'kind.draft': 'Rancangan',
  'kind.checklist': 'Daftar periksa',
  'kind.conflict': 'Konflik',
  'kind.comment': 'Komentar',
  'kind.submission': 'Pengajuan',
  'kind.attachment': 'Lampiran',
  'manage.title': 'Kelola unit dan akun',
  'manage.import': 'Impor dari Excel atau CSV',
  'manage.onlyCoordinator': 'Halaman ini hanya untuk admin lokal.',
  'manage.accounts': 'Akun',
  'manage.loading': 'Memuat daftar akun…',
  'manage.reload': 'Muat ulang',
  'manage.empty': 'Belum ada akun.',
  'manage.disabled': 'nonaktif',
  'manage.newAccount': 'Akun baru',
  'manage.name': 'Nama',
  'manage.email': 'Email',
  'manage.phone': 'Nomor HP',
  'manage.password': 'Kata sandi awal',
  'manage.role': 'Peran',
  'manage.units': 'Unit',
  'manage.noUnits': 'Belum ada unit aktif.',
  'manage.create': 'Buat akun',
  'manage.creating': 'Membuat…',
  'manage.created': 'Akun {name} dibuat.',
  'manage.edit': 'Ubah',
  'manage.save': 'Simpan',
  'manage.saved': 'Perubahan akun {name} disimpan.',
  'manage.disable': 'Nonaktifkan',
  'manage.enable': 'Aktifkan lagi',
  'manage.needsOnline': 'Mengelola akun butuh sinyal. Unit tetap bisa dibuat tanpa sinyal di halaman Unit.',
  'manage.unitsTitle': 'Unit',
  'manage.unitsCount': '{count} unit aktif.',
  'manage.unitsLink': 'Kelola unit (tambah, ubah nama, arsipkan, gabungkan)',
  'manage.unitsFirst':
    'Buat unit dulu: inovator dan fasilitator bekerja di unit, jadi akun mereka butuh unit. Buka halaman Unit untuk menambahkannya.',
  'manage.unitsFirstLink': 'Buat unit dulu',
} as const;

export type AccountStringKey = keyof typeof id;

const en: Record<AccountStringKey, string> = {
  'signIn.title': 'Sign in',
  'signIn.intro':
    'Sign in with your email or phone number. After one sign-in, Rintis keeps working without signal.',
  'signIn.login': 'Email or phone number',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.already': 'You are signed in as {name}.',
  'signIn.reauth':
    'Your session has ended. Sign in again to resume syncing; the data on this device is safe.',
  'signIn.openAccount': 'View account',
  'error.offlineFirstSignIn':
    'The first sign-in needs a connection. Connect to the internet and try again; meanwhile you can work as a guest.',
  'error.offline': 'No connection. Try again when you have signal.',
  'error.invalidForm': 'Check the marked fields.',
  'error.rateLimitedMinutes': 'Too many sign-in attempts. Try again in {minutes} minutes.',
  'error.rateLimitedSeconds': 'Too many sign-in attempts. Try again in {seconds} seconds.',
  'error.serverBusy': 'The server is busy. Try signing in again in a moment.',
  'error.serverBusySeconds': 'The server is busy. Try signing in again in {seconds} seconds.',
  'error.unexpected': 'Something went wrong: {error}',
  'header.signIn': 'Sign in',
  'account.title': 'Account',
  'account.guest': 'You are using Rintis as a guest. Guest data is stored on this device only.',
  'account.signedInAs': 'Signed in as {name}',
  'account.role': 'Role: {role}',
  'account.tenant': 'Local government: {tenant}',
  'account.reauth':
    'Sync paused: your session has ended. You can keep working; your data is stored on this device.',
  'account.reauthAction': 'Sign in again',
  'account.manage': 'Manage units and accounts',
  'account.securityLoading': 'Loading password and devices…',
  'account.securityOffline': 'Changing the password and seeing signed-in devices needs a connection.',
  'role.innovator': ROLE_LABELS.innovator.en,
  'role.facilitator': ROLE_LABELS.facilitator.en,
  'role.coordinator': ROLE_LABELS.coordinator.en,
  'role.viewer': ROLE_LABELS.viewer.en,
  'guest.offer': 'There are {count} guest records on this device that are not in your account.',
  'guest.explain':
    'Guest data is never merged automatically. If you move it, it is copied into your account as new records and sent at the next sync.',
  'guest.move': 'Move guest data to this account',
  'guest.moving': 'Moving…',
  'guest.moved': '{count} guest records moved to this account.',
  'guest.failed': 'Could not move the guest data: {error}',
  'guest.unitsTitle': 'Which units should be used?',
  'guest.unitsExplain':
    'These units are not in your account under the same name. For each, choose which unit its data goes to.',
  'guest.unitFor': 'Unit for the data of "{name}"',
  'guest.unitChoose': '— choose —',
  'guest.unitNew': 'Create a new unit "{name}"',
  'guest.unitNone': 'No unit',
  'guest.unitsMatched': '{count} guest units match account units of the same name.',
  'guest.chooseFirst': 'First choose a unit for each unit above.',
  'signOut.title': 'Sign out',
  'signOut.button': 'Sign out',
  'signOut.confirm': 'Sign out of this account? Your data stays on this device.',
  'signOut.unsynced': '{count} changes have not been synced to the server.',
  'signOut.unsyncedExplain':
    'If you sign out now, these changes stay on this device (nothing is deleted) and are sent when you sign in again. Secure them first with an export or a sync.',
  'signOut.export': 'Export first',
  'signOut.exported': 'The file {file} was downloaded.',
  'signOut.exportFailed': 'Export failed: {error}',
  'signOut.sync': 'Sync first',
  'signOut.syncing': 'Syncing…',
  'signOut.syncUnavailable': 'Cannot sync yet: {reason}',
  'signOut.keep': 'Sign out, keep the data on this device',
  'signOut.cancel': 'Cancel',
  'signOut.rejected': 'rejected by the server',
  'signOut.pending': 'waiting',
  'signOut.sending': 'being sent',
  'signOut.more': '…and {count} more',
  'signOut.done': 'You are signed out. The account data stays on this device.',
  'op.create': 'new',
  'op.update': 'changed',
  'op.delete': 'deleted',
  'op.restore': 'restored',
  'kind.unit': 'Unit',
  'kind.person': 'Person',
  'kind.session': 'Session',
  'kind.draft': 'Draft',
  'kind.checklist': 'Checklist',
  'kind.conflict': 'Conflict',
  'kind.comment': 'Comment',
  'kind.submission': 'Submission',
  'kind.attachment': 'Attachment',
  'manage.title': 'Manage units and accounts',
  'manage.onlyCoordinator': 'This page is for local admins only.',
  'manage.accounts': 'Accounts',
  'manage.loading': 'Loading the accounts…',
  'manage.reload': 'Reload',
  'manage.empty': 'No accounts yet.',
  'manage.disabled': 'disabled',
  'manage.newAccount': 'New account',
  'manage.name': 'Name',
  'manage.email': 'Email',
  'manage.phone': 'Phone number',
  'manage.password': 'Initial password',
  'manage.role': 'Role',
  'manage.units': 'Units',
  'manage.noUnits': 'No active units yet.',
  'manage.create': 'Create account',
  'manage.creating': 'Creating…',
  'manage.created': 'Account {name} created.',
  'manage.edit': 'Edit',
  'manage.save': 'Save',
  'manage.saved': 'Changes to {name} saved.',
  'manage.disable': 'Disable',
  'manage.enable': 'Enable again',
  'manage.import': 'Import from Excel or CSV',
  'manage.needsOnline':
    'Managing accounts needs a connection. Units can still be created offline on the Units page.',
  'manage.unitsTitle': 'Units',
  'manage.unitsCount': '{count} active units.',
  'manage.unitsLink': 'Manage units (add, rename, archive, merge)',
  'manage.unitsFirst':
    'Create units first: innovators and facilitators work in units, so their accounts need one. Open the Units page to add them.',
  'manage.unitsFirstLink': 'Create units first',
};

const MESSAGES: Record<'id' | 'en', Record<AccountStringKey, string>> = { id, en };

/** An account string in the current language, with `{name}` parameters filled in. */
export function at(key: AccountStringKey, params?: Record<string, string | number>): string {
  const template = MESSAGES[locale.current][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A bilingual text (server messages) in the current language. */
export function bilingual(text: { id: string; en: string }): string {
  return locale.current === 'en' ? text.en : text.id;
}

/** A session message (client key or server text) in the current language. */
export function messageText(
  m:
    | { key: AccountStringKey; params?: Record<string, string | number> }
    | { server: { id: string; en: string } },
): string {
  return 'key' in m ? at(m.key, m.params) : bilingual(m.server);
}
