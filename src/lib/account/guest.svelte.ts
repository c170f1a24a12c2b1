/**
 * The offer to move a guest's local data into the signed-in account. Nothing moves until the user taps
 * "Pindahkan data tamu ke akun ini" (see guest-move.ts for what is copied and how).
 */
import { openLocalStore } from '../db';
import type { LocalStore } from '../db/types';
import { guestMovedTo, guestRecordsToMove, moveGuestData } from './guest-move';
import type { AccountSession } from './session.svelte';

export class GuestData {
  #count = $state(0);
  #moving = $state(false);
  #moved = $state<number | null>(null);
  #error = $state<string | null>(null);

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

  async check(): Promise<void> {
    const user = this.session.user;
    if (!user || !this.session.signedIn) {
      this.#count = 0;
      return;
    }
    const guest = await this.openGuest();
    try {
      this.#count = (await guestMovedTo(guest, user.id))
        ? 0
        : (await guestRecordsToMove(guest, user.role)).length;
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
      this.#moved = await moveGuestData(guest, target, user);
      this.#count = 0;
    } catch (err) {
      this.#error = err instanceof Error ? err.message : String(err);
    } finally {
      guest.close();
      this.#moving = false;
    }
  }
}
