/**
 * Access tokens: the signature check and the cache of tokens already checked (a phone sends the same token with
 * every request for 15 minutes). The cache must never accept what the check would refuse: an expired token, a
 * token signed with another secret, a tampered one; and made-up tokens must not fill it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ACCESS_TOKEN_TTL_MS,
  VERIFIED_TOKENS_MAX,
  signAccessToken,
  verifiedTokenCount,
  verifyAccessToken,
} from '../../src/server/auth/tokens';

const SECRET = 'secret-of-the-test-1234567890abcdef';
const claims = { userId: 'u-1', tenantId: 't-1', generation: 2, familyId: 'f-1' };

afterEach(() => {
  vi.useRealTimers();
});

describe('verifyAccessToken', () => {
  it('accepts a good token again and again with the same claims', async () => {
    const { token, expiresAt } = await signAccessToken(SECRET, claims);
    const first = await verifyAccessToken(SECRET, token);
    const again = await verifyAccessToken(SECRET, token);
    expect(first).toEqual({ ok: true, claims, expiresAt: Math.floor(expiresAt / 1000) * 1000 });
    expect(again).toEqual(first);
  });

  it('refuses a checked token once it expires, as the check does', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    vi.setSystemTime(start);
    const { token } = await signAccessToken(SECRET, claims);
    expect((await verifyAccessToken(SECRET, token)).ok).toBe(true);
    vi.setSystemTime(start + ACCESS_TOKEN_TTL_MS + 1000);
    expect(await verifyAccessToken(SECRET, token)).toEqual({ ok: false, reason: 'expired' });
    // And stays refused (nothing cached it back).
    expect(await verifyAccessToken(SECRET, token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a checked token under another secret, and a tampered one', async () => {
    const { token } = await signAccessToken(SECRET, claims);
    expect((await verifyAccessToken(SECRET, token)).ok).toBe(true);
    expect(await verifyAccessToken(`${SECRET}-rotated`, token)).toEqual({ ok: false, reason: 'invalid' });
    const [head, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), tid: 't-2' }),
    ).toString('base64url');
    expect(await verifyAccessToken(SECRET, `${head}.${forged}.${signature}`)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('keeps only tokens that passed, and no more than its bound', async () => {
    const before = verifiedTokenCount();
    for (let i = 0; i < 50; i++) {
      expect((await verifyAccessToken(SECRET, `made.up.token${i}`)).ok).toBe(false);
    }
    expect(verifiedTokenCount()).toBe(before);

    const tokens: string[] = [];
    for (let i = 0; i < VERIFIED_TOKENS_MAX + 10; i++) {
      tokens.push((await signAccessToken(SECRET, { ...claims, userId: `u-${i}` })).token);
    }
    for (const token of tokens) expect((await verifyAccessToken(SECRET, token)).ok).toBe(true);
    expect(verifiedTokenCount()).toBe(VERIFIED_TOKENS_MAX);
    // The first ones were let go, and are still accepted by the check itself.
    expect(await verifyAccessToken(SECRET, tokens[0]!)).toMatchObject({
      ok: true,
      claims: { userId: 'u-0' },
    });
  }, 60_000);
});
