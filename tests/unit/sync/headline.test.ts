/** The header's sync words never say more than is true (the rule, without a browser). */
import { describe, expect, it } from 'vitest';
import { syncHeadline, textOfChange, type HeadlineFacts } from '../../../src/lib/sync/headline';

const calm: HeadlineFacts = {
  phase: 'idle',
  pending: 0,
  unsavedEditors: 0,
  rejected: 0,
  online: true,
  reached: true,
};

describe('sync headline', () => {
  it('says synced only when nothing waits anywhere and the last run reached the server', () => {
    expect(syncHeadline(calm)).toEqual({ state: 'synced' });
    expect(syncHeadline({ ...calm, pending: 1 })).toEqual({ state: 'waiting', waiting: 1 });
    expect(syncHeadline({ ...calm, unsavedEditors: 2 })).toEqual({ state: 'waiting', waiting: 2 });
    expect(syncHeadline({ ...calm, rejected: 1 })).toEqual({ state: 'rejected', count: 1 });
    expect(syncHeadline({ ...calm, reached: false })).toEqual({ state: 'unconfirmed' });
  });

  it('says offline with the count of what waits, whether the browser or the last run found no network', () => {
    expect(syncHeadline({ ...calm, online: false, pending: 1 })).toEqual({ state: 'offline', waiting: 1 });
    expect(
      syncHeadline({ ...calm, phase: 'offline', reached: false, pending: 2, unsavedEditors: 1 }),
    ).toEqual({ state: 'offline', waiting: 3 });
    expect(syncHeadline({ ...calm, online: false })).toEqual({ state: 'offline', waiting: 0 });
  });

  it('puts a refused change before every other state but signing in', () => {
    expect(syncHeadline({ ...calm, phase: 'syncing', rejected: 2 })).toEqual({ state: 'rejected', count: 2 });
    expect(syncHeadline({ ...calm, online: false, rejected: 1, pending: 3 })).toEqual({
      state: 'rejected',
      count: 1,
    });
    expect(syncHeadline({ ...calm, phase: 'signed-out', rejected: 1 })).toEqual({ state: 'signed-out' });
    expect(syncHeadline({ ...calm, phase: 'error', pending: 1, reached: false })).toEqual({
      state: 'error',
      waiting: 1,
    });
  });

  it("copies a refused change's words, nested ones too, without ids", () => {
    expect(
      textOfChange({
        name: 'Puskesmas Baru',
        unitId: '0190a000-0000-7000-8000-00000000000a',
        'sections.ringkasan': 'Ringkasan.',
        items: [{ note: 'Catatan butir' }, { note: '' }],
        demo: false,
      }),
    ).toBe('Puskesmas Baru\n\nRingkasan.\n\nCatatan butir');
  });
});
