/**
 * The server's rules for comments (the pure rules are in src/shared/domain/comments.ts; this adds what needs the
 * database: the draft a comment is on, and the account of its author).
 *
 * A new comment is scoped like its draft: its `unitId` is set to the draft's and its row's `created_by` to the
 * draft's creator, so whoever may read the draft (and only they) reads its comments, for drafts without a unit
 * too. Its author's name and role are the account's, whatever the phone sent, so nobody writes as someone else.
 */
import type { AuthContext, Role } from '../auth/types';
import type { BodyOf } from '../../shared/records';
import { commentChangeAllowed, commentCreateAllowed } from '../../shared/domain/comments';
import { canRead } from '../../shared/access';
import { scopeOf, type ScopedRow } from './rows';

export interface CommentDeps {
  row(id: string): Promise<ScopedRow | undefined>;
  account(userId: string): Promise<{ name: string; role: Role } | undefined>;
}

export type CommentVerdict =
  | { ok: true; createdBy: string }
  | { ok: false; code: 'forbidden' | 'invalid' | 'not-found'; detail?: string };

/**
 * Checks a new comment and fixes its scope and author fields in `body` (a fresh object the caller writes).
 * Returns the `created_by` its row must carry.
 */
export async function prepareCommentCreate(
  auth: AuthContext,
  body: Record<string, unknown>,
  deps: CommentDeps,
): Promise<CommentVerdict> {
  const comment = body as BodyOf<'comment'>;
  const allowed = commentCreateAllowed({ userId: auth.userId, role: auth.role }, comment);
  if (!allowed.ok) return { ok: false, code: 'forbidden', detail: allowed.reason };
  const target = await deps.row(comment.recordId);
  // A draft the caller may not see answers like one that is not there (issue #17): nothing tells them apart.
  if (!target || !canRead(auth, scopeOf(target))) return { ok: false, code: 'not-found', detail: 'recordId' };
  if (target.kind !== comment.recordKind) return { ok: false, code: 'invalid', detail: 'recordKind' };
  if (comment.parentId !== null) {
    const parent = await deps.row(comment.parentId);
    const p = parent?.body as Partial<BodyOf<'comment'>> | undefined;
    if (
      !parent ||
      parent.kind !== 'comment' ||
      parent.tenant_id !== auth.tenantId ||
      p?.recordId !== comment.recordId ||
      p.sectionKey !== comment.sectionKey ||
      p.parentId !== null
    )
      return { ok: false, code: 'invalid', detail: 'parentId' };
  }
  const account = await deps.account(auth.userId);
  if (!account) return { ok: false, code: 'forbidden' };
  const unitId = target.body.unitId;
  body.unitId = typeof unitId === 'string' ? unitId : null;
  body.authorName = account.name;
  body.authorRole = account.role;
  body.resolutions = stampedResolutions(
    body.resolutions as BodyOf<'comment'>['resolutions'],
    account,
    Date.now(),
  );
  return { ok: true, createdBy: target.created_by };
}

/**
 * A resolution entry as the server knows it: the time is the server's and the name and role the account's, whatever
 * the phone sent. The latest entry decides a thread's state, so a phone-set time far in the future would keep a
 * thread resolved for ever, and a name could be anybody's.
 */
function stampedResolutions(
  entries: BodyOf<'comment'>['resolutions'],
  account: { name: string; role: Role },
  at: number,
): BodyOf<'comment'>['resolutions'] {
  return Object.fromEntries(
    Object.entries(entries).map(([owner, entry]) => [
      owner,
      { ...entry, at, name: account.name, role: account.role },
    ]),
  );
}

/**
 * Stamps the caller's resolution entries in a change's `values` (paths `resolutions.<userId>`; `checkCommentChange`
 * has already refused anyone else's) with the server's time and the account's name and role.
 */
export async function stampResolutionChanges(
  auth: AuthContext,
  values: Record<string, unknown>,
  deps: CommentDeps,
): Promise<void> {
  const paths = Object.keys(values).filter((p) => p.startsWith('resolutions.') && values[p] !== null);
  if (paths.length === 0) return;
  const account = await deps.account(auth.userId);
  if (!account) return;
  const at = Date.now();
  for (const path of paths) {
    const entry = values[path] as BodyOf<'comment'>['resolutions'][string];
    values[path] = { ...entry, at, name: account.name, role: account.role };
  }
}

/** Checks a change to an existing comment: `changed` holds only the paths whose value changes. */
export function checkCommentChange(
  auth: AuthContext,
  current: Record<string, unknown>,
  changed: Record<string, unknown>,
  deleted: boolean | null,
): CommentVerdict {
  const verdict = commentChangeAllowed(
    { userId: auth.userId, role: auth.role },
    current as Pick<BodyOf<'comment'>, 'authorId' | 'parentId'>,
    changed,
    deleted,
  );
  return verdict.ok ? { ok: true, createdBy: '' } : { ok: false, code: 'forbidden', detail: verdict.reason };
}
