/**
 * The app's paths (Indonesian, as users read them) and a pure matcher: every record has a deep link.
 * Kept apart from the rune class so it can be tested without a browser.
 */
export type Route =
  | { name: 'home' }
  | { name: 'sessions' }
  | { name: 'session-new' }
  | { name: 'session'; id: string }
  | { name: 'session-print'; id: string }
  | { name: 'drafts' }
  | { name: 'draft'; id: string }
  | { name: 'draft-print'; id: string }
  | { name: 'checklist'; draftId: string; checklistId: string }
  | { name: 'units' }
  | { name: 'people' }
  | { name: 'settings' }
  | { name: 'recovery' }
  | { name: 'sign-in' }
  | { name: 'account' }
  | { name: 'manage-accounts' }
  | { name: 'import-accounts' }
  | { name: 'followups' }
  | { name: 'coverage' }
  | { name: 'search' }
  | { name: 'templates' }
  | { name: 'not-found'; path: string };

export type RouteName = Route['name'];

const PATTERNS: [RegExp, (m: string[]) => Route][] = [
  [/^\/$/, () => ({ name: 'home' })],
  [/^\/sesi$/, () => ({ name: 'sessions' })],
  [/^\/sesi\/baru$/, () => ({ name: 'session-new' })],
  [/^\/sesi\/([^/]+)$/, (m) => ({ name: 'session', id: m[1] ?? '' })],
  [/^\/sesi\/([^/]+)\/cetak$/, (m) => ({ name: 'session-print', id: m[1] ?? '' })],
  [/^\/rancangan$/, () => ({ name: 'drafts' })],
  [/^\/rancangan\/([^/]+)$/, (m) => ({ name: 'draft', id: m[1] ?? '' })],
  [/^\/rancangan\/([^/]+)\/cetak$/, (m) => ({ name: 'draft-print', id: m[1] ?? '' })],
  [
    /^\/rancangan\/([^/]+)\/daftar-periksa\/([^/]+)$/,
    (m) => ({ name: 'checklist', draftId: m[1] ?? '', checklistId: m[2] ?? '' }),
  ],
  [/^\/unit$/, () => ({ name: 'units' })],
  [/^\/orang$/, () => ({ name: 'people' })],
  [/^\/pengaturan$/, () => ({ name: 'settings' })],
  [/^\/pemulihan$/, () => ({ name: 'recovery' })],
  [/^\/masuk$/, () => ({ name: 'sign-in' })],
  [/^\/akun$/, () => ({ name: 'account' })],
  [/^\/akun\/kelola$/, () => ({ name: 'manage-accounts' })],
  [/^\/akun\/impor$/, () => ({ name: 'import-accounts' })],
  [/^\/tindak-lanjut$/, () => ({ name: 'followups' })],
  [/^\/cakupan$/, () => ({ name: 'coverage' })],
  [/^\/cari$/, () => ({ name: 'search' })],
  [/^\/templat$/, () => ({ name: 'templates' })],
];

export function matchPath(pathname: string): Route {
  // A trailing slash is the same page ("/sesi/" is "/sesi").
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const [re, make] of PATTERNS) {
    const m = re.exec(path);
    if (m) {
      try {
        return make(m.map((part) => decodeURIComponent(part)));
      } catch {
        // A malformed %-escape is simply an unknown address.
        break;
      }
    }
  }
  return { name: 'not-found', path: pathname };
}

/**
 * Anchor of a section's comments on the draft screen. Here, not with the search that links to it: the draft
 * screen needs it too, and the search's chunk is not on a deep-linked draft's way to its writing.
 */
export const commentsAnchor = (sectionKey: string) => `komentar-${sectionKey}`;

/** Paths to link to, so no screen spells a URL by hand. */
export const paths = {
  home: () => '/',
  sessions: () => '/sesi',
  sessionNew: () => '/sesi/baru',
  session: (id: string) => `/sesi/${encodeURIComponent(id)}`,
  sessionPrint: (id: string) => `/sesi/${encodeURIComponent(id)}/cetak`,
  drafts: () => '/rancangan',
  /** The drafts list opened at the new-draft form ("Proposal baru" on home). */
  draftNew: () => '/rancangan#rancangan-baru',
  draft: (id: string) => `/rancangan/${encodeURIComponent(id)}`,
  draftPrint: (id: string) => `/rancangan/${encodeURIComponent(id)}/cetak`,
  checklist: (draftId: string, checklistId: string) =>
    `/rancangan/${encodeURIComponent(draftId)}/daftar-periksa/${encodeURIComponent(checklistId)}`,
  units: () => '/unit',
  people: () => '/orang',
  settings: () => '/pengaturan',
  recovery: () => '/pemulihan',
  signIn: () => '/masuk',
  account: () => '/akun',
  manageAccounts: () => '/akun/kelola',
  importAccounts: () => '/akun/impor',
  followups: () => '/tindak-lanjut',
  coverage: () => '/cakupan',
  search: () => '/cari',
  templates: () => '/templat',
} as const;
