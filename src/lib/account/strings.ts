/**
 * Strings of the account screens (sign-in, sign-out, guest data, coordinator screens). Kept beside them, like
 * the PWA parts' strings, so the account feature stays self-contained; typed the same way as the app's message
 * files: English must have every key.
 */
import { defineStrings, pick, type StringKey } from '../i18n/index.svelte';
import { ROLE_LABELS } from '../../shared/roles';

export const id = {
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
  'error.rateLimitedMinutes': { other: 'Terlalu banyak percobaan masuk. Coba lagi dalam {count} menit.' },
  'error.rateLimitedSeconds': { other: 'Terlalu banyak percobaan masuk. Coba lagi dalam {count} detik.' },
  'error.serverBusy': 'Server sedang sibuk. Coba masuk lagi sebentar lagi.',
  'error.serverBusySeconds': { other: 'Server sedang sibuk. Coba masuk lagi dalam {count} detik.' },
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
  'guest.offer': { other: 'Ada {count} data tamu di perangkat ini yang belum masuk ke akun Anda.' },
  'guest.explain':
    'Data tamu tidak digabung otomatis. Bila dipindahkan, data itu disalin ke akun Anda sebagai data baru dan dikirim saat sinkronisasi.',
  'guest.move': 'Pindahkan data tamu ke akun ini',
  'guest.moving': 'Memindahkan…',
  'guest.moved': { other: '{count} data tamu dipindahkan ke akun ini.' },
  'guest.failed': 'Data tamu gagal dipindahkan: {error}',
  'guest.unitsTitle': 'Unit mana yang dipakai?',
  'guest.unitsExplain':
    'Unit-unit ini belum ada di akun Anda dengan nama yang sama. Pilih untuk masing-masing ke unit mana datanya masuk.',
  'guest.unitFor': 'Unit untuk data "{name}"',
  'guest.unitChoose': '— pilih —',
  'guest.unitNew': 'Buat unit baru "{name}"',
  'guest.unitNone': 'Tanpa unit',
  'guest.unitsMatched': { other: '{count} unit tamu cocok dengan unit akun yang bernama sama.' },
  'guest.chooseFirst': 'Pilih unit untuk setiap unit di atas dulu.',
  'signOut.title': 'Keluar',
  'signOut.button': 'Keluar',
  'signOut.confirm': 'Keluar dari akun ini? Data Anda tetap tersimpan di perangkat ini.',
  'signOut.unsynced': { other: '{count} perubahan belum tersinkron ke server.' },
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
  'kind.draft': 'Proposal',
  'kind.checklist': 'Daftar periksa',
  'kind.conflict': 'Konflik',
  'kind.comment': 'Komentar',
  'kind.submission': 'Pengajuan',
  'kind.attachment': 'Lampiran',
  'kind.template': 'Templat proposal',
  'kind.programme': 'Pengaturan program',
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
  'manage.unitsCount': { other: '{count} unit aktif.' },
  'manage.unitsLink': 'Kelola unit (tambah, ubah nama, arsipkan, gabungkan)',
  'manage.unitsFirst':
    'Buat unit dulu: inovator dan pendamping bekerja di unit, jadi akun mereka butuh unit. Buka halaman Unit untuk menambahkannya.',
  'manage.unitsFirstLink': 'Buat unit dulu',
} as const;

/** An account string in the current language, with `{name}` parameters filled in. */
export const at = defineStrings({ id, en: 'account' });
export type AccountStringKey = StringKey<typeof at>;

/** A session message (client key or server text) in the current language. */
export function messageText(
  m:
    | { key: AccountStringKey; params?: Record<string, string | number> }
    | { server: { id: string; en: string } },
): string {
  return 'key' in m ? at(m.key, m.params) : pick(m.server);
}
