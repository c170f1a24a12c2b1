/** The per-account sign-in delay: free at first, then doubling, capped; never a fixed lock. */
import { describe, expect, it } from 'vitest';
import {
  SIGN_IN_BASE_DELAY_MS,
  SIGN_IN_FREE_FAILURES,
  SIGN_IN_MAX_DELAY_MS,
  signInDelayMs,
} from '../../../src/shared/signInLimits';

describe('signInDelayMs', () => {
  it('lets the first failures through without waiting', () => {
    for (let f = 0; f < SIGN_IN_FREE_FAILURES; f++) expect(signInDelayMs(f)).toBe(0);
  });

  it('then doubles the wait with each failure, up to the cap', () => {
    const waits = [0, 1, 2, 3, 4, 5, 10].map((k) => signInDelayMs(SIGN_IN_FREE_FAILURES + k));
    expect(waits).toEqual([
      SIGN_IN_BASE_DELAY_MS,
      2 * SIGN_IN_BASE_DELAY_MS,
      4 * SIGN_IN_BASE_DELAY_MS,
      8 * SIGN_IN_BASE_DELAY_MS,
      SIGN_IN_MAX_DELAY_MS,
      SIGN_IN_MAX_DELAY_MS,
      SIGN_IN_MAX_DELAY_MS,
    ]);
  });
});
