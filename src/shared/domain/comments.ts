/**
 * Comments on draft sections: who may do what, the state of a thread, and threads grouped per section. The
 * server enforces the same rules (src/server/sync/comments.ts); screens use them to offer only what is allowed.
 * Pure: no browser or Node imports.
 *
 * Rules:
 * - facilitators and coordinators start comments; innovators, facilitators and coordinators reply (a reply
 *   answers a comment that starts a thread, never another reply);
 * - innovators, facilitators and coordinators mark a thread resolved or reopen it, each through their own entry
 *   `resolutions.<userId>` (the latest entry decides), so concurrent marks never collide;
 * - only the author edits or deletes a comment; what it is attached to and who wrote it never change;
 * - viewers read only. The guest (before any sign-in, role null) may do everything on their own phone.
 */
import type { Comment, CommentResolution } from '../records';

/** A person's role, or null for the guest. */
export type Role = Comment['authorRole'];

/** May this role start a new comment thread? */
export const canStartThread = (role: Role): boolean =>
  role === null || role === 'facilitator' || role === 'coordinator';

/** May this role reply to a thread? */
export const canReply = (role: Role): boolean => role !== 'viewer';

/** May this role mark a thread resolved or reopen it? */
export const canResolve = (role: Role): boolean => role !== 'viewer';

/** Fields fixed at creation: what the comment is attached to and who wrote it. */
export const COMMENT_FIXED_FIELDS = [
  'recordId',
  'recordKind',
  'unitId',
  'sectionKey',
  'parentId',
  'authorId',
  'authorName',
  'authorRole',
  'revisionRequest',
] as const;

export type CommentChangeVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether `actor` may write `changed` (path -> new value, as sync sends them, only the paths whose value
 * changes) and the tombstone change `deleted` (null: none) to an existing comment.
 */
export function commentChangeAllowed(
  actor: { userId: string; role: Role },
  current: Pick<Comment, 'authorId' | 'parentId'>,
  changed: Record<string, unknown>,
  deleted: boolean | null,
): CommentChangeVerdict {
  const isAuthor = actor.userId === current.authorId;
  if (deleted !== null && !isAuthor) return { ok: false, reason: 'deleted' };
  for (const [path, value] of Object.entries(changed)) {
    if ((COMMENT_FIXED_FIELDS as readonly string[]).includes(path)) return { ok: false, reason: path };
    if (path === 'text') {
      if (!isAuthor) return { ok: false, reason: path };
      continue;
    }
    if (path.startsWith('resolutions.')) {
      const owner = path.slice('resolutions.'.length);
      const entry = value as Partial<CommentResolution> | null;
      if (
        owner !== actor.userId ||
        !canResolve(actor.role) ||
        current.parentId !== null ||
        entry?.role !== actor.role
      )
        return { ok: false, reason: path };
      continue;
    }
    return { ok: false, reason: path };
  }
  return { ok: true };
}

/** Whether `actor` may create this comment (a thread start or a reply). */
export function commentCreateAllowed(
  actor: { userId: string; role: Role },
  comment: Pick<Comment, 'authorId' | 'parentId' | 'resolutions'>,
): CommentChangeVerdict {
  if (comment.authorId !== actor.userId) return { ok: false, reason: 'authorId' };
  if (comment.parentId === null ? !canStartThread(actor.role) : !canReply(actor.role))
    return { ok: false, reason: 'parentId' };
  for (const [owner, entry] of Object.entries(comment.resolutions))
    if (owner !== actor.userId || comment.parentId !== null || entry.role !== actor.role)
      return { ok: false, reason: 'resolutions' };
  return { ok: true };
}

export interface ResolutionState {
  resolved: boolean;
  /** Who marked it last, and when (null: never marked). */
  by: { userId: string; name: string; role: Role } | null;
  at: number | null;
}

/** The thread's state: the latest entry of `resolutions` (ties broken by user id, so every phone agrees). */
export function commentResolution(comment: Pick<Comment, 'resolutions'>): ResolutionState {
  let latest: [string, CommentResolution] | null = null;
  for (const entry of Object.entries(comment.resolutions)) {
    if (!latest || entry[1].at > latest[1].at || (entry[1].at === latest[1].at && entry[0] > latest[0]))
      latest = entry;
  }
  if (!latest) return { resolved: false, by: null, at: null };
  const [userId, r] = latest;
  return { resolved: r.resolved, by: { userId, name: r.name, role: r.role }, at: r.at };
}

export interface CommentThread {
  comment: Comment;
  replies: Comment[];
  resolution: ResolutionState;
}

const byTime = (a: Comment, b: Comment) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

/**
 * Threads of one draft, per section key, oldest first; replies under their thread, oldest first. Deleted
 * comments are left out; replies to a comment that is gone (or not here yet) are left out too.
 */
export function commentThreads(comments: readonly Comment[]): Map<string, CommentThread[]> {
  const live = comments.filter((c) => !c.deleted);
  const threads = new Map<string, CommentThread>();
  for (const c of [...live].sort(byTime)) {
    if (c.parentId === null) threads.set(c.id, { comment: c, replies: [], resolution: commentResolution(c) });
  }
  for (const c of [...live].sort(byTime)) {
    if (c.parentId !== null) threads.get(c.parentId)?.replies.push(c);
  }
  const out = new Map<string, CommentThread[]>();
  for (const thread of threads.values()) {
    const list = out.get(thread.comment.sectionKey);
    if (list) list.push(thread);
    else out.set(thread.comment.sectionKey, [thread]);
  }
  return out;
}

/** Open (not resolved, not deleted) threads among comments, by the record they are on. */
export function openThreadCounts(
  comments: readonly Pick<Comment, 'recordId' | 'parentId' | 'deleted' | 'resolutions'>[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of comments) {
    if (c.deleted || c.parentId !== null || commentResolution(c).resolved) continue;
    out.set(c.recordId, (out.get(c.recordId) ?? 0) + 1);
  }
  return out;
}
