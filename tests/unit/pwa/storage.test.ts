import { describe, expect, it } from 'vitest';
import { describeStorageError, formatBytes, isQuotaError } from '../../../src/lib/pwa/storage';
import { isIos } from '../../../src/lib/pwa/install.svelte';
import { describeChunkError } from '../../../src/lib/pwa/chunks';

describe('describeStorageError', () => {
  it('recognises a plain QuotaExceededError', () => {
    const err = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const info = describeStorageError(err);
    expect(info.kind).toBe('quota');
    expect(info.id).toMatch(/penuh/);
    expect(info.en).toMatch(/full/);
  });

  it('recognises a quota error wrapped by Dexie (inner) and by an aborted transaction (cause)', () => {
    const inner = new DOMException('x', 'QuotaExceededError');
    const dexie = Object.assign(new Error('AbortError'), { name: 'AbortError', inner });
    expect(isQuotaError(dexie)).toBe(true);
    const viaCause = new Error('Transaction aborted', { cause: { name: 'NS_ERROR_DOM_QUOTA_REACHED' } });
    expect(isQuotaError(viaCause)).toBe(true);
  });

  it('tells "storage unavailable" apart from other failures, always in both languages', () => {
    expect(
      describeStorageError(Object.assign(new Error('closed'), { name: 'DatabaseClosedError' })).kind,
    ).toBe('unavailable');
    const other = describeStorageError(new Error('boom'));
    expect(other.kind).toBe('unknown');
    expect(other.id).toContain('boom');
    expect(other.en).toContain('boom');
    expect(isQuotaError(new Error('boom'))).toBe(false);
  });
});

describe('formatBytes', () => {
  it('uses the locale decimal mark', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536, 'id')).toBe('1,5 KB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 ** 3, 'en')).toBe('3 GB');
  });
});

describe('isIos', () => {
  it('detects iPhone and iPadOS (which reports a Mac with touch)', () => {
    expect(isIos('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)')).toBe(true);
    expect(isIos('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', 5)).toBe(true);
    expect(isIos('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', 0)).toBe(false);
    expect(isIos('Mozilla/5.0 (Linux; Android 10; K)')).toBe(false);
  });
});

describe('describeChunkError', () => {
  it('explains a lazy screen that could not be fetched, in the current language', () => {
    const err = new TypeError(
      'Failed to fetch dynamically imported module: http://x/assets/DraftScreen-abc.js',
    );
    expect(describeChunkError(err, true)).toMatch(/belum tersimpan di perangkat dan tidak ada sambungan/);
    expect(describeChunkError(new Error('boom'), false)).toMatch(/tidak ada sambungan/);
    expect(describeChunkError(new Error('boom'), true)).toBeNull();
  });
});
