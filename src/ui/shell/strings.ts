/**
 * Strings of the bars (navigation, header, account menu), beside them like the other features' strings; English
 * must have every key. Destination labels live with the destinations (destinations.ts).
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

export const id = {
  'nav.label': 'Navigasi utama',
  'nav.more': 'Lainnya',
  'account.button': 'Akun: {name}',
  'account.buttonReauth': 'Akun: {name}, sinkronisasi terjeda',
  'account.page': 'Akun',
  'account.signOut': 'Keluar',
  'account.signIn': 'Masuk',
  'account.reauth': 'Masuk lagi',
  'account.reauthHint': 'Sinkronisasi terjeda sampai Anda masuk lagi. Semua yang Anda tulis tetap tersimpan.',
  close: 'Tutup',
} as const;

export const sh = defineStrings({ id, en: 'shell' });
