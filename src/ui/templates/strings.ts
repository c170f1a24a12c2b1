/**
 * Strings of the template screens (moving a draft to a newer template, extra sections), kept beside them.
 * Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

export const id = {
  newer: 'Templat yang lebih baru sudah aktif: {title} (tahun {year}).',
  move: 'Pindahkan ke templat baru',
  mapTitle: 'Ke mana isi tiap bagian dipindahkan',
  mapHint:
    'Bagian yang kuncinya sama dipindahkan ke bagian yang sama. Tidak ada teks yang hilang: bagian yang tidak dipetakan tetap tersimpan sebagai bagian tambahan.',
  mapLabel: 'Isi bagian {section}',
  keepExtra: 'Simpan sebagai bagian tambahan',
  confirm: 'Pindahkan sekarang',
  cancel: 'Batal',
  moved: 'Proposal dipindahkan ke {title}.',
  failed: 'Gagal memindahkan: {error}',
  extrasTitle: 'Bagian tambahan',
  extrasHint:
    'Teks dari templat sebelumnya yang tidak punya tempat di templat ini. Salin ke bagian yang sesuai bila perlu.',
};

export const tt = defineStrings({ id, en: 'templates' });
