/**
 * The navigation by role: at most five places in the bar ("Lainnya" the fifth), home first, and every screen a
 * person may use reachable from the bar or "Lainnya" (the account screens from the header's menu).
 */
import { describe, expect, it } from 'vitest';
import type { RouteName } from '../../../src/lib/router/routes';
import {
  barDestinations,
  destinationOf,
  moreDestinations,
  type Audience,
} from '../../../src/ui/shell/destinations';

const AUDIENCES: Audience[] = ['guest', 'innovator', 'facilitator', 'coordinator', 'viewer'];

/** Reached from the header (account menu, sign-in) or not a place at all. */
const HEADER_OR_NOWHERE: RouteName[] = ['account', 'sign-in', 'not-found'];
const COORDINATOR_ONLY: RouteName[] = ['manage-accounts', 'import-accounts'];

const ALL_ROUTES: RouteName[] = [
  'home',
  'sessions',
  'session-new',
  'session',
  'session-print',
  'drafts',
  'draft',
  'draft-print',
  'checklist',
  'units',
  'people',
  'settings',
  'recovery',
  'sign-in',
  'account',
  'manage-accounts',
  'import-accounts',
  'followups',
  'coverage',
  'search',
  'not-found',
];

describe('navigation destinations', () => {
  it.each(AUDIENCES)('%s: four in the bar with home first, none repeated under "Lainnya"', (audience) => {
    const bar = barDestinations(audience);
    expect(bar).toHaveLength(4);
    expect(bar[0]?.key).toBe('home');
    const more = moreDestinations(audience).map((d) => d.key);
    for (const d of bar) expect(more).not.toContain(d.key);
    expect(new Set(more).size).toBe(more.length);
  });

  it.each(AUDIENCES)('%s: every screen they may use is reachable', (audience) => {
    const reachable = new Set(
      [...barDestinations(audience), ...moreDestinations(audience)].flatMap((d) => d.routes),
    );
    const expected = ALL_ROUTES.filter(
      (r) => !HEADER_OR_NOWHERE.includes(r) && (audience === 'coordinator' || !COORDINATOR_ONLY.includes(r)),
    );
    expect([...reachable].sort()).toEqual(expected.sort());
  });

  it("puts each role's daily work in the bar", () => {
    const keys = (a: Audience) => barDestinations(a).map((d) => d.key);
    expect(keys('facilitator')).toEqual(['home', 'sessions', 'drafts', 'followups']);
    expect(keys('innovator')).toContain('drafts');
    expect(keys('innovator')).not.toContain('sessions');
    expect(keys('coordinator')).toEqual(['home', 'drafts', 'coverage', 'units']);
    expect(keys('viewer')).toContain('coverage');
  });

  it('names home "Untuk Anda" and keeps bar labels short enough for a fifth of 360 px', () => {
    expect(barDestinations('guest')[0]?.label).toEqual({ id: 'Untuk Anda', en: 'For you' });
    for (const audience of AUDIENCES)
      for (const d of barDestinations(audience)) {
        expect(d.label.id.length).toBeLessThanOrEqual(13);
        expect(d.label.en.length).toBeLessThanOrEqual(13);
      }
  });

  it("marks a record's screen as its list's place, and the account screens as no place in the bar", () => {
    expect(destinationOf('session')).toBe('sessions');
    expect(destinationOf('draft-print')).toBe('drafts');
    expect(destinationOf('checklist')).toBe('drafts');
    expect(destinationOf('account')).toBeNull();
    expect(destinationOf('sign-in')).toBeNull();
  });
});
