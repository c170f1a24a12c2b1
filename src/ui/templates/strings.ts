/**
 * Strings of the template screens (moving a draft to a newer template, extra sections), kept beside them.
 * Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

const id = {
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

const en: typeof id = {
  newer: 'A newer template is active: {title} (year {year}).',
  move: 'Move to the new template',
  mapTitle: 'Where each section goes',
  mapHint:
    'Sections with the same key go to the same section. No text is lost: a section you do not map is kept as an extra section.',
  mapLabel: 'Text of the section {section}',
  keepExtra: 'Keep as an extra section',
  confirm: 'Move now',
  cancel: 'Cancel',
  moved: 'The proposal now uses {title}.',
  failed: 'Could not move: {error}',
  extrasTitle: 'Extra sections',
  extrasHint:
    'Text from the earlier template that has no place in this one. Copy it to the right section if needed.',
};

export const tt = defineStrings({ id, en });
