import { describe, expect, it } from 'vitest';
import { OFFER_FROM_VISIT, parseMemory, shouldOfferInstall } from '../../../src/lib/pwa/install-offer';

describe('shouldOfferInstall', () => {
  it('offers from the second visit, only where the browser can install here, never after "Nanti saja"', () => {
    expect(OFFER_FROM_VISIT).toBe(2);
    expect(shouldOfferInstall({ visits: 1, dismissed: false }, 'prompt')).toBe(false);
    expect(shouldOfferInstall({ visits: 2, dismissed: false }, 'prompt')).toBe(true);
    expect(shouldOfferInstall({ visits: 5, dismissed: false }, 'ios')).toBe(true);
    expect(shouldOfferInstall({ visits: 5, dismissed: true }, 'prompt')).toBe(false);
    expect(shouldOfferInstall({ visits: 5, dismissed: false }, 'installed')).toBe(false);
    expect(shouldOfferInstall({ visits: 5, dismissed: false }, 'unavailable')).toBe(false);
  });
});

describe('parseMemory', () => {
  it('reads what was stored and starts afresh from anything malformed', () => {
    expect(parseMemory('{"visits":3,"dismissed":true}')).toEqual({ visits: 3, dismissed: true });
    expect(parseMemory(null)).toEqual({ visits: 0, dismissed: false });
    expect(parseMemory('not json')).toEqual({ visits: 0, dismissed: false });
    expect(parseMemory('{"visits":-2,"dismissed":"yes"}')).toEqual({ visits: 0, dismissed: false });
    expect(parseMemory('{"visits":2.7}')).toEqual({ visits: 2, dismissed: false });
  });
});
