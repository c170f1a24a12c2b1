/**
 * Who may read and write which synced record, down to the field path: one rule set for the server (push, pull,
 * files, history, review) and the phone (which hides or disables what the server would refuse, and whose store
 * refuses to queue it). Pure: no browser or Node imports.
 *
 * Reach (`canRead`, `canWrite`: may this person touch the record at all):
 * - another tenant: never; viewers never write;
 * - unit, person, template and programme records: the whole tenant reads them; coordinators write them,
 *   facilitators write people (only people without an account in their own units, see below);
 * - records of units (sessions, drafts, checklists, submissions, conflicts): coordinators (unitIds null) all of
 *   the tenant, innovators and facilitators those sharing a unit with them;
 * - records without a unit: their creator and coordinators;
 * - comments: whoever sees their draft (the server copies the draft's scope onto them, see comments.ts).
 *
 * Who writes what (`pathRefusal`, per field path, judged on the stored body and the body after the change):
 * - session: its facilitator (`facilitatorId` is the user's id, or the creator when none is set) and
 *   coordinators; innovators only the `status` of their OWN follow-ups (`actions.<id>` whose `ownerId` is them,
 *   between open and done); other facilitators read it; innovators do not create sessions;
 * - draft and checklist: the unit's innovators, coordinators and always their creator; facilitators of the unit
 *   only make review moves (`reviewStatus`, `sent`: which move is the review rules' matter, review.ts); a sent
 *   draft ("terkirim") is nobody's to change but by those moves until a coordinator reopens it (`sent-draft`);
 * - unit: coordinators; person: coordinators, and facilitators for people without an account whose units are
 *   all theirs (a body with `hasAccount: true`, before or after, is the coordinators' alone);
 * - deleting or restoring (the `deleted` path): only who writes the whole record (session: its facilitator or
 *   a coordinator; draft and checklist: creator or coordinator).
 * A session's `facilitatorId` decides who writes it, so what it may name is a rule of its own
 * (`facilitatorRefusal`): nobody, the writer themself, or, handed over by a local admin or the session's writer,
 * an active facilitator or local admin account of the tenant (the server knows accounts, the phone their person
 * records).
 * The server's pull repeats `canRead` in SQL (`src/server/sync/access.ts`, `visibilitySql`): keep them in step.
 */
import { DELETED_PATH } from './fieldPaths';
import type { Person, RecordKind } from './records';
import { sentDraftLocks } from './domain/review';

/** An account's role (a person without an account has none: `Person['role']` is null for them). */
export type PersonRole = NonNullable<Person['role']>;

/** Who is acting. The server's `AuthContext` is one; the phone builds one from the signed-in user (`principalOf`). */
export interface AccessPrincipal {
  tenantId: string;
  userId: string;
  role: PersonRole;
  /** Units whose records this person may see and write; `null` means the whole tenant (coordinators). */
  unitIds: readonly string[] | null;
  /** False for viewers: they read only. */
  canWrite: boolean;
}

/** What the rules need to know about a record. */
export interface RecordScope {
  tenantId: string;
  kind: RecordKind;
  unitIds: readonly string[];
  createdBy: string;
}

const TENANT_WIDE: readonly RecordKind[] = ['unit', 'person', 'template', 'programme'];

/** The reach of a person: coordinators the whole tenant, viewers read only. */
export function principalOf(user: {
  id: string;
  tenantId: string;
  role: PersonRole;
  unitIds: readonly string[];
}): AccessPrincipal {
  return {
    userId: user.id,
    tenantId: user.tenantId,
    role: user.role,
    unitIds: user.role === 'coordinator' ? null : [...user.unitIds],
    canWrite: user.role !== 'viewer',
  };
}

export function canRead(who: AccessPrincipal, rec: RecordScope): boolean {
  if (rec.tenantId !== who.tenantId) return false;
  if (TENANT_WIDE.includes(rec.kind) || who.unitIds === null) return true;
  if (rec.unitIds.length === 0) return rec.createdBy === who.userId;
  const mine = who.unitIds;
  return rec.unitIds.some((u) => mine.includes(u));
}

/**
 * May this person write anything of the record at all (the reach; which paths is `pathRefusal`'s matter)?
 * Judged on the scope alone: what the body says (a session's facilitator, a follow-up's owner) is not known here.
 */
export function canWrite(who: AccessPrincipal, rec: RecordScope): boolean {
  return reachRefusal(who, rec) === null;
}

