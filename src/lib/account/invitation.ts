/**
 * The message a coordinator sends a person after creating their account or resetting their password: the
 * sign-in link (this app's own origin, so it works for whichever regency runs the server), the login, and the
 * one-time password. The password is only ever in this text, never in a link (links end up in chat previews,
 * browser history and server logs); the coordinator chooses to send it, and the screen says the message holds it.
 * In the language of the coordinator's screen (Indonesian unless they chose English).
 */
import { paths } from '../router/routes';
import { deepLink, type MessageLang } from '../share/messages';

export { shareText, type ShareTextResult } from '../share/share-text';

export interface Invitation {
  name: string;
  /** Email or phone number, as the person signs in with it. */
  login: string;
  oneTimePassword: string;
  /** The app's origin, e.g. https://rintis.lutimkab.go.id */
  origin: string;
  kind: 'new' | 'reset';
  lang?: MessageLang;
}

const WORDS = {
  id: {
    new: 'Halo {name}, akun Rintis Anda sudah dibuat.',
    reset: 'Halo {name}, kata sandi akun Rintis Anda sudah diatur ulang.',
    link: 'Masuk di: {link}',
    login: 'Email/nomor HP: {login}',
    password: 'Kata sandi sementara: {password}',
    change:
      'Saat pertama masuk, Anda akan diminta membuat kata sandi baru. Jangan bagikan kata sandi ini kepada orang lain.',
  },
  en: {
    new: 'Hello {name}, your Rintis account has been created.',
    reset: 'Hello {name}, the password of your Rintis account has been reset.',
    link: 'Sign in at: {link}',
    login: 'Email/phone number: {login}',
    password: 'Temporary password: {password}',
    change: 'When you first sign in, you will be asked to choose a new password. Do not share this password.',
  },
} as const;

export function invitationText({
  name,
  login,
  oneTimePassword,
  origin,
  kind,
  lang = 'id',
}: Invitation): string {
  const words = WORDS[lang];
  const values: Record<string, string> = {
    name,
    link: deepLink(origin, paths.signIn()),
    login,
    password: oneTimePassword,
  };
  // A function replacement: a name or password with `$&` in it is copied as typed.
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  return [words[kind], words.link, words.login, words.password, words.change].map(fill).join('\n');
}
