/** The `MetaStore` contract (src/lib/db/types.ts), for every implementation: small values by key. */
import { describe, expect, it } from 'vitest';
import type { OpenRoles } from './role-fixtures';

export function metaStoreSuite(implementation: string, open: OpenRoles<'meta'>): void {
  describe(`MetaStore: ${implementation}`, () => {
    it('keeps a value per key until it is set to undefined', async () => {
      const { meta } = await open();
      expect(await meta.getMeta('sync.cursor')).toBeUndefined();
      await meta.setMeta('sync.cursor', 41);
      await meta.setMeta('demo', { records: [{ id: 'a' }] });
      await meta.setMeta('sync.cursor', 42);
      expect(await meta.getMeta<number>('sync.cursor')).toBe(42);
      expect(await meta.getMeta('demo')).toEqual({ records: [{ id: 'a' }] });
      await meta.setMeta('sync.cursor', undefined);
      expect(await meta.getMeta('sync.cursor')).toBeUndefined();
    });
  });
}
