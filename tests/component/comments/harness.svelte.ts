/**
 * Test harness: a draft's comments as a person with a given role (the screen builds them with the signed-in
 * user), in an effect root of its own since they hold a live query. `dispose` ends it.
 */
import type { LocalStore } from '../../../src/lib/db/types';
import { DraftComments, type CommentAuthor } from '../../../src/lib/comments/draft-comments.svelte';

export function commentsAs(
  store: LocalStore,
  draftId: string,
  author: CommentAuthor,
): { comments: DraftComments; dispose: () => void } {
  let comments: DraftComments | undefined;
  const dispose = $effect.root(() => {
    comments = new DraftComments(store, draftId, () => author);
  });
  return { comments: comments!, dispose };
}
