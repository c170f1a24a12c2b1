import { describe, expect, it } from 'vitest';
import { matchPath, paths } from '../../../src/lib/router/routes';

describe('print routes', () => {
  it('match the print pages of a draft and a session, and link to them', () => {
    expect(matchPath('/rancangan/abc/cetak')).toEqual({ name: 'draft-print', id: 'abc' });
    expect(matchPath('/sesi/abc/cetak/')).toEqual({ name: 'session-print', id: 'abc' });
    expect(matchPath(paths.draftPrint('a b'))).toEqual({ name: 'draft-print', id: 'a b' });
    expect(matchPath(paths.sessionPrint('x'))).toEqual({ name: 'session-print', id: 'x' });
    // The record pages themselves are unchanged.
    expect(matchPath('/rancangan/abc')).toEqual({ name: 'draft', id: 'abc' });
  });
});
