/**
 * The person writing comments on this phone: the signed-in user (their id is the store's actor), or the guest
 * before any sign-in (role null: the guest's own phone, no rules to meet).
 */
import { accountSession } from '../account/session.svelte';
import { workspace } from '../state/workspace.svelte';
import type { CommentAuthor } from './draft-comments.svelte';

export function currentAuthor(guestName: string): CommentAuthor {
  const user = accountSession.user;
  const userId = workspace.userId;
  if (userId === null) return { userId: 'guest', name: guestName, role: null };
  return { userId, name: user?.name ?? '', role: user?.id === userId ? user.role : null };
}
