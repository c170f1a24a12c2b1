/** Strings of the share buttons. Indonesian is the source; English must have every key. */
import { defineStrings } from '../i18n/index.svelte';

const id = {
  share: 'Bagikan',
  copy: 'Salin pesan',
  shareLabel: 'Bagikan: {what}',
  copyLabel: 'Salin pesan: {what}',
  copied: 'Tersalin. Tempel di WhatsApp atau SMS.',
  failed: 'Tidak dapat menyalin otomatis. Pilih dan salin pesan ini:',
  message: 'Pesan untuk dibagikan',
  draft: 'proposal ini',
};

const en: Record<keyof typeof id, string> = {
  share: 'Share',
  copy: 'Copy message',
  shareLabel: 'Share: {what}',
  copyLabel: 'Copy message: {what}',
  copied: 'Copied. Paste it into WhatsApp or SMS.',
  failed: 'Could not copy automatically. Select and copy this message:',
  message: 'Message to share',
  draft: 'this proposal',
};

export const sht = defineStrings({ id, en });
