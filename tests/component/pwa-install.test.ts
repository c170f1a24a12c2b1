import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { Install } from '../../src/lib/pwa/install.svelte';
import InstallPanel from '../../src/ui/pwa/InstallPanel.svelte';

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

describe('install panel', () => {
  const install = new Install();
  const ua = Object.getOwnPropertyDescriptor(Navigator.prototype, 'userAgent');
  afterEach(() => {
    install.stop();
    if (ua) Object.defineProperty(Navigator.prototype, 'userAgent', ua);
  });

  it('replays the browser install prompt on "Pasang aplikasi" and hides once installed', async () => {
    install.start();
    render(InstallPanel, { install });
    expect(screen.queryByRole('button', { name: 'Pasang aplikasi' })).toBeNull();
    const { event, calls } = installPromptEvent('accepted');
    window.dispatchEvent(event);
    flushSync();
    expect(event.defaultPrevented).toBe(true); // no mini-infobar: our button instead
    await userEvent.click(screen.getByRole('button', { name: 'Pasang aplikasi' }));
    expect(calls).toEqual(['prompt']);
    expect(screen.queryByTestId('install-panel')).toBeNull();
  });

  it('shows the two iOS steps where there is no install prompt', () => {
    Object.defineProperty(Navigator.prototype, 'userAgent', {
      configurable: true,
      get: () => 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1',
    });
    install.start();
    render(InstallPanel, { install });
    const steps = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(steps[0]).toContain('Bagikan');
    expect(steps[1]).toContain('Tambahkan ke Layar Utama');
  });

  it('is hidden after the appinstalled event', () => {
    install.start();
    render(InstallPanel, { install });
    expect(screen.getByTestId('install-panel')).toBeInTheDocument();
    window.dispatchEvent(new Event('appinstalled'));
    flushSync();
    expect(screen.queryByTestId('install-panel')).toBeNull();
  });
});
