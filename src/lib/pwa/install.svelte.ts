/**
 * "Pasang aplikasi": Chrome-family browsers fire `beforeinstallprompt`, which we keep and replay on the button;
 * iOS Safari has no such event, so the panel shows the two manual steps instead. Hidden once installed.
 */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type InstallMode = 'installed' | 'prompt' | 'ios' | 'unavailable';

export function isStandalone(): boolean {
  const nav = navigator as Navigator & { standalone?: boolean };
  return window.matchMedia?.('(display-mode: standalone)').matches === true || nav.standalone === true;
}

export function isIos(userAgent: string, maxTouchPoints = 0): boolean {
  // iPadOS 13+ reports itself as a Mac: tell it apart by touch.
  return /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
}

export class Install {
  #deferred = $state<BeforeInstallPromptEvent | null>(null);
  #installed = $state(false);
  #ios = $state(false);
  #stop: (() => void) | null = null;

  get mode(): InstallMode {
    if (this.#installed) return 'installed';
    if (this.#deferred) return 'prompt';
    if (this.#ios) return 'ios';
    return 'unavailable';
  }

  start(): void {
    this.stop();
    this.#installed = isStandalone();
    this.#ios = isIos(navigator.userAgent, navigator.maxTouchPoints);
    const onPrompt = (e: Event) => {
      e.preventDefault(); // keep it for our own button instead of the browser's mini-infobar
      this.#deferred = e as BeforeInstallPromptEvent;
    };
    const onInstalled = () => {
      this.#installed = true;
      this.#deferred = null;
    };
    window.addEventListener('beforeinstallprompt', onPrompt);
    window.addEventListener('appinstalled', onInstalled);
    this.#stop = () => {
      window.removeEventListener('beforeinstallprompt', onPrompt);
      window.removeEventListener('appinstalled', onInstalled);
    };
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }

  async prompt(): Promise<void> {
    const event = this.#deferred;
    if (!event) return;
    await event.prompt();
    const { outcome } = await event.userChoice;
    // A prompt event can be used once; Chrome fires a new one later if the user dismissed it.
    this.#deferred = null;
    if (outcome === 'accepted') this.#installed = true;
  }
}

export const install = new Install();
