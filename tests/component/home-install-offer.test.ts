/**
 * Home's install offer: visits counted once per tab session (reloads do not count), offered from the second
 * visit where the browser can install (Android's prompt, the two iOS steps), never once installed (display-mode
 * standalone or the appinstalled event), and never again after "Nanti saja" or a closed install dialog.
 */
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Install } from '../../src/lib/pwa/install.svelte';
import { install as appInstall } from '../../src/lib/pwa/install.svelte';
import { InstallOffer } from '../../src/lib/pwa/install-offer.svelte';
import InstallOfferView from '../../src/ui/pwa/InstallOffer.svelte';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

/** What Chrome dispatches: an event whose prompt() shows the install dialog and whose userChoice settles. */
function installPromptEvent(outcome: 'accepted' | 'dismissed') {
  const calls: string[] = [];
  const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
    prompt: () => {
      calls.push('prompt');
      return Promise.resolve();
    },
    userChoice: Promise.resolve({ outcome }),
  });
  return { event, calls };
}

/** A storage that lives as long as the test says: the device's (local) and one per tab session. */
class MemoryStorage {
  #items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
}

const ua = Object.getOwnPropertyDescriptor(Navigator.prototype, 'userAgent');
const matchMedia = Object.getOwnPropertyDescriptor(window, 'matchMedia');

describe('install offer: the rule and its memory', () => {
  let install = new Install();
  let device = new MemoryStorage();
  let tab = new MemoryStorage();
  beforeEach(() => {
    install = new Install();
    device = new MemoryStorage();
  });
  /** A visit in a new tab (or after the app was closed): a new tab session, the same device. */
  const visit = () => {
    tab = new MemoryStorage();
    const offer = new InstallOffer({ install, local: () => device, session: () => tab });
    offer.countVisit();
    return offer;
  };

  afterEach(() => {
    install.stop();
    if (ua) Object.defineProperty(Navigator.prototype, 'userAgent', ua);
    if (matchMedia) Object.defineProperty(window, 'matchMedia', matchMedia);
    else delete (window as { matchMedia?: unknown }).matchMedia;
  });

  it('counts one visit per tab session, offers from the second, and remembers "Nanti saja"', async () => {
    install.start();
    window.dispatchEvent(installPromptEvent('dismissed').event);
    const first = visit();
    expect(first.visits).toBe(1);
    expect(first.visible).toBe(false);
    // A reload is the same tab session: still the first visit.
    first.countVisit();
    expect(first.visits).toBe(1);
    const again = new InstallOffer({ install, local: () => device, session: () => tab });
    again.countVisit();
    expect(again.visits).toBe(1);

    const second = visit();
    expect(second.visits).toBe(2);
    expect(second.visible).toBe(true);
    render(InstallOfferView, { offer: second });
    const offer = screen.getByTestId('install-offer');
    expect(within(offer).getByRole('heading', { name: 'Pasang Rintis di ponsel ini' })).toBeInTheDocument();
    await userEvent.click(within(offer).getByRole('button', { name: 'Nanti saja' }));
    expect(screen.queryByTestId('install-offer')).toBeNull();
    // Remembered on the device: not on the next visits either.
    expect(visit().visible).toBe(false);
    expect(visit().visits).toBe(4);
  });

  it('replays the browser prompt on "Pasang"; a closed dialog is not asked again', async () => {
    install.start();
    const { event, calls } = installPromptEvent('dismissed');
    window.dispatchEvent(event);
    visit();
    const offer = visit();
    render(InstallOfferView, { offer });
    await userEvent.click(screen.getByRole('button', { name: 'Pasang' }));
    expect(calls).toEqual(['prompt']);
    expect(screen.queryByTestId('install-offer')).toBeNull();
    // Chrome fires a new prompt event later: still not offered again.
    window.dispatchEvent(installPromptEvent('accepted').event);
    expect(visit().visible).toBe(false);
  });

  it('is gone once installed, and never offered where the app already runs installed', () => {
    install.start();
    window.dispatchEvent(installPromptEvent('accepted').event);
    visit();
    const offer = visit();
    render(InstallOfferView, { offer });
    expect(screen.getByTestId('install-offer')).toBeInTheDocument();
    window.dispatchEvent(new Event('appinstalled'));
    flushSync();
    expect(screen.queryByTestId('install-offer')).toBeNull();

    // Opened from the home screen icon: display-mode standalone.
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (query: string) => ({ matches: query === '(display-mode: standalone)' }),
    });
    install.start();
    expect(visit().visible).toBe(false);
  });

  it('on iOS shows the two steps, Share then "Tambahkan ke Layar Utama"; elsewhere without a prompt, nothing', () => {
    install.start();
    visit();
    expect(visit().visible).toBe(false); // no prompt event, not iOS: nothing to offer on home
    Object.defineProperty(Navigator.prototype, 'userAgent', {
      configurable: true,
      get: () => 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1',
    });
    install.start();
    render(InstallOfferView, { offer: visit() });
    const steps = within(screen.getByTestId('install-offer'))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(steps[0]).toContain('Bagikan');
    expect(steps[1]).toContain('Tambahkan ke Layar Utama');
    expect(screen.queryByRole('button', { name: 'Pasang' })).toBeNull();
  });
});

describe('install offer on home', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    teardown();
    sessionStorage.clear();
  });

  it('appears on the second visit, below what waits, and stays away after "Nanti saja"', async () => {
    await freshWorkspace();
    const firstVisit = renderApp('/');
    await screen.findByRole('region', { name: 'Sesi terakhir' });
    window.dispatchEvent(installPromptEvent('dismissed').event);
    flushSync();
    expect(appInstall.mode).toBe('prompt');
    expect(screen.queryByTestId('install-offer')).toBeNull();
    firstVisit.unmount();

    // The next day, a new tab: the second visit.
    sessionStorage.clear();
    const secondVisit = renderApp('/');
    window.dispatchEvent(installPromptEvent('dismissed').event);
    const offer = await screen.findByTestId('install-offer');
    await userEvent.click(within(offer).getByRole('button', { name: 'Nanti saja' }));
    await waitFor(() => expect(screen.queryByTestId('install-offer')).toBeNull());
    secondVisit.unmount();

    sessionStorage.clear();
    renderApp('/');
    window.dispatchEvent(installPromptEvent('dismissed').event);
    await screen.findByRole('region', { name: 'Sesi terakhir' });
    expect(screen.queryByTestId('install-offer')).toBeNull();
  });
});
