/** Strings of the share buttons. Indonesian is the source; English must have every key. */
import { defineStrings } from '../i18n/index.svelte';

export const id = {
  share: 'Bagikan',
  copy: 'Salin pesan',
  shareLabel: 'Bagikan: {what}',
  copyLabel: 'Salin pesan: {what}',
  copied: 'Tersalin. Tempel di WhatsApp atau SMS.',
  failed: 'Tidak dapat menyalin otomatis. Pilih dan salin pesan ini:',
  message: 'Pesan untuk dibagikan',
  draft: 'proposal ini',
};

export const sht = defineStrings({ id, en: 'share' });
