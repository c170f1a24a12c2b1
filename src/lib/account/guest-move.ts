/**
 * Moving a guest's local records into a signed-in user's database, only when the user taps "Pindahkan data
 * tamu ke akun ini". Records are COPIED as new local records (new ids, queued for sync); the guest database
 * keeps its copy and remembers the move, so the offer is not repeated and nothing is deleted silently.
 *
 * What is moved: live (not deleted) drafts, checklists and sessions, and, for coordinators only (only they may
 * create them on the server), people. Demo records (the demo regency) never move. Attachments move with their
 * parent (bytes copied by hash, queued for upload); one whose parent stays is left.
 *
 * Units are never dropped silently: each guest unit (not demo, or named by a record that moves) is matched to the
 * account's unit of the same name (case- and space-insensitive, `matchUnitsByName`); for each one without a match
 * the person chooses first (`planGuestUnits` lists them): one of the account's units, a new unit (coordinators,
 * who may create units), or no unit (the others). Only then do records move, their unit links pointing at the
 * chosen units. Other references to records that did not move are cleared, so nothing points outside the
 * account.
 */
import { uuidv7 } from 'uuidv7';
import {
  bodyOf,
  type AnyRecord,
  type Unit,
  type BodyOf,
  type RecordKind,
  type RecordOfKind,
} from '../../shared/records';
import type { User } from '../../shared/api';
import { isActiveUnit, matchUnitsByName, namesUnit } from '../../shared/domain/units';
import { DEMO_META_KEY, type DemoManifest } from '../db/demo';
import type { AttachmentStore, MetaStore } from '../db/types';

/** The guest's database: read, and told where its data went. */
type GuestStore = AttachmentStore & MetaStore;

export const GUEST_MOVED_META_KEY = 'movedToAccounts';

export interface GuestMove {
  userId: string;
  at: number;
  count: number;
}

/** Creation order: referenced records first. */
const ORDER = [
  'unit',
  'person',
  'draft',
  'checklist',
  'session',
  'attachment',
] as const satisfies readonly RecordKind[];
type MovableKind = (typeof ORDER)[number];

type Role = User['role'];

/** Units are not in here: they move by the person's choice (see the file comment). */
function kindsFor(role: Role): MovableKind[] {
  return ORDER.filter((k) => k !== 'unit' && (role === 'coordinator' || k !== 'person'));
}

/** What becomes of a guest unit with no unit of the same name in the account. */
export type GuestUnitChoice =
  | { kind: 'existing'; unitId: string }
  /** Coordinators only: the unit is created in the account. */
  | { kind: 'new' }
  /** Not coordinators: the records move without a unit. */
  | { kind: 'none' };

export interface GuestUnitPlan {
  /** Guest unit -> the account's unit of the same name. */
  matched: { guest: Unit; account: Unit }[];
  /** Guest units to choose for before moving. */
  unmatched: Unit[];
  /** The account's units to choose from (active ones). */
  accountUnits: Unit[];
}

export class GuestUnitChoiceMissing extends Error {
  constructor(readonly units: string[]) {
    super(
      `Pilih unit untuk ${units.join(', ')} sebelum memindahkan data / choose a unit for ${units.join(', ')} before moving the data`,
    );
  }
}

/** A copy of the record's body, free to change without touching the guest's record. */
function bodyCopy<K extends RecordKind>(record: RecordOfKind<K>): BodyOf<K> {
  return structuredClone(bodyOf<K>(record.kind as K, record));
}

const mapId = (ids: Map<string, string>, id: string | null): string | null =>
  id === null ? null : (ids.get(id) ?? null);
const mapIds = (ids: Map<string, string>, list: string[]): string[] =>
  list.flatMap((id) => {
    const to = ids.get(id);
    return to ? [to] : [];
  });

/**
 * The body a moved record gets in the account: references point to the moved copies, or are cleared.
 * Returns null when the record cannot exist without a missing reference (a checklist without its draft).
 */
export function remapBody(record: AnyRecord, ids: Map<string, string>): Record<string, unknown> | null {
  switch (record.kind) {
    case 'unit':
      return bodyCopy(record);
    case 'person': {
      const body = bodyCopy(record);
      return { ...body, unitIds: mapIds(ids, body.unitIds) };
    }
    case 'draft': {
      const body = bodyCopy(record);
      return { ...body, unitId: mapId(ids, body.unitId) };
    }
    case 'checklist': {
      const body = bodyCopy(record);
      const draftId = mapId(ids, body.draftId);
      if (draftId === null) return null;
      return { ...body, draftId, unitId: mapId(ids, body.unitId) };
    }
    case 'session': {
      const body = bodyCopy(record);
      const participants = Object.fromEntries(
        Object.entries(body.participants).map(([key, p]) => [
          key,
          { ...p, personId: mapId(ids, p.personId) },
        ]),
      );
      return {
        ...body,
        unitIds: mapIds(ids, body.unitIds),
        // A guest's people have no account, and only an account may be a session's facilitator (the server and
        // the store refuse anyone else): the name stays, the link goes.
        facilitatorId: null,
        draftIds: mapIds(ids, body.draftIds),
        participants,
      };
    }
    case 'attachment': {
      // Only with its parent (a comment's attachment stays until comments move too).
      const body = bodyCopy(record);
      const parentId = mapId(ids, body.parentId);
      if (parentId === null) return null;
      return { ...body, parentId, unitId: mapId(ids, body.unitId) };
    }
    case 'conflict':
    case 'comment':
    case 'template':
    case 'programme':
      // Templates and programme settings: the account's tenant has its own (seeded by the server); a guest's
      // copies stay behind.
      return null;
    case 'submission': {
      const body = bodyCopy(record);
      const draftId = mapId(ids, body.draftId);
      if (draftId === null) return null;
      return { ...body, draftId, unitId: mapId(ids, body.unitId) };
    }
  }
}

