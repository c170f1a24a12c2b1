/**
 * Strings of the PWA parts (update prompt, connectivity, install, storage). Kept beside them rather than in the
 * app's message files so these parts stay self-contained; typed the same way: English must have every key.
 */
import { defineStrings, locale } from '../i18n/index.svelte';

const id = {
  'update.available': 'Versi baru tersedia.',
  'update.activated': 'Versi baru sudah aktif di tab lain. Muat ulang untuk memakainya.',
  'update.applying': 'Menyimpan perubahan, lalu memperbarui…',
  'update.failed': 'Pembaruan ditunda: perubahan belum tersimpan. {error}',
  'update.failedUnsaved':
    'Pembaruan ditunda: ada isian yang belum tersimpan. Periksa isian yang ditandai, lalu coba lagi.',
  'update.accept': 'Perbarui',
  'update.later': 'Nanti',
  'update.retry': 'Coba lagi',
  'net.online': 'Daring',
  'net.offline': 'Luring',
  'net.nowOnline': 'Tersambung kembali. Data akan disinkronkan.',
  'net.nowOnlineLocal': 'Tersambung kembali.',
  'net.syncFailed': 'Tersambung kembali, tetapi sinkronisasi gagal. Dicoba lagi otomatis.',
  'net.nowOffline': 'Tidak ada sambungan. Anda tetap bisa bekerja; semua tersimpan di perangkat ini.',
  'install.title': 'Pasang aplikasi',
  'install.button': 'Pasang aplikasi',
  'install.why': 'Pasang Rintis di layar utama agar bisa dibuka tanpa sinyal seperti aplikasi biasa.',
  'install.iosIntro': 'Di iPhone atau iPad (Safari):',
  'install.iosStep1': 'Ketuk tombol Bagikan (kotak dengan panah ke atas).',
  'install.iosStep2': 'Pilih “Tambahkan ke Layar Utama”, lalu “Tambah”.',
  'install.unavailable': 'Buka menu peramban lalu pilih “Pasang aplikasi” atau “Tambahkan ke layar utama”.',
  'offer.title': 'Pasang Rintis di ponsel ini',
  'offer.install': 'Pasang',
  'offer.dismiss': 'Nanti saja',
  'storage.title': 'Penyimpanan di perangkat ini',
  'storage.persistGranted':
    'Penyimpanan tetap: aktif. Peramban tidak akan menghapus data ini saat ruang sempit.',
  'storage.persistDenied':
    'Penyimpanan tetap: belum diberikan. Peramban bisa menghapus data bila ruang sempit; pasang aplikasi dan sinkronkan secara berkala.',
  'storage.persistUnsupported': 'Peramban ini tidak mendukung penyimpanan tetap.',
  'storage.persistUnknown': 'Memeriksa penyimpanan tetap…',
  'storage.persistAsk': 'Minta penyimpanan tetap',
  'storage.usage': 'Terpakai {used} dari {quota} yang tersedia untuk aplikasi ini.',
  'storage.usageUnknown': 'Peramban ini tidak melaporkan ruang yang terpakai.',
  'storage.refresh': 'Perbarui angka',
  'storage.version': 'Versi aplikasi: {version}',
  'storage.updateWaiting': 'Versi baru menunggu dipasang.',
  'evicted.title': 'Data lokal hilang',
  'evicted.body':
    'Data lokal di perangkat ini hilang/dihapus oleh peramban (ruang penyimpanan penuh atau data situs dibersihkan). Data yang sudah disinkronkan akan diambil lagi dari server setelah masuk; yang belum sempat disinkronkan tidak dapat dipulihkan.',
  'evicted.dismiss': 'Mengerti',
  'chunk.offline':
    'Bagian aplikasi ini belum tersimpan di perangkat dan tidak ada sambungan. Sambungkan ke internet sekali, lalu coba lagi.',
} as const;

const en = {
  'update.available': 'A new version is available.',
  'update.activated': 'A new version is already active in another tab. Reload to use it.',
  'update.applying': 'Saving your changes, then updating…',
  'update.failed': 'Update postponed: changes are not saved yet. {error}',
  'update.failedUnsaved':
    'Update postponed: some input is not saved yet. Check the marked fields, then try again.',
  'update.accept': 'Update',
  'update.later': 'Later',
  'update.retry': 'Try again',
  'net.online': 'Online',
  'net.offline': 'Offline',
  'net.nowOnline': 'Back online. Data will be synced.',
  'net.nowOnlineLocal': 'Back online.',
  'net.syncFailed': 'Back online, but the sync failed. It is retried automatically.',
  'net.nowOffline': 'No connection. You can keep working; everything is saved on this device.',
  'install.title': 'Install the app',
  'install.button': 'Install app',
  'install.why': 'Install Rintis on the home screen so it opens without a signal, like any other app.',
  'install.iosIntro': 'On iPhone or iPad (Safari):',
  'install.iosStep1': 'Tap the Share button (the square with an arrow pointing up).',
  'install.iosStep2': 'Choose “Add to Home Screen”, then “Add”.',
  'install.unavailable': 'Open the browser menu and choose “Install app” or “Add to Home screen”.',
  'offer.title': 'Install Rintis on this phone',
  'offer.install': 'Install',
  'offer.dismiss': 'Not now',
  'storage.title': 'Storage on this device',
  'storage.persistGranted':
    'Persistent storage: on. The browser will not delete this data when space runs low.',
  'storage.persistDenied':
    'Persistent storage: not granted. The browser may delete data when space runs low; install the app and sync regularly.',
  'storage.persistUnsupported': 'This browser does not support persistent storage.',
  'storage.persistUnknown': 'Checking persistent storage…',
  'storage.persistAsk': 'Ask for persistent storage',
  'storage.usage': '{used} used of {quota} available to this app.',
  'storage.usageUnknown': 'This browser does not report the space used.',
  'storage.refresh': 'Refresh figures',
  'storage.version': 'App version: {version}',
  'storage.updateWaiting': 'A new version is waiting to be installed.',
  'evicted.title': 'Local data lost',
  'evicted.body':
    'The local data on this device was lost or deleted by the browser (storage full or site data cleared). Data already synced will come back from the server after you sign in; anything not yet synced cannot be recovered.',
  'evicted.dismiss': 'Understood',
  'chunk.offline':
    'This part of the app is not stored on this device yet and there is no connection. Connect to the internet once, then try again.',
} satisfies Record<keyof typeof id, string>;

/** A PWA string in the current language, with `{name}` parameters filled in. */
export const pt = defineStrings({ id, en });

export function currentLang(): 'id' | 'en' {
  return locale.current;
}
