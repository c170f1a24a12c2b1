/**
 * Strings of the bars (navigation, header, account menu), beside them like the other features' strings; English
 * must have every key. Destination labels live with the destinations (destinations.ts).
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

const id = {
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

const en = {
  'nav.label': 'Main navigation',
  'nav.more': 'More',
  'account.button': 'Account: {name}',
  'account.buttonReauth': 'Account: {name}, sync paused',
  'account.page': 'Account',
  'account.signOut': 'Sign out',
  'account.signIn': 'Sign in',
  'account.reauth': 'Sign in again',
  'account.reauthHint': 'Sync is paused until you sign in again. Everything you write stays saved.',
  close: 'Close',
} satisfies Record<keyof typeof id, string>;

export const sh = defineStrings({ id, en });
