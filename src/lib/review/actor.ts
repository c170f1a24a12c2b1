/**
 * Who moves drafts on this phone: the signed-in person with their role. A local guest (no account, nothing
 * syncs) plays every part of the loop, as a coordinator may, so the whole loop can be tried on the demo data.
 */
import { accountSession } from '../account/session.svelte';
import type { ReviewActor } from './actions';
import { httpHistoryFetcher, type HistoryFetcher } from './history.svelte';

export const GUEST_ACTOR: ReviewActor = { userId: 'guest', name: 'Tamu / Guest', role: 'coordinator' };

export function currentActor(): ReviewActor {
  const user = accountSession.user;
  if (!accountSession.signedIn || !user) return GUEST_ACTOR;
  return { userId: user.id, name: user.name, role: user.role };
}

/** How the history panel reads the server: with the signed-in person's token; a guest has no server history. */
export function currentHistoryFetcher(): HistoryFetcher | null {
  if (!accountSession.signedIn) return null;
  return httpHistoryFetcher(() => accountSession.getAccessToken());
}
