/**
 * Strings of the PWA parts (update prompt, connectivity, install, storage). Kept beside them rather than in the
 * app's message files so these parts stay self-contained; typed the same way: English must have every key.
 */
import { defineStrings, locale } from '../i18n/index.svelte';

export const id = {
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

/** A PWA string in the current language, with `{name}` parameters filled in. */
export const pt = defineStrings({ id, en: 'pwa' });

export function currentLang(): 'id' | 'en' {
  return locale.current;
}
