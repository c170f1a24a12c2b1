/**
 * When home offers to install the app: from the person's second visit (they came back: the app is worth a place
 * on the home screen), only where the browser can install it right there (Android's prompt, or the two iOS
 * steps), never once installed, and never again after "Nanti saja". Pure; the state is install-offer.svelte.ts.
 */
import type { InstallMode } from './install.svelte';

/** The visit from which home offers the install. */
export const OFFER_FROM_VISIT = 2;

/** What is remembered on the phone (localStorage: it is the device's, whoever signs in). */
export interface InstallOfferMemory {
  /** Visits so far: one per browser tab session that opens home, however many reloads. */
  visits: number;
  /** "Nanti saja", or the browser's own install dialog closed without installing. */
  dismissed: boolean;
}

export const FRESH_MEMORY: InstallOfferMemory = { visits: 0, dismissed: false };

export function shouldOfferInstall(memory: InstallOfferMemory, mode: InstallMode): boolean {
  return memory.visits >= OFFER_FROM_VISIT && !memory.dismissed && (mode === 'prompt' || mode === 'ios');
}

/** Reads the remembered value, forgiving anything malformed (a fresh start rather than an error). */
export function parseMemory(raw: string | null): InstallOfferMemory {
  try {
    const value = JSON.parse(raw ?? 'null') as Partial<InstallOfferMemory> | null;
    return {
      visits: typeof value?.visits === 'number' && value.visits >= 0 ? Math.floor(value.visits) : 0,
      dismissed: value?.dismissed === true,
    };
  } catch {
    return { ...FRESH_MEMORY };
  }
}
