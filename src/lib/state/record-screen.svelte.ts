/**
 * What every record screen (a draft, a session, a checklist) does around its autosaving editor, written once:
 * whether this person may change the record and why not, restoring a deleted one, and deleting with undo (the
 * snackbar brings the record back and reopens its screen). The screens add only their own fields.
 */
import type { BodyOf, RecordId, RecordKind } from '../../shared/records';
import { can, type ReadOnlyReason } from '../account/permissions.svelte';
import type { LocalStore } from '../db/types';
import { router } from '../router/router.svelte';
import { RecordEditor } from './record-editor.svelte';
import { removeWithUndo } from './undo';

export interface RecordScreenPlaces {
  /** The screen's own address: an undone delete reopens it. */
  here: string;
  /** Where a delete leads: the list, or the draft a checklist belongs to. */
  afterRemove: string;
  /** The snackbar's words after a delete, in the language of the moment. */
  removed: () => string;
}

export class RecordScreen<K extends RecordKind> {
  readonly editor: RecordEditor<K>;
  readonly #store: LocalStore;
  readonly #places: RecordScreenPlaces;
  /** Why this person may not change the record's fields (the server would refuse it), or null. */
  readonly #readOnly = $derived.by((): ReadOnlyReason | null => {
    const record = this.editor.record;
    return record ? can.readOnlyReason(record) : null;
  });
  /** May this person change the whole record: delete it, restore it. */
  readonly #mayEdit = $derived.by(() => {
    const record = this.editor.record;
    return record !== null && can.edit(record);
  });

  /** `newBody`: a record not stored yet, created by the first input (see RecordEditor). */
  constructor(
    store: LocalStore,
    kind: K,
    id: RecordId,
    places: RecordScreenPlaces,
    opts: { newBody?: BodyOf<K> } = {},
  ) {
    this.#store = store;
    this.#places = places;
    this.editor = new RecordEditor(store, kind, id, opts.newBody ? { newBody: opts.newBody } : {});
  }

  get readOnly(): ReadOnlyReason | null {
    return this.#readOnly;
  }
  get mayEdit(): boolean {
    return this.#mayEdit;
  }

  async restore(): Promise<void> {
    await this.#store.restore(this.editor.kind, this.editor.id);
  }

  /** Saves what is typed, deletes (a tombstone that syncs) and leaves; the snackbar offers to undo. */
  async remove(): Promise<void> {
    const { here, afterRemove, removed } = this.#places;
    await this.editor.flush();
    await removeWithUndo(this.#store, this.editor.kind, this.editor.id, {
      message: removed(),
      onUndone: () => router.navigate(here),
    });
    router.navigate(afterRemove);
  }

  dispose(): Promise<void> {
    return this.editor.dispose();
  }
}
