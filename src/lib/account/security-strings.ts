/**
 * Strings of the password and device screens (change password, one-time passwords, devices). Apart from
 * strings.ts so they travel in the lazily loaded chunks that need the network anyway, not in the precached
 * account screen. Typed like the app's message files: English must have every key.
 */
import { defineStrings, type StringKey } from '../i18n/index.svelte';
import type { Translation } from '../../shared/format';

const id = {
  'password.title': 'Ganti kata sandi',
  'password.current': 'Kata sandi sekarang',
  'password.currentOneTime': 'Kata sandi sementara (dari admin lokal)',
  'password.new': 'Kata sandi baru',
  'password.newHint':
    'Minimal 10 karakter. Beberapa kata acak mudah diingat dan sulit ditebak, misalnya "kopi pagi di pasar".',
  'password.repeat': 'Ulangi kata sandi baru',
  'password.submit': 'Ganti kata sandi',
  'password.submitting': 'Mengganti…',
  'password.show': 'Tampilkan kata sandi',
  'password.done': 'Kata sandi sudah diganti. Perangkat lain yang memakai akun ini sudah dikeluarkan.',
  'password.offline':
    'Perlu koneksi untuk mengganti kata sandi. Isian Anda tetap di sini; ketuk lagi saat ada sinyal.',
  'password.needCurrent': 'Isi kata sandi sekarang',
  'password.mismatch': 'Kedua kata sandi baru tidak sama',
  'forced.title': 'Buat kata sandi Anda sendiri',
  'forced.intro':
    'Anda masuk dengan kata sandi sementara dari admin lokal. Buat kata sandi baru yang hanya Anda ketahui untuk melanjutkan.',
  'devices.title': 'Perangkat yang masuk',
  'devices.intro': 'Akun Anda sedang masuk di perangkat berikut. Keluarkan perangkat yang tidak Anda kenali.',
  'devices.loading': 'Memuat daftar perangkat…',
  'devices.name': '{browser} di {os}',
  'devices.unknownBrowser': 'Peramban',
  'devices.unknownOs': 'perangkat tak dikenal',
  'devices.current': 'perangkat ini',
  'devices.signedInAt': 'Masuk {at}',
  'devices.lastUsed': 'terakhir dipakai {at}',
  'devices.signOut': 'Keluarkan',
  'devices.signOutOthers': 'Keluarkan semua perangkat lain',
  'devices.signedOut': { other: '{count} perangkat dikeluarkan.' },
  'devices.onlyThis': 'Hanya perangkat ini yang masuk.',
  'devices.reload': 'Muat ulang',
  'otp.generate': 'Buat kata sandi sementara otomatis (disarankan)',
  'otp.type': 'Ketik kata sandi awal sendiri',
  'otp.choice': 'Kata sandi awal',
  'otp.typedHint': 'Pemilik akun tetap wajib menggantinya saat pertama masuk.',
  'otp.title': 'Kata sandi sementara untuk {name}',
  'otp.once':
    'Kata sandi ini hanya ditampilkan sekali. Kirimkan sekarang; pemilik akun wajib menggantinya saat masuk.',
  'otp.login': 'Email atau nomor HP: {login}',
  'otp.password': 'Kata sandi sementara: {password}',
  'otp.share': 'Bagikan pesan',
  'otp.copy': 'Salin pesan',
  'otp.copied': 'Pesan disalin. Tempel di WhatsApp atau SMS.',
  'otp.copyFailed': 'Tidak dapat menyalin otomatis. Pilih dan salin pesan di bawah.',
  'otp.shared': 'Pesan dibagikan.',
  'otp.message': 'Pesan untuk dikirim',
  'otp.inMessage':
    'Pesan ini berisi tautan masuk, login, dan kata sandi sementara (tidak pernah di dalam tautan). Kirim hanya kepada {name}, lewat percakapan pribadi.',
  'otp.close': 'Selesai, tutup',
  'reset.button': 'Atur ulang kata sandi',
  'reset.confirm':
    'Atur ulang kata sandi {name}? Semua perangkatnya akan dikeluarkan dan ia harus masuk dengan kata sandi sementara.',
  'reset.yes': 'Ya, atur ulang',
  'reset.cancel': 'Batal',
  'reset.mustChange': 'wajib ganti kata sandi',
} as const;

const en = {
  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.currentOneTime': 'Temporary password (from the local admin)',
  'password.new': 'New password',
  'password.newHint':
    'At least 10 characters. A few random words are easy to remember and hard to guess, e.g. "morning coffee at the market".',
  'password.repeat': 'Repeat the new password',
  'password.submit': 'Change password',
  'password.submitting': 'Changing…',
  'password.show': 'Show passwords',
  'password.done': 'Your password was changed. Other devices using this account were signed out.',
  'password.offline':
    'Changing the password needs a connection. What you typed stays here; tap again when you have signal.',
  'password.needCurrent': 'Enter your current password',
  'password.mismatch': 'The two new passwords differ',
  'forced.title': 'Choose your own password',
  'forced.intro':
    'You signed in with a temporary password from your local admin. Choose a new password only you know to continue.',
  'devices.title': 'Signed-in devices',
  'devices.intro': 'Your account is signed in on these devices. Sign out any you do not recognise.',
  'devices.loading': 'Loading the devices…',
  'devices.name': '{browser} on {os}',
  'devices.unknownBrowser': 'Browser',
  'devices.unknownOs': 'an unknown device',
  'devices.current': 'this device',
  'devices.signedInAt': 'Signed in {at}',
  'devices.lastUsed': 'last used {at}',
  'devices.signOut': 'Sign out',
  'devices.signOutOthers': 'Sign out all other devices',
  'devices.signedOut': { one: '{count} device signed out.', other: '{count} devices signed out.' },
  'devices.onlyThis': 'Only this device is signed in.',
  'devices.reload': 'Reload',
  'otp.generate': 'Generate a temporary password (recommended)',
  'otp.type': 'Type the initial password myself',
  'otp.choice': 'Initial password',
  'otp.typedHint': 'The account holder still has to change it at first sign-in.',
  'otp.title': 'Temporary password for {name}',
  'otp.once':
    'This password is shown only once. Send it now; the account holder must change it when signing in.',
  'otp.login': 'Email or phone number: {login}',
  'otp.password': 'Temporary password: {password}',
  'otp.share': 'Share the message',
  'otp.copy': 'Copy the message',
  'otp.copied': 'Message copied. Paste it into WhatsApp or SMS.',
  'otp.copyFailed': 'Could not copy automatically. Select and copy the message below.',
  'otp.shared': 'Message shared.',
  'otp.message': 'Message to send',
  'otp.inMessage':
    'This message holds the sign-in link, the login and the temporary password (never inside the link). Send it to {name} only, in a private chat.',
  'otp.close': 'Done, close',
  'reset.button': 'Reset password',
  'reset.confirm':
    'Reset the password of {name}? All their devices will be signed out and they must sign in with a temporary password.',
  'reset.yes': 'Yes, reset',
  'reset.cancel': 'Cancel',
  'reset.mustChange': 'must change password',
} satisfies Translation<typeof id>;

/** A password or device string in the current language, with `{name}` parameters filled in. */
export const st = defineStrings({ id, en });
export type SecurityStringKey = StringKey<typeof st>;
