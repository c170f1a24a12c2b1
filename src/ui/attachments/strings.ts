/**
 * Strings of the attachment feature, kept beside its components. Indonesian is the source; English must have
 * every key.
 */
import { defineStrings, locale } from '../../lib/i18n/index.svelte';
import { formatBytes } from '../../lib/pwa/storage';
import type { Translation } from '../../shared/format';

const id = {
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

const en = {
  attachments: 'Attachments',
  sessionTitle: 'Session photos and documents',
  sectionAttachments: 'Attachments of this section ({count})',
  itemAttachments: 'Evidence attachments ({count})',
  requiredTitle: 'Required attachments',
  requiredHint: '{format}, max. {max}',
  requiredAttached: 'Attached',
  requiredMissing: 'Not attached yet',
  takePhoto: 'Take a photo',
  chooseFile: 'Choose a photo or file',
  choosePdf: 'Choose a PDF file',
  none: 'No attachments yet.',
  working: 'Processing {name}…',
  sizes: 'Original {original}, stored {stored}',
  size: '{stored}',
  stateLocal: 'Only on this phone',
  stateQueued: 'Waiting to upload',
  stateUploading: 'Uploading {percent}%',
  stateUploaded: 'Uploaded',
  stateFailed: 'Upload failed',
  stateRemote: 'On the server, not downloaded',
  open: 'Open {name}',
  download: 'Download ({size})',
  downloading: 'Downloading…',
  retry: 'Try again',
  remove: 'Delete {name}',
  removed: 'Attachment deleted',
  thumbnailAlt: 'Thumbnail of {name}',
  storageTitle: 'Attachment space on this phone',
  storageUsage: {
    one: 'Attachments take {bytes} ({count} file).',
    other: 'Attachments take {bytes} ({count} files).',
  },
  storageWaiting: {
    one: '{count} file is not uploaded yet and stays stored.',
    other: '{count} files are not uploaded yet and stay stored.',
  },
  storageDroppable: {
    one: '{bytes} ({count} file) is safe on the server.',
    other: '{bytes} ({count} files) are safe on the server.',
  },
  storageFree: 'Free {bytes}',
  storageFreeHint:
    'Uploaded originals are removed from this phone; thumbnails stay and files can be downloaded again at any time.',
  storageFreed: { one: '{bytes} freed ({count} file).', other: '{bytes} freed ({count} files).' },
  storageNothing: 'No attachments on this phone yet.',
  signInToDownload: 'Sign in to download attachments from the server.',
} satisfies Translation<typeof id>;

export const at = defineStrings({ id, en });

export const bytes = (n: number): string => formatBytes(n, locale.current === 'en' ? 'en' : 'id');
