/**
 * Every screen but home is a chunk of its own, loaded on first use: the first screen's JavaScript stays small.
 * The shell starts loading the screen of the address it opened on at once, beside the data chunk, instead of
 * after the store is open: on a deep link (a draft, a session) that saves a round trip and an evaluation before
 * the writing shows.
 */
import type { Component } from 'svelte';
import type { Route, RouteName } from '../../lib/router/routes';

export type Screen = Component<{ route: Route }>;
type Loader = () => Promise<{ default: Screen }>;

export type ScreenName = Exclude<RouteName, 'home' | 'session-new'>;

const lazy = {
  sessions: () => import('../sessions/SessionListScreen.svelte'),
  session: () => import('../sessions/SessionScreen.svelte'),
  'session-print': () => import('../export/SessionPrintScreen.svelte'),
  drafts: () => import('../drafts/DraftListScreen.svelte'),
  draft: () => import('../drafts/DraftScreen.svelte'),
  'draft-print': () => import('../export/DraftPrintScreen.svelte'),
  checklist: () => import('../drafts/ChecklistScreen.svelte'),
  units: () => import('../units/UnitsScreen.svelte'),
  people: () => import('../people/PeopleScreen.svelte'),
  settings: () => import('../settings/SettingsScreen.svelte'),
  recovery: () => import('../recovery/RecoveryScreen.svelte'),
  'sign-in': () => import('../account/SignInScreen.svelte'),
  account: () => import('../account/AccountScreen.svelte'),
  'manage-accounts': () => import('../account/ManageAccountsScreen.svelte'),
  'import-accounts': () => import('../import/ImportScreen.svelte'),
  followups: () => import('../followups/FollowUpsScreen.svelte'),
  coverage: () => import('../coverage/CoverageScreen.svelte'),
  search: () => import('../search/SearchScreen.svelte'),
  templates: () => import('../templates/TemplateImportScreen.svelte'),
  'not-found': () => import('../shell/NotFoundScreen.svelte'),
} satisfies Record<ScreenName, Loader>;

/**
 * A new session is the session screen before its record exists: one screen, so getting its own address
 * (`router.rename`) keeps the screen and what the person is typing in it.
 */
export function screenOf(name: RouteName): ScreenName | null {
  if (name === 'home') return null;
  return name === 'session-new' ? 'session' : name;
}

// Loaded screens are kept, so going back to one renders at once (no "loading" flash).
const loaded = new Map<ScreenName, Screen>();
const loading = new Map<ScreenName, Promise<Screen>>();

/** The screen's component if its chunk is already loaded. */
export function loadedScreen(name: ScreenName): Screen | undefined {
  return loaded.get(name);
}

/** Loads the screen's chunk once; a failed load is forgotten so the next visit tries again. */
export function loadScreen(name: ScreenName): Promise<Screen> {
  let promise = loading.get(name);
  if (!promise) {
    promise = (lazy[name] as Loader)().then(
      (mod) => {
        loaded.set(name, mod.default);
        return mod.default;
      },
      (err: unknown) => {
        loading.delete(name);
        throw err;
      },
    );
    loading.set(name, promise);
  }
  return promise;
}