/** The guest's records that would move into an account with `role` (demo and deleted ones left out). */
export async function guestRecordsToMove(guest: GuestStore, role: Role): Promise<AnyRecord[]> {
  const demo = await guest.getMeta<DemoManifest>(DEMO_META_KEY);
  const demoIds = new Set(demo?.records.map((r) => r.id) ?? []);
  const out: AnyRecord[] = [];
  for (const kind of kindsFor(role)) {
    for (const record of await guest.list(kind)) {
      if (record.deleted || demoIds.has(record.id)) continue;
      if ((record.kind === 'unit' || record.kind === 'person') && record.demo) continue;
      out.push(record);
    }
  }
  return out;
}

/** The guest's units that matter to a move: not demo, or named by a record that moves. */
async function guestUnitsToPlace(guest: GuestStore, records: AnyRecord[]): Promise<Unit[]> {
  const units = (await guest.list('unit')).filter((u) => !u.deleted);
  return units.filter(
    (u) => !u.demo || records.some((r) => namesUnit(r.kind, r as AnyRecord & Record<string, unknown>, u.id)),
  );
}

/** How the guest's units land in the account: matched by name, or to be chosen for (see the file comment). */
export async function planGuestUnits(
  guest: GuestStore,
  target: AttachmentStore,
  role: Role,
  /** The account's units this person may put records in (an innovator: their own); default all. */
  mayUse: (unitId: string) => boolean = () => true,
): Promise<GuestUnitPlan> {
  const records = await guestRecordsToMove(guest, role);
  const guestUnits = await guestUnitsToPlace(guest, records);
  const accountUnits = (await target.list('unit')).filter((u) => mayUse(u.id));
  const { matched, unmatched } = matchUnitsByName(guestUnits, accountUnits);
  return {
    matched: guestUnits.flatMap((g) => {
      const account = matched.get(g.id);
      return account ? [{ guest: g, account }] : [];
    }),
    unmatched,
    accountUnits: accountUnits.filter(isActiveUnit).sort((a, b) => a.name.localeCompare(b.name, 'id')),
  };
}

/** Whether the guest's data was already moved into this user's account. */
export async function guestMovedTo(guest: GuestStore, userId: string): Promise<boolean> {
  const moves = (await guest.getMeta<GuestMove[]>(GUEST_MOVED_META_KEY)) ?? [];
  return moves.some((m) => m.userId === userId);
}

/**
 * Copies the guest's records into `target` (the user's store) in ONE transaction: every copy and its outbox
 * entry are stored, or none. Returns how many records moved.
 */
export async function moveGuestData(
  guest: GuestStore,
  target: AttachmentStore,
  user: { id: string; role: Role },
  unitChoices: ReadonlyMap<string, GuestUnitChoice> = new Map(),
  mayUse: (unitId: string) => boolean = () => true,
): Promise<number> {
  const plan = await planGuestUnits(guest, target, user.role, mayUse);
  const accountUnitIds = new Set(plan.accountUnits.map((u) => u.id));
  const missing = plan.unmatched.filter((u) => {
    const choice = unitChoices.get(u.id);
    if (!choice) return true;
    if (choice.kind === 'new') return user.role !== 'coordinator';
    if (choice.kind === 'existing') return !accountUnitIds.has(choice.unitId);
    return false;
  });
  if (missing.length > 0) throw new GuestUnitChoiceMissing(missing.map((u) => u.name));
  // Guest unit -> account unit; units to create get a new id like every moved record.
  const unitIds = new Map<string, string>();
  const newUnits: Unit[] = [];
  for (const { guest: g, account } of plan.matched) unitIds.set(g.id, account.id);
  for (const unit of plan.unmatched) {
    const choice = unitChoices.get(unit.id)!;
    if (choice.kind === 'existing') unitIds.set(unit.id, choice.unitId);
    else if (choice.kind === 'new') {
      unitIds.set(unit.id, uuidv7());
      newUnits.push(unit);
    }
  }
  const records: AnyRecord[] = [...newUnits, ...(await guestRecordsToMove(guest, user.role))];
  const ids = new Map([
    ...unitIds,
    ...records.filter((r) => r.kind !== 'unit').map((r) => [r.id, uuidv7()] as const),
  ]);
  // The attachments' bytes, read before the target's transaction (which may only await its own database).
  const shas = [
    ...new Set(
      records.flatMap((r) => (r.kind === 'attachment' && remapBody(r, ids) !== null ? [r.sha256] : [])),
    ),
  ];
  const blobs = shas.length ? await guest.blobs.getMany(shas) : [];
  let moved = 0;
  await target.batch(async () => {
    for (const record of records) {
      // A demo unit chosen to be created becomes an ordinary unit of the account.
      const body =
        record.kind === 'unit' ? { ...remapBody(record, ids), demo: false } : remapBody(record, ids);
      const id = ids.get(record.id);
      if (body === null || id === undefined) continue;
      await target.create(record.kind, body as BodyOf<typeof record.kind>, { id });
      moved++;
    }
    // A file the account already holds keeps its upload as it is (even a failed one).
    for (const blob of blobs) await target.blobs.keepForUpload(blob);
  });
  const moves = (await guest.getMeta<GuestMove[]>(GUEST_MOVED_META_KEY)) ?? [];
  await guest.setMeta(GUEST_MOVED_META_KEY, [...moves, { userId: user.id, at: Date.now(), count: moved }]);
  return moved;
}