/** Why this person may not write anything of the record, or null (see `canWrite`). */
export function reachRefusal(who: AccessPrincipal, rec: RecordScope): WriteRefusal | null {
  if (rec.tenantId !== who.tenantId) return 'scope';
  if (!who.canWrite) return 'viewer';
  if (rec.kind === 'unit') return who.role === 'coordinator' ? null : 'coordinator-only';
  if (rec.kind === 'template') return who.role === 'coordinator' ? null : 'template-writer';
  if (rec.kind === 'programme') return who.role === 'coordinator' ? null : 'programme-writer';
  if (rec.kind === 'person')
    return who.role === 'coordinator' || who.role === 'facilitator' ? null : 'coordinator-only';
  return canRead(who, rec) ? null : 'scope';
}

/** Units a record belongs to, derived from its body (the server stores it in `sync_records.unit_ids`). */
export function unitIdsOf(kind: RecordKind, body: Record<string, unknown>): string[] {
  if (kind === 'session') return Array.isArray(body.unitIds) ? (body.unitIds as string[]) : [];
  if (
    kind === 'draft' ||
    kind === 'checklist' ||
    kind === 'comment' ||
    kind === 'submission' ||
    kind === 'attachment'
  )
    return typeof body.unitId === 'string' ? [body.unitId] : [];
  return [];
}

/**
 * Kinds whose scope follows from the record alone, so the phone can judge a write to them exactly as the server
 * will. The others take their scope from another record on the server (a comment its draft's, a conflict its
 * record's, a file on a record without a unit its parent's) and have their own rules (comments.ts): the phone
 * leaves those to them and to the server.
 */
export const SELF_SCOPED_KINDS: readonly RecordKind[] = [
  'unit',
  'person',
  'session',
  'draft',
  'checklist',
  'submission',
  'template',
  'programme',
];

/** The scope of a stored record (envelope plus body fields) as the server would compute it. */
export function scopeOfRecord(
  kind: RecordKind,
  record: { tenantId: string; createdBy: string } & Record<string, unknown>,
): RecordScope {
  return { tenantId: record.tenantId, kind, unitIds: unitIdsOf(kind, record), createdBy: record.createdBy };
}

// ------------------------------------------------------------------------------------------ who writes what

/** Why a write is refused; the phone shows the message, the server sends it with the `forbidden` code. */
export type WriteRefusal =
  /** A read-only (pimpinan) account. */
  | 'viewer'
  /** Another tenant, or a unit (or someone's record without a unit) that is not theirs. */
  | 'scope'
  /** Units, and people with an account: the local admin's alone. */
  | 'coordinator-only'
  /** Templates (the programme's forms): the local admin's alone. */
  | 'template-writer'
  /** Programme settings (unit kinds, the review flow's optional states): the local admin's alone. */
  | 'programme-writer'
  /** A facilitator writing a person outside their own units. */
  | 'person-units'
  /** A session: only its facilitator or a local admin. */
  | 'session-writer'
  /** An innovator on a session: only the status of their own follow-ups. */
  | 'own-follow-up'
  /** A facilitator on a draft or checklist: review moves and comments only. */
  | 'draft-writer'
  /** Deleting or restoring: only who writes the whole record. */
  | 'whole-record'
  /** A draft sent to a competition: read-only until a local admin reopens it (review.ts, `sentDraftLocks`). */
  | 'sent-draft'
  /** Placing a record in a unit that is not the writer's own (only a local admin does that). */
  | 'unit-placement'
  /** Naming as a session's facilitator someone who is not an active facilitator or local admin account. */
  | 'facilitator-account';

/** Each refusal in Indonesian and English (one sentence each, shown as it is). */
export const WRITE_REFUSAL_MESSAGES: Record<WriteRefusal, { id: string; en: string }> = {
  viewer: {
    id: 'Akun pimpinan dapat melihat data, tetapi tidak mengubahnya.',
    en: 'A leadership viewer account can see records but not change them.',
  },
  scope: {
    id: 'Data ini milik unit yang bukan unit Anda.',
    en: 'This record belongs to a unit that is not yours.',
  },
  'coordinator-only': {
    id: 'Hanya admin lokal yang dapat mengubah unit dan orang yang punya akun.',
    en: 'Only a local admin can change units and people with an account.',
  },
  'template-writer': {
    id: 'Hanya admin lokal yang dapat mengimpor dan mengaktifkan templat proposal.',
    en: 'Only a local admin can import and activate proposal templates.',
  },
  'programme-writer': {
    id: 'Hanya admin lokal yang dapat mengubah pengaturan program (jenis unit, alur tinjauan).',
    en: "Only a local admin can change the programme's settings (unit types, review flow).",
  },
  'person-units': {
    id: 'Pendamping hanya dapat mengubah orang di unit dampingannya sendiri.',
    en: 'A facilitator can only change people in the units they coach.',
  },
  'session-writer': {
    id: 'Hanya pendamping sesi ini atau admin lokal yang dapat mengubah sesi ini.',
    en: "Only this session's facilitator or a local admin can change this session.",
  },
  'own-follow-up': {
    id: 'Inovator hanya dapat menandai selesai tindak lanjut miliknya sendiri.',
    en: 'An innovator can only mark their own follow-ups done.',
  },
  'draft-writer': {
    id: 'Pendamping memberi komentar dan tinjauan, tetapi tidak mengubah isi proposal.',
    en: 'A facilitator comments and reviews but does not change the content of a proposal.',
  },
  'unit-placement': {
    id: 'Anda hanya dapat menaruh data di unit Anda sendiri; unit lain ditambahkan oleh admin lokal.',
    en: 'You can only place records in your own units; a local admin adds other units.',
  },
  'facilitator-account': {
    id: 'Pendamping sesi harus akun pendamping atau admin lokal yang aktif di kabupaten ini.',
    en: "A session's facilitator must be an active facilitator or local admin account of this regency.",
  },
  'whole-record': {
    id: 'Hanya pembuatnya (pendamping sesi) atau admin lokal yang dapat menghapus atau memulihkan ini.',
    en: 'Only its creator (the session facilitator) or a local admin can delete or restore this.',
  },
  'sent-draft': {
    id: 'Proposal ini sudah terkirim ke kompetisi; isinya terkunci sampai admin lokal membukanya kembali. Komentar tetap bisa ditulis.',
    en: 'This proposal has been sent to a competition; its content is locked until a local admin reopens it. Comments can still be written.',
  },
};

