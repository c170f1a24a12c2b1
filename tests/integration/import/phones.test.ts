/** The import reads a phone as the account service stores it, so a file's accounts match the accounts held. */
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../src/server/accounts/service';
import { normalizeImportPhone } from '../../../src/shared/import';

describe('phones in an import file', () => {
  it('normalize exactly as the account service stores them', () => {
    for (const p of ['0812-3456-7890', '+62 812 3456 7890', '6281234567890', '(0812) 345 67890'])
      expect(normalizeImportPhone(p)).toBe(normalizePhone(p.replace(/[()]/g, '')));
  });
});
