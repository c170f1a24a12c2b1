/**
 * The tenant's programme settings on the phone, live: the active programme record (unit kinds, the review flow's
 * optional states), re-read when a pull brings a change. Before the first sync brings one (a guest, a fresh
 * install) the shipped settings apply: every unit kind, no optional review state. Changing the review flow is a
 * local admin's edit of that record, offline like any edit (`setReviewFlow`); the server refuses it from anyone
 * else.
 */
import type { ProgrammeRecord, ProgrammeUnitType, ReviewFlow } from '../../shared/records';
import { activeProgramme, reviewFlowOf, unitTypesOf } from '../../shared/domain/programme';
import type { LocalStore, RecordStore } from '../db/types';
import { Live } from '../state/live.svelte';

export class LiveProgramme {
  readonly #records: Live<ProgrammeRecord[]>;
  #active = $derived.by(() => activeProgramme(this.#records.current ?? []));

  constructor(store: Pick<RecordStore, 'list'>) {
    this.#records = new Live(() => () => store.list('programme'));
  }

  /** The programme record in force, or null (none synced yet). */
  get active(): ProgrammeRecord | null {
    return this.#active;
  }
  get loaded(): boolean {
    return this.#records.loaded;
  }
  get reviewFlow(): ReviewFlow {
    return reviewFlowOf(this.#active);
  }
  /** The unit kinds a picker offers (`current`: the kind of the unit being edited, kept even if left out). */
  unitTypes(current?: string): readonly ProgrammeUnitType[] {
    return unitTypesOf(this.#active, current);
  }
}

/**
 * Switches one optional state of a programme's review flow (one local edit, synced later). The other switch is
 * read from the stored record in the same transaction, not from the screen: two quick taps must not undo each
 * other while the screen's copy catches up.
 */
export async function setReviewFlowOption(
  store: Pick<LocalStore, 'batch' | 'get' | 'update'>,
  programmeId: string,
  option: keyof ReviewFlow,
  on: boolean,
): Promise<void> {
  await store.batch(async () => {
    const current = await store.get('programme', programmeId);
    if (!current) throw new Error('Pengaturan program tidak ditemukan / programme settings not found');
    await store.update('programme', programmeId, { reviewFlow: { ...current.reviewFlow, [option]: on } });
  });
}
