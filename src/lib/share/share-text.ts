/**
 * Handing a message to the people it is for, where they talk (WhatsApp, SMS): the phone's share sheet when the
 * browser has one (`navigator.share`), else the clipboard, else nothing (the screen then shows the text to select
 * by hand). Call from a tap: browsers require a user gesture for both.
 */
export type ShareTextResult = 'shared' | 'cancelled' | 'copied' | 'failed';

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

/** Whether this browser opens a share sheet (else the button copies: its words say so). */
export function canShareText(nav: Navigator | undefined = globalThis.navigator): boolean {
  return typeof nav?.share === 'function';
}