/** A refusal as one "Indonesian / English" sentence (the server's detail, the store's message). */
export const writeRefusalText = (refusal: WriteRefusal): string =>
  `${WRITE_REFUSAL_MESSAGES[refusal].id} / ${WRITE_REFUSAL_MESSAGES[refusal].en}`;

/** The field that places a record of each kind in units (see `unitIdsOf`). */
const UNIT_PLACING_PATHS: Partial<Record<RecordKind, string>> = {
  session: 'unitIds',
  draft: 'unitId',
  checklist: 'unitId',
};

/** Draft paths a facilitator of the unit writes: the review moves (which move is for review.ts to judge). */
const REVIEW_PATHS: readonly string[] = ['reviewStatus', 'sent'];
/** The follow-up statuses an innovator moves their own follow-up between. */
const OWNER_STATUSES: readonly unknown[] = ['terbuka', 'selesai'];

/** One write of a record: its scope as stored (or, new, as it will be), its body before and after. */
export interface WriteAttempt {
  scope: RecordScope;
  /** The stored body; null for a record that does not exist yet. */
  before: Record<string, unknown> | null;
  /** The body after the change (for a delete: the stored body). */
  after: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Who writes a session: its facilitator, or its creator while no facilitator is set. */
export function sessionWriterOf(body: Record<string, unknown>, createdBy: string): string {
  return typeof body.facilitatorId === 'string' ? body.facilitatorId : createdBy;
}

/** The `actions.<id>` entry of a session body, or undefined. */
function actionOf(body: Record<string, unknown> | null, path: string): Record<string, unknown> | undefined {
  if (!body || !path.startsWith('actions.')) return undefined;
  const actions = body.actions;
  if (!isObject(actions)) return undefined;
  const key = path.slice('actions.'.length);
  const entry = Object.hasOwn(actions, key) ? actions[key] : undefined;
  return isObject(entry) ? entry : undefined;
}

/** An innovator's change of a follow-up: only its status, between open and done, on a follow-up that is theirs. */
function ownFollowUpStatusOnly(who: AccessPrincipal, attempt: WriteAttempt, path: string): boolean {
  const before = actionOf(attempt.before, path);
  const after = actionOf(attempt.after, path);
  // Old follow-ups have no owner: nobody's (null), so only the facilitator and local admins change them.
  if (!before || !after || (before.ownerId ?? null) !== who.userId) return false;
  if (!OWNER_STATUSES.includes(before.status) || !OWNER_STATUSES.includes(after.status)) return false;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'status') continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) return false;
  }
  return true;
}

/** The units of a person body (people records list their units in `unitIds`). */
const personUnits = (body: Record<string, unknown> | null): string[] =>
  body && Array.isArray(body.unitIds) ? (body.unitIds as string[]) : [];

/**
 * Why this person may not write `path` of the record (null: they may). `path` is a field path of the body
 * (`notes`, `actions.<id>`, `sections.ringkasan`) or `deleted`. For a new record (`before` null) every path is
 * judged as its creation: ask about each path the creation carries.
 */
