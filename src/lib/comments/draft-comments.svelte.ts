/**
 * The comments of one draft, for its screen: threads per section (a live query on the store's `recordId`
 * index, so comments synced from other phones appear as they arrive) and the actions the current person may
 * take. Every action is one store write (record and outbox in one transaction): it works offline and syncs
 * later. Create it during component init (it holds a live query).
 */
import type { LocalStore } from '../db/types';
import type { BodyOf, Comment } from '../../shared/records';
import {
  canReply,
  canResolve,
  canStartThread,
  commentThreads,
  type CommentThread,
  type Role,
} from '../../shared/domain/comments';
import { Live } from '../state/live.svelte';
import { attachFile } from '../attachments/local';

/** Who is writing: the store's actor (the signed-in user's id, or 'guest'), their name and role. */
export interface CommentAuthor {
  userId: string;
  name: string;
  role: Role;
}

/** A comment sent with files: the files that could not be attached (the comment itself is saved). */
export interface CommentSent {
  attachErrors: string[];
}
export const isCommentSent = (value: unknown): value is CommentSent =>
  typeof value === 'object' && value !== null && Array.isArray((value as CommentSent).attachErrors);

export class DraftComments {
  readonly #store: LocalStore;
  readonly #draftId: string;
  readonly #author: () => CommentAuthor;
  readonly #live: Live<Comment[]>;
  #threads = $derived.by(() => commentThreads(this.#live.current ?? []));

  constructor(store: LocalStore, draftId: string, author: () => CommentAuthor) {
    this.#store = store;
    this.#draftId = draftId;
    this.#author = author;
    this.#live = new Live(() => () => store.list('comment', { recordId: draftId }));
  }

  get loaded(): boolean {
    return this.#live.loaded;
  }
  get error(): string | null {
    return this.#live.error;
  }
  /** The store the comments (and their attachments) live in. */
  get store(): LocalStore {
    return this.#store;
  }
  get author(): CommentAuthor {
    return this.#author();
  }
  get canStart(): boolean {
    return canStartThread(this.#author().role);
  }
  get canReply(): boolean {
    return canReply(this.#author().role);
  }
  get canResolve(): boolean {
    return canResolve(this.#author().role);
  }

  threads(sectionKey: string): CommentThread[] {
    return this.#threads.get(sectionKey) ?? [];
  }

  openCount(sectionKey: string): number {
    return this.threads(sectionKey).filter((t) => !t.resolution.resolved).length;
  }

  #body(sectionKey: string, text: string, unitId: string | null, parentId: string | null) {
    const author = this.#author();
    return {
      recordId: this.#draftId,
      recordKind: 'draft',
      unitId,
      sectionKey,
      text: text.trim(),
      parentId,
      authorId: author.userId,
      authorName: author.name,
      authorRole: author.role,
      resolutions: {},
    } satisfies BodyOf<'comment'>;
  }

  /** Starts a thread on a section, with the files picked while writing it. */
  async addWithFiles(
    sectionKey: string,
    text: string,
    unitId: string | null,
    files: readonly File[],
  ): Promise<CommentSent> {
    const comment = await this.add(sectionKey, text, unitId);
    return { attachErrors: await this.attach(comment, files) };
  }

  /** Replies to a thread, with the files picked while writing the reply. */
  async replyWithFiles(thread: CommentThread, text: string, files: readonly File[]): Promise<CommentSent> {
    const reply = await this.reply(thread, text);
    return { attachErrors: await this.attach(reply, files) };
  }

  /** Starts a thread on a section. */
  async add(sectionKey: string, text: string, unitId: string | null): Promise<Comment> {
    return this.#store.create('comment', this.#body(sectionKey, text, unitId, null));
  }

  /**
   * Attaches files picked while writing `comment` (photos compressed as everywhere), after the comment is stored
   * so its record syncs first. Never throws: returns "name: reason" for each file that could not be attached,
   * since the comment itself is already saved.
   */
  async attach(comment: Comment, files: readonly File[]): Promise<string[]> {
    const failed: string[] = [];
    const parent = { kind: 'comment', id: comment.id, unitId: comment.unitId } as const;
    for (const file of files) {
      try {
        await attachFile(this.#store, file, parent);
      } catch (err) {
        failed.push(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return failed;
  }

  /** Replies to a thread. */
  async reply(thread: CommentThread, text: string): Promise<Comment> {
    const { sectionKey, unitId, id } = thread.comment;
    return this.#store.create('comment', this.#body(sectionKey, text, unitId, id));
  }

  /** Marks a thread resolved, or reopens it, through the current person's own entry. */
  async setResolved(thread: CommentThread, resolved: boolean): Promise<void> {
    const author = this.#author();
    const current = await this.#store.get('comment', thread.comment.id);
    if (!current) return;
    await this.#store.update('comment', current.id, {
      resolutions: {
        ...current.resolutions,
        [author.userId]: { resolved, at: Date.now(), name: author.name, role: author.role },
      },
    });
  }

  /** Edits one's own comment. */
  async edit(comment: Comment, text: string): Promise<void> {
    await this.#store.update('comment', comment.id, { text: text.trim() });
  }

  /** Deletes one's own comment (a tombstone: it syncs, and can be restored). */
  async remove(comment: Comment): Promise<void> {
    await this.#store.remove('comment', comment.id);
  }
}
