import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { sha256Hex } from '../../../src/lib/attachments/hash';

describe('content addresses (SHA-256, Web Crypto)', () => {
  it('matches the known vectors', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await sha256Hex(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('gives the same address for the same bytes however they come (Blob, ArrayBuffer), and differs on one bit', async () => {
    const bytes = randomBytes(700_000);
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(await sha256Hex(new Blob([bytes]))).toBe(expected);
    expect(await sha256Hex(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))).toBe(
      expected,
    );
    const flipped = Uint8Array.from(bytes);
    flipped[123_456] = (flipped[123_456] ?? 0) ^ 1;
    expect(await sha256Hex(flipped)).not.toBe(expected);
  });
});
