/** English strings of `strings.ts`: in the lazily loaded English chunk (src/lib/i18n/english.ts). */
import type { id } from './strings';

export const en = {
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
