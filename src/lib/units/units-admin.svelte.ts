/**
 * The units screen's actions. Creating, renaming, archiving and restoring a unit are ordinary edits of a synced
 * record (through the local store, offline too; coordinators only once signed in, as the server rules). Merging
 * two units moves other people's records, so it happens on the server in one transaction
 * (`POST /api/units/{id}/merge`) and needs a connection; the phone then pulls the moved records.
 */
import { countUnitReferences, UNIT_REFERRING_KINDS } from '../../shared/domain/units';
import type { UnitType } from '../../shared/domain/unit-types';
import { unitBodySchema, type AnyRecord, type Unit } from '../../shared/records';
import { mergeUnitsResponseSchema, type MergeUnitsResponse } from '../../shared/units';
import type { LocalStore } from '../db/types';
import { localizeMessage, t } from '../i18n/index.svelte';
import { failureText } from '../account/accounts-admin.svelte';
import type { AccountSession } from '../account/session.svelte';

/** What a merge would move, counted on this phone (a coordinator's phone holds the whole tenant). */
export interface MergePreview {
  records: number;
  people: number;
}

export class UnitsAdmin {
  #busy = $state(false);
  #error = $state<string | null>(null);
  #mergeError = $state<string | null>(null);

  constructor(
    private readonly store: LocalStore,
    private readonly session: AccountSession,
    /** Pulls at once after a merge, so the moved records arrive without waiting for the next sync. */
    private readonly syncNow: () => Promise<void> = async () => {},
  ) {}

  get busy(): boolean {
    return this.#busy;
  }
  /** Bilingual message ("Indonesian / English") of the last failed edit. */
  get error(): string | null {
    return this.#error;
  }
  /** The same for the last failed merge (shown beside the merge button). */
  get mergeError(): string | null {
    return this.#mergeError;
  }

  /** Validates with the shared schema; returns the first message per field, or the parsed body. */
  static validate(name: string, type: UnitType) {
    return unitBodySchema.safeParse({ name: name.trim(), type, demo: false });
  }

  /** What the unit forms need: the name and type as they will be stored, or the message beside the name. */
  static check(
    name: string,
    type: UnitType,
  ): { ok: true; name: string; type: UnitType } | { ok: false; nameError: string } {
    const parsed = UnitsAdmin.validate(name, type);
    if (parsed.success) return { ok: true, name: parsed.data.name, type: parsed.data.type };
    const message = parsed.error.issues.find((i) => i.path[0] === 'name')?.message;
    return { ok: false, nameError: message ? localizeMessage(message) : t('validation.invalid') };
  }

  async create(name: string, type: UnitType): Promise<Unit | null> {
    const parsed = UnitsAdmin.validate(name, type);
    if (!parsed.success) return null;
    return this.#run(() => this.store.create('unit', parsed.data));
  }

  async edit(unit: Unit, name: string, type: UnitType): Promise<Unit | null> {
    const parsed = UnitsAdmin.validate(name, type);
    if (!parsed.success) return null;
    return this.#run(() =>
      this.store.update('unit', unit.id, { name: parsed.data.name, type: parsed.data.type }),
    );
  }

  /** Archived: kept with its records, hidden from pickers and new records, restorable. */
  async setArchived(unit: Unit, archived: boolean): Promise<Unit | null> {
    return this.#run(() => this.store.update('unit', unit.id, { archived }));
  }

  /** How many records and people name the unit (shown before a merge is confirmed). */
  async mergePreview(unitId: string): Promise<MergePreview> {
    const records: AnyRecord[] = [];
    for (const kind of UNIT_REFERRING_KINDS) records.push(...(await this.store.list(kind)));
    const counts = countUnitReferences(records as (AnyRecord & Record<string, unknown>)[], unitId);
    return { records: counts.total - counts.person, people: counts.person };
  }

  /** Merges `mergedId` into `keptId` on the server; null with `error` set when refused or offline. */
  async merge(mergedId: string, keptId: string): Promise<MergeUnitsResponse | null> {
    this.#busy = true;
    this.#mergeError = null;
    try {
      const out = await this.session.authorized('POST', `/api/units/${encodeURIComponent(mergedId)}/merge`, {
        body: { into: keptId },
        schema: mergeUnitsResponseSchema,
      });
      // The two units at once (the screen shows the merged one archived); the moved records come with the pull.
      await this.store.applyRemote([out.merged, out.kept]);
      await this.syncNow();
      return out;
    } catch (err) {
      this.#mergeError = failureText(err);
      return null;
    } finally {
      this.#busy = false;
    }
  }

  async #run<T>(action: () => Promise<T>): Promise<T | null> {
    this.#busy = true;
    this.#error = null;
    try {
      return await action();
    } catch (err) {
      this.#error = failureText(err);
      return null;
    } finally {
      this.#busy = false;
    }
  }
}
