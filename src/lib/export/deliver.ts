/**
 * Getting text and files out of the app: the clipboard (for pasting into the national portal) and the phone's
 * share sheet, each with a fallback for browsers without them.
 */

/** Copies text; falls back to a hidden textarea + `execCommand('copy')` where the Clipboard API is missing or refused. */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, insecure context): try the old way below.
    }
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  const previous = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  doc.body.append(area);
  area.focus();
  area.select();
  try {
    // execCommand is deprecated but remains the only copy path on old Android WebViews.
    return typeof doc.execCommand === 'function' && doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    // Focus goes back to the button that was pressed, so keyboard and screen-reader users stay in place.
    previous?.focus();
  }
}

/** Whether this browser can hand this file to the share sheet (Web Share API level 2). */
export function canShareFile(file: File, nav: Navigator | undefined = globalThis.navigator): boolean {
  try {
    return (
      typeof nav?.share === 'function' &&
      typeof nav.canShare === 'function' &&
      nav.canShare({ files: [file] })
    );
  } catch {
    return false;
  }
}

export type ShareResult = 'shared' | 'cancelled' | { error: string };

/** Opens the share sheet with the file. Call from a click: browsers require a user gesture. */
export async function shareFile(
  file: File,
  title: string,
  nav: Navigator = globalThis.navigator,
): Promise<ShareResult> {
  try {
    await nav.share({ files: [file], title });
    return 'shared';
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') return 'cancelled';
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
