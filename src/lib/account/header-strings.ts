/**
 * The three strings the header's account link needs, apart from strings.ts so the first screen's JavaScript
 * does not carry every account screen's text.
 */
import { locale } from '../i18n/index.svelte';

const STRINGS = {
  signIn: { id: 'Masuk', en: 'Sign in' },
  reauth: { id: 'Masuk lagi', en: 'Sign in again' },
  account: { id: 'Akun: {name}', en: 'Account: {name}' },
} as const;

export function headerText(key: keyof typeof STRINGS, name = ''): string {
  return STRINGS[key][locale.current].replace('{name}', name);
}