export function pathRefusal(who: AccessPrincipal, attempt: WriteAttempt, path: string): WriteRefusal | null {
  const { scope, before, after } = attempt;
  const reach = reachRefusal(who, scope);
  if (reach) return reach;
  const coordinator = who.role === 'coordinator';
  // A record's units decide who reads it: nobody but a local admin adds a unit that is not theirs (a record a
  // local admin placed in another unit too keeps it when its own people edit it).
  if (!coordinator && UNIT_PLACING_PATHS[scope.kind] === path) {
    const units = (body: Record<string, unknown> | null) => (body ? unitIdsOf(scope.kind, body) : []);
    const was = units(before);
    const mine = who.unitIds ?? [];
    if (units(after).some((u) => !was.includes(u) && !mine.includes(u))) return 'unit-placement';
  }
  switch (scope.kind) {
    case 'person': {
      if (coordinator) return null;
      // Another engineer's optional `hasAccount` field: a person with an account is the admin's alone.
      if (before?.hasAccount === true || after.hasAccount === true) return 'coordinator-only';
      const mine = who.unitIds ?? [];
      const inMyUnits = (units: string[]) => units.length > 0 && units.every((u) => mine.includes(u));
      if ((before && !inMyUnits(personUnits(before))) || !inMyUnits(personUnits(after)))
        return 'person-units';
      return null;
    }
    case 'session': {
      if (coordinator) return null;
      if (!before) return who.role === 'facilitator' ? null : 'session-writer';
      if (sessionWriterOf(before, scope.createdBy) === who.userId) return null;
      if (path === DELETED_PATH) return 'whole-record';
      if (who.role === 'innovator' && ownFollowUpStatusOnly(who, attempt, path)) return null;
      return who.role === 'innovator' ? 'own-follow-up' : 'session-writer';
    }
    case 'draft':
    case 'checklist': {
      if (
        scope.kind === 'draft' &&
        before &&
        sentDraftLocks(who.role, before.reviewStatus, after.reviewStatus, path)
      )
        return 'sent-draft';
      if (coordinator || scope.createdBy === who.userId || !before) return null;
      if (path === DELETED_PATH) return 'whole-record';
      if (who.role === 'innovator') return null;
      return scope.kind === 'draft' && REVIEW_PATHS.includes(path) ? null : 'draft-writer';
    }
    default:
      // Units (reach: coordinators), submissions, attachments, conflicts, comments: their reach and own rules.
      return null;
  }
}

/** Roles a session's facilitator may have: whoever `facilitatorId` names writes the session. */
export const FACILITATOR_ROLES: readonly PersonRole[] = ['facilitator', 'coordinator'];

/**
 * What the writer's side knows of the account a session's `facilitatorId` names: on the server its user row in
 * the tenant, on the phone its person record (an account's person record has the user id as its id). Undefined:
 * no such account in the tenant (a made-up id, another tenant's account, a person without an account).
 */
export interface NamedAccount {
  role: PersonRole | null;
  /** Not disabled (on the phone: a person record with an account that is not a tombstone). */
  active: boolean;
}

/** A person record as a `NamedAccount` (undefined for a person without an account). */
export function namedAccountOfPerson(
  person: { role: PersonRole | null; hasAccount?: boolean; deleted: boolean } | undefined,
): NamedAccount | undefined {
  return person?.hasAccount === true ? { role: person.role, active: !person.deleted } : undefined;
}

/** May this person be named a session's facilitator? */
export const mayFacilitate = (account: NamedAccount | undefined): boolean =>
  !!account?.active && account.role !== null && FACILITATOR_ROLES.includes(account.role);

/**
 * Why this person may not set a session's `facilitatorId` to what `attempt.after` names (null: they may). Asked
 * when the path changes, on top of `pathRefusal`. Nobody (null) and themself are theirs to set; anyone else only
 * a local admin or the session's writer hands the session to (on a new session: its creator), and only an active
 * facilitator or local admin account of the tenant (`named`): otherwise a writer could name an innovator, or a
 * made-up or another tenant's id, and so change who writes the session.
 */
export function facilitatorRefusal(
  who: AccessPrincipal,
  attempt: WriteAttempt,
  named: NamedAccount | undefined,
): WriteRefusal | null {
  if (attempt.scope.kind !== 'session') return null;
  const id = attempt.after.facilitatorId ?? null;
  if (id === null || id === who.userId) return null;
  if (attempt.before && (attempt.before.facilitatorId ?? null) === id) return null;
  if (
    who.role !== 'coordinator' &&
    attempt.before &&
    sessionWriterOf(attempt.before, attempt.scope.createdBy) !== who.userId
  )
    return 'session-writer';
  return mayFacilitate(named) ? null : 'facilitator-account';
}

/** The refused paths of a write, each with its reason (empty: everything may be written). */
export function refusedPaths(
  who: AccessPrincipal,
  attempt: WriteAttempt,
  paths: Iterable<string>,
): Map<string, WriteRefusal> {
  const refused = new Map<string, WriteRefusal>();
  for (const path of paths) {
    const why = pathRefusal(who, attempt, path);
    if (why) refused.set(path, why);
  }
  return refused;
}
