/**
 * Where the navigation leads, by who is using the app: a bottom bar of four destinations plus "Lainnya", chosen
 * for each role's daily work (an innovator writes drafts and closes follow-ups; a facilitator records sessions;
 * a local admin follows coverage and keeps units; a leadership viewer reads), and every other destination the
 * person may use under "Lainnya". Account and sign-in are the header's. Pure, so the choice is tested without a
 * browser.
 */
import { paths, type RouteName } from '../../lib/router/routes';
import type { RoleName } from '../../shared/roles';
import type { IconName } from './icons';

/** A signed-in person's role, or the guest (no account: the local workspace only). */
export type Audience = RoleName | 'guest';

interface Place {
  href: string;
  /** Short: it sits under an icon on a 72 px wide button. */
  label: { id: string; en: string };
  icon: IconName;
  /** The screens that belong to it (a record's screen belongs to its list). */
  routes: readonly RouteName[];
}

export interface Destination extends Place {
  key: DestinationKey;
}

const DESTINATIONS = {
  home: {
    href: paths.home(),
    label: { id: 'Untuk Anda', en: 'For you' },
    icon: 'home',
    routes: ['home'],
  },
  sessions: {
    href: paths.sessions(),
    label: { id: 'Sesi', en: 'Sessions' },
    icon: 'sessions',
    routes: ['sessions', 'session', 'session-new', 'session-print'],
  },
  drafts: {
    href: paths.drafts(),
    label: { id: 'Proposal', en: 'Proposals' },
    icon: 'drafts',
    routes: ['drafts', 'draft', 'draft-print', 'checklist'],
  },
  followups: {
    href: paths.followups(),
    label: { id: 'Tindak lanjut', en: 'Follow-ups' },
    icon: 'followups',
    routes: ['followups'],
  },
  coverage: {
    href: paths.coverage(),
    label: { id: 'Cakupan', en: 'Coverage' },
    icon: 'coverage',
    routes: ['coverage'],
  },
  search: { href: paths.search(), label: { id: 'Cari', en: 'Search' }, icon: 'search', routes: ['search'] },
  people: { href: paths.people(), label: { id: 'Orang', en: 'People' }, icon: 'people', routes: ['people'] },
  units: { href: paths.units(), label: { id: 'Unit', en: 'Units' }, icon: 'units', routes: ['units'] },
  accounts: {
    href: paths.manageAccounts(),
    label: { id: 'Kelola akun', en: 'Manage accounts' },
    icon: 'accounts',
    routes: ['manage-accounts'],
  },
  import: {
    href: paths.importAccounts(),
    label: { id: 'Impor dari Excel', en: 'Import from Excel' },
    icon: 'import',
    routes: ['import-accounts'],
  },
  settings: {
    href: paths.settings(),
    label: { id: 'Pengaturan', en: 'Settings' },
    icon: 'settings',
    routes: ['settings'],
  },
  recovery: {
    href: paths.recovery(),
    label: { id: 'Pemulihan data', en: 'Data recovery' },
    icon: 'recovery',
    routes: ['recovery'],
  },
} as const satisfies Record<string, Place>;

export type DestinationKey = keyof typeof DESTINATIONS;

/** The bar: four per audience ("Lainnya" is the fifth). */
const BAR: Record<Audience, readonly DestinationKey[]> = {
  // A guest tries the app as a facilitator would: sessions first.
  guest: ['home', 'sessions', 'drafts', 'followups'],
  innovator: ['home', 'drafts', 'followups', 'search'],
  facilitator: ['home', 'sessions', 'drafts', 'followups'],
  coordinator: ['home', 'drafts', 'coverage', 'units'],
  viewer: ['home', 'coverage', 'drafts', 'sessions'],
};

/** The order of "Lainnya"; the bar's own destinations are left out of it. */
const MORE_ORDER: readonly DestinationKey[] = [
  'sessions',
  'drafts',
  'followups',
  'coverage',
  'search',
  'people',
  'units',
  'accounts',
  'import',
  'settings',
  'recovery',
];

/** Only local admins manage accounts (the screens say so to anyone else; the menu does not offer them). */
const COORDINATOR_ONLY: readonly DestinationKey[] = ['accounts', 'import'];

const destination = (key: DestinationKey): Destination => ({ key, ...DESTINATIONS[key] });

export function barDestinations(audience: Audience): Destination[] {
  return BAR[audience].map(destination);
}

export function moreDestinations(audience: Audience): Destination[] {
  const inBar = BAR[audience];
  return MORE_ORDER.filter(
    (key) => !inBar.includes(key) && (audience === 'coordinator' || !COORDINATOR_ONLY.includes(key)),
  ).map(destination);
}

/** The destination a screen belongs to, if any (the account screens belong to the header's menu). */
export function destinationOf(route: RouteName): DestinationKey | null {
  for (const [key, d] of Object.entries(DESTINATIONS) as [DestinationKey, Place][])
    if (d.routes.includes(route)) return key;
  return null;
}
