/**
 * Strings of the attachment feature, kept beside its components. Indonesian is the source; English must have
 * every key.
 */
import { defineStrings, locale } from '../../lib/i18n/index.svelte';
import { formatBytes } from '../../lib/pwa/storage';

export const id = {
  attachments: 'Lampiran',
  sessionTitle: 'Foto dan dokumen sesi',
  sectionAttachments: 'Lampiran bagian ini ({count})',
  itemAttachments: 'Bukti lampiran ({count})',
  requiredTitle: 'Lampiran wajib',
  requiredHint: '{format}, maks. {max}',
  requiredAttached: 'Sudah dilampirkan',
  requiredMissing: 'Belum dilampirkan',
  takePhoto: 'Ambil foto',
  chooseFile: 'Pilih foto atau berkas',
  choosePdf: 'Pilih berkas PDF',
  none: 'Belum ada lampiran.',
  working: 'Memproses {name}…',
  sizes: 'Asli {original}, disimpan {stored}',
  size: '{stored}',
  stateLocal: 'Hanya di perangkat ini',
  stateQueued: 'Menunggu diunggah',
  stateUploading: 'Mengunggah {percent}%',
  stateUploaded: 'Terunggah',
  stateFailed: 'Gagal diunggah',
  stateRemote: 'Di server, belum diunduh',
  open: 'Buka {name}',
  download: 'Unduh ({size})',
  downloading: 'Mengunduh…',
  retry: 'Coba lagi',
  remove: 'Hapus {name}',
  removed: 'Lampiran dihapus',
  thumbnailAlt: 'Gambar kecil {name}',
  storageTitle: 'Ruang lampiran di perangkat ini',
  storageUsage: { other: 'Lampiran memakai {bytes} ({count} berkas).' },
  storageWaiting: { other: '{count} berkas belum diunggah dan tetap disimpan.' },
  storageDroppable: { other: '{bytes} ({count} berkas) sudah aman di server.' },
  storageFree: 'Kosongkan {bytes}',
  storageFreeHint:
    'Berkas asli yang sudah terunggah dihapus dari perangkat ini; gambar kecil tetap ada dan berkas bisa diunduh lagi kapan saja.',
  storageFreed: { other: '{bytes} dibebaskan ({count} berkas).' },
  storageNothing: 'Belum ada lampiran di perangkat ini.',
  signInToDownload: 'Masuk untuk mengunduh lampiran dari server.',
};

export const at = defineStrings({ id, en: 'attachments' });

export const bytes = (n: number): string => formatBytes(n, locale.current === 'en' ? 'en' : 'id');
