import { describe, expect, it } from 'vitest';
import { matchPath, paths } from '../../src/lib/router/routes';

describe('routes', () => {
  const id = '01920000-0000-7000-8000-000000000001';
  const cid = '01920000-0000-7000-8000-000000000002';

  it('matches every path the app links to, and back', () => {
    expect(matchPath(paths.home())).toEqual({ name: 'home' });
    expect(matchPath(paths.sessions())).toEqual({ name: 'sessions' });
    expect(matchPath(paths.sessionNew())).toEqual({ name: 'session-new' });
    expect(matchPath(paths.session(id))).toEqual({ name: 'session', id });
    expect(matchPath(paths.drafts())).toEqual({ name: 'drafts' });
    expect(matchPath(paths.draft(id))).toEqual({ name: 'draft', id });
    expect(matchPath(paths.checklist(id, cid))).toEqual({ name: 'checklist', draftId: id, checklistId: cid });
    expect(matchPath(paths.units())).toEqual({ name: 'units' });
    expect(matchPath(paths.settings())).toEqual({ name: 'settings' });
    expect(matchPath(paths.recovery())).toEqual({ name: 'recovery' });
  });

  it('treats a trailing slash as the same page, and anything else as not found', () => {
    expect(matchPath('/sesi/')).toEqual({ name: 'sessions' });
    expect(matchPath('/sesi/a/b')).toEqual({ name: 'not-found', path: '/sesi/a/b' });
    expect(matchPath('/%E0%A4%A')).toEqual({ name: 'not-found', path: '/%E0%A4%A' });
    expect(matchPath('/rancangan/x/daftar-periksa')).toEqual({
      name: 'not-found',
      path: '/rancangan/x/daftar-periksa',
    });
  });
});
