/**
 * What the signed-in person may do, by the same rules the server enforces (`src/shared/access.ts`): screens ask
 * `can.create(kind, unitIds)` and `can.edit(record)` to hide or disable what the server would refuse, and
 * `can.readOnlyReason(record)` to say why a record is read-only. The guest (not signed in, nothing syncs) may do
 * anything with their own local data. The store refuses the same writes (`OpenOptions.principal`) if a screen
 * path still tries.
 */
import { SELF_SCOPED_KINDS, canWrite, scopeOfRecord, type AccessPrincipal } from '../../shared/access';
import type { AnyRecord, RecordKind } from '../../shared/records';
import { accountSession } from './session.svelte';

/** Why a record is read-only for this person: a Reader account, or a unit that is not theirs. */
export type ReadOnlyReason = 'viewer' | 'unit';

export class Permissions {
  readonly #source: () => AccessPrincipal | null;
  readonly #principal = $derived.by(() => this.#source());

  constructor(source: () => AccessPrincipal | null) {
    this.#source = source;
  }

  /** The signed-in person, or null for the guest. */
  get principal(): AccessPrincipal | null {
    return this.#principal;
  }

  /** May the person make a new record of `kind` in these units (none: a record of their own)? */
  create(kind: RecordKind, unitIds: readonly string[] = []): boolean {
    const who = this.#principal;
    if (!who || !SELF_SCOPED_KINDS.includes(kind)) return true;
    return canWrite(who, { tenantId: who.tenantId, kind, unitIds, createdBy: who.userId });
  }

  /** May the person change (edit, delete, restore) this stored record? */
  edit(record: AnyRecord): boolean {
    const who = this.#principal;
    if (!who || !SELF_SCOPED_KINDS.includes(record.kind)) return true;
    return canWrite(who, scopeOfRecord(record.kind, record as AnyRecord & Record<string, unknown>));
  }

  /** Why `record` is read-only for this person, or null when they may change it. */
  readOnlyReason(record: AnyRecord): ReadOnlyReason | null {
    if (this.edit(record)) return null;
    const who = this.#principal;
    if (who && !who.canWrite) return 'viewer';
    return 'unit';
  }
}

/** The app's permissions, following the signed-in account. */
export const can = new Permissions(() => accountSession.principal);
