/**
 * The message a coordinator sends a person with their one-time password (new account or reset), always in
 * Indonesian: it goes to the person, whose language the coordinator's screen does not know. The sign-in link is
 * this app's own origin, so it works for whichever regency runs the server.
 */
export interface Invitation {
  name: string;
  /** Email or phone number, as the person signs in with it. */
  login: string;
  oneTimePassword: string;
  /** The app's origin, e.g. https://rintis.lutimkab.go.id */
  origin: string;
  kind: 'new' | 'reset';
}

export function invitationText({ name, login, oneTimePassword, origin, kind }: Invitation): string {
  const opening =
    kind === 'new'
      ? `Halo ${name}, akun Rintis Anda sudah dibuat.`
      : `Halo ${name}, kata sandi akun Rintis Anda sudah diatur ulang.`;
  return [
    opening,
    `Masuk di: ${origin}/masuk`,
    `Email/nomor HP: ${login}`,
    `Kata sandi sementara: ${oneTimePassword}`,
    'Saat pertama masuk, Anda akan diminta membuat kata sandi baru. Jangan bagikan kata sandi ini kepada orang lain.',
  ].join('\n');
}

export type ShareTextResult = 'shared' | 'cancelled' | 'copied' | 'failed';

/**
 * Opens the share sheet with the text (WhatsApp, SMS…); where there is none, copies it. Call from a tap:
 * browsers require a user gesture. 'failed': neither worked, the screen shows the text to select by hand.
 */
export async function shareText(
  text: string,
  copy: (text: string) => Promise<boolean>,
  nav: Navigator | undefined = globalThis.navigator,
): Promise<ShareTextResult> {
  if (typeof nav?.share === 'function') {
    try {
      await nav.share({ text });
      return 'shared';
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return 'cancelled';
      // Refused (not allowed here): copying below still helps.
    }
  }
  return (await copy(text)) ? 'copied' : 'failed';
}
