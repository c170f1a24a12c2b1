/**
 * The offer to move a guest's local data into the signed-in account. Nothing moves until the user taps
 * "Pindahkan data tamu ke akun ini" (see guest-move.ts for what is copied and how). Guest units with no unit of
 * the same name in the account are listed first, each with a choice (an account unit, a new unit for
 * coordinators, no unit for the others); the move waits until every one has one.
 */
import { SvelteMap } from 'svelte/reactivity';
import { openLocalStore } from '../db';
import type { LocalStore } from '../db/types';
import type { Unit } from '../../shared/records';
import { canWrite } from '../../shared/access';
import {
  guestMovedTo,
  guestRecordsToMove,
  moveGuestData,
  planGuestUnits,
  type GuestUnitChoice,
} from './guest-move';
import type { AccountSession } from './session.svelte';

export class GuestData {
  #count = $state(0);
  #moving = $state(false);
  #moved = $state<number | null>(null);
  #error = $state<string | null>(null);
  #unitsToChoose = $state.raw<Unit[]>([]);
  #accountUnits = $state.raw<Unit[]>([]);
  readonly #choices = new SvelteMap<string, GuestUnitChoice>();

  constructor(
    private readonly session: AccountSession,
    private readonly openGuest: () => Promise<LocalStore> = () => openLocalStore({ userId: null }),
  ) {}

  /** Guest records that would move (0 when signed out or already moved to this account). */
  get count(): number {
    return this.#count;
  }
  get moving(): boolean {
    return this.#moving;
  }
  get moved(): number | null {
    return this.#moved;
  }
  get error(): string | null {
    return this.#error;
  }
  /** Guest units with no unit of the same name in the account: each needs a choice before the move. */
  get unitsToChoose(): Unit[] {
    return this.#unitsToChoose;
  }
  /** The account's active units, to choose from. */
  get accountUnits(): Unit[] {
    return this.#accountUnits;
  }
  get choices(): ReadonlyMap<string, GuestUnitChoice> {
    return this.#choices;
  }
  /** Coordinators may create a new unit for a guest unit; the others move its data without a unit. */
  get mayCreateUnits(): boolean {
    return this.session.user?.role === 'coordinator';
  }
  /** Whether every unit to choose for has a choice. */
  get ready(): boolean {
    return this.#unitsToChoose.every((u) => this.#choices.has(u.id));
  }

  choose(guestUnitId: string, choice: GuestUnitChoice | null): void {
    if (choice) this.#choices.set(guestUnitId, choice);
    else this.#choices.delete(guestUnitId);
  }

  /** Units this person may put records in, by the shared rules (an innovator: their own units). */
  #mayUse = (unitId: string): boolean => {
    const who = this.session.principal;
    return (
      !who ||
      canWrite(who, { tenantId: who.tenantId, kind: 'draft', unitIds: [unitId], createdBy: who.userId })
    );
  };

  async check(): Promise<void> {
    const user = this.session.user;
    if (!user || !this.session.signedIn) {
      this.#count = 0;
      return;
    }
    const guest = await this.openGuest();
    const target = this.session.workspace.store;
    try {
      if (await guestMovedTo(guest, user.id)) {
        this.#count = 0;
        return;
      }
      const records = await guestRecordsToMove(guest, user.role);
      const plan = target ? await planGuestUnits(guest, target, user.role, this.#mayUse) : null;
      // A coordinator's own units count too (they may be all the guest made).
      const units = user.role === 'coordinator' ? (plan?.unmatched.filter((u) => !u.demo).length ?? 0) : 0;
      this.#count = records.length + units;
      this.#unitsToChoose = plan?.unmatched ?? [];
      this.#accountUnits = plan?.accountUnits ?? [];
    } catch (err) {
      // Signed out while counting: the account's database closed under the count, and there is nothing to offer.
      if (err instanceof Error && err.name === 'DatabaseClosedError') {
        this.#count = 0;
        return;
      }
      throw err;
    } finally {
      guest.close();
    }
  }

  /** Copies the guest's records into the user's database; only ever called from the explicit button. */
  async move(): Promise<void> {
    const user = this.session.user;
    const target = this.session.workspace.store;
    if (!user || !target || this.#moving) return;
    this.#moving = true;
    this.#error = null;
    const guest = await this.openGuest();
    try {
      this.#moved = await moveGuestData(guest, target, user, this.#choices, this.#mayUse);
      this.#count = 0;
      this.#unitsToChoose = [];
    } catch (err) {
      this.#error = err instanceof Error ? err.message : String(err);
    } finally {
      guest.close();
      this.#moving = false;
    }
  }
}
