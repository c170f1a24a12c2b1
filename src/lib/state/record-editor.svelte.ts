/**
 * Autosave for one record. The screen edits a working copy (`body`, a rune); `update()` marks the changed
 * field paths dirty and schedules a save after a short debounce; `flush()` saves at once (on blur, when the
 * page is hidden or goes away, before an update reload). There is no Save button.
 *
 * - Validation uses the shared zod body schema. Messages are shown next to their field; paths with an invalid
 *   value are held back (kept on screen, never thrown away) while every valid path still saves.
 * - The editor observes the stored record (live query), so another tab's edits appear here. Paths this editor
 *   has changed and not yet saved keep the local value; every other path takes the stored one. A save merges
 *   its dirty paths into the freshest stored body in one transaction, so it never writes back stale values of
 *   untouched paths.
 * - The base is what the text on screen came from. When a person starts changing a path, the editor records the
 *   path's field version and stored value; the save hands exactly that base to the outbox, however long the
 *   typing lasts and whatever a pull stores meanwhile (a base read at save time would tell the server the text
 *   was typed on a version the person never saw, and the server would overwrite the other person's words).
 * - Live rebase: when the stored value of a path being typed in changes (another person's change arrived, or the
 *   store merged it into a waiting outbox entry), the text on screen is merged three-way with the shared rule
 *   the server uses (`rebaseField`): clean, the screen shows the merged text and the base moves to the stored
 *   version; not clean, the person's text stays and the old base goes with the push, so the server records a
 *   conflict with both versions.
 * - A new record (`newBody`) is not stored until the person gives it something: the first save of a typed path
 *   creates it with that input, so a screen left untouched leaves no empty record behind, locally or on the
 *   server (nothing reaches the outbox).
 */
import { describeStorageError } from '../pwa/storage';
import {
  BODY_SCHEMAS,
  bodyOf,
  type BodyOf,
  type RecordId,
  type RecordKind,
  type RecordOfKind,
} from '../../shared/records';
import {
  applyPaths,
  diffBodies,
  flattenBody,
  jsonEqual,
  splitPath,
  type FieldValues,
} from '../../shared/fieldPaths';
import { rebasable, rebaseField } from '../../shared/fieldDecision';
import type { FieldBase, LocalStore } from '../db/types';
import type { LiveObserver } from '../db';
import { dataModule } from './data-module';
import { registerEditor } from './editors';

export type SaveState = 'saved' | 'pending' | 'saving' | 'invalid' | 'error';

export const AUTOSAVE_DEBOUNCE_MS = 400;

/** A live query (Dexie's `observe` by default; tests hand in one that answers when they say). */
export type LiveQuery = <T>(fn: () => Promise<T>, observer: LiveObserver<T>) => () => void;

/** A live read of the record, with how many saves the editor had taken in when the read began. */
interface Heard<K extends RecordKind> {
  record: RecordOfKind<K> | undefined;
  asked: number;
}

/** A path's stored value and version in `record` (a missing map entry is null, as in field paths). */
function storedAt<K extends RecordKind>(kind: K, record: RecordOfKind<K>, path: string): FieldBase {
  const values = flattenBody(kind, bodyOf(kind, record) as Record<string, unknown>);
  return { version: record.fieldVersions[path] ?? 0, value: values[path] ?? null };
}

/** Where a dirty path's text came from; `conflictWith` is the stored value a rebase could not merge with. */
interface PathBase extends FieldBase {
  conflictWith?: unknown;
}

export class RecordEditor<K extends RecordKind> {
  readonly kind: K;
  readonly id: RecordId;
  readonly #store: LocalStore;
  readonly #debounceMs: number;

  #body = $state<BodyOf<K> | null>(null);
  #record = $state.raw<RecordOfKind<K> | null>(null);
  #missing = $state(false);
  #status = $state<SaveState>('saved');
  #saveError = $state<string | null>(null);
  #errors = $state<Record<string, string>>({});
  #rebased = $state(0);
  /** The body of a record not created yet (see `newBody`); null once it exists or when it was never new. */
  #unborn = $state.raw<BodyOf<K> | null>(null);

  /** Path -> latest local value not yet stored. Plain (not a rune): only the editor reads it. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- deliberately not reactive (see above)
  #dirty = new Map<string, unknown>();
  /** Dirty path -> the stored version and value its text on screen came from (see the file comment). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- as #dirty
  #bases = new Map<string, PathBase>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> | null = null;
  #unsubscribe: (() => void) | null = null;
  #unregister: () => void;
  #disposed = false;
  /** Saves taken in so far (see `#hear`). */
  #savesTaken = 0;

  /**
   * `newBody`: the record `id` does not exist yet; the screen shows this body and the first save of something
   * typed creates the record with it.
   */
  constructor(
    store: LocalStore,
    kind: K,
    id: RecordId,
    opts: { debounceMs?: number; newBody?: BodyOf<K>; observe?: LiveQuery } = {},
  ) {
    this.#store = store;
    this.kind = kind;
    this.id = id;
    this.#debounceMs = opts.debounceMs ?? AUTOSAVE_DEBOUNCE_MS;
    if (opts.newBody) {
      this.#unborn = opts.newBody;
      this.#body = structuredClone(opts.newBody);
    }
    this.#unregister = registerEditor(this);
    const observe: LiveQuery = opts.observe ?? dataModule().observe;
    this.#unsubscribe = observe(
      () => {
        const asked = this.#savesTaken;
        return store.get(kind, id).then((record): Heard<K> => ({ record, asked }));
      },
      { next: (heard) => this.#hear(heard), error: (err) => this.#failRead(err) },
    );
  }

  /** The working copy; null until the record is read. Screens read it and call `update()` to change it. */
  get body(): BodyOf<K> | null {
    return this.#body;
  }
  /** The last stored version seen (envelope included). */
  get record(): RecordOfKind<K> | null {
    return this.#record;
  }
  /** A new record nobody has given anything yet: it is not stored (see `newBody`). */
  get unborn(): boolean {
    return this.#unborn !== null;
  }
  get loaded(): boolean {
    return this.#body !== null || this.#missing;
  }
  /** The record is not (or no longer) in the store, or is a tombstone. */
  get missing(): boolean {
    return this.#missing;
  }
  /** Only a summary is on this phone (a first pull): nothing may be edited until the full record arrives. */
  get partial(): boolean {
    return this.#record?.partial === true;
  }
  get deleted(): boolean {
    return this.#record?.deleted ?? false;
  }
  get status(): SaveState {
    return this.#status;
  }
  /** How many times another person's change was merged into text being typed here (screens may say so). */
  get rebased(): number {
    return this.#rebased;
  }
  get saveError(): string | null {
    return this.#saveError;
  }
  /** Validation messages by field path (`startsAt`, `actions.<id>.due`, ...), as the shared schema words them. */
  get errors(): Readonly<Record<string, string>> {
    return this.#errors;
  }
  errorAt(path: string): string | undefined {
    return this.#errors[path];
  }

  /** Changes top-level fields of the working copy and schedules a save. */
  update(patch: Partial<BodyOf<K>>): void {
    const body = this.#body;
    if (!body || this.partial) return;
    const before = $state.snapshot(body) as Record<string, unknown>;
    const after = { ...before, ...patch };
    const changed = diffBodies(this.kind, before, after);
    if (Object.keys(changed).length === 0) return;
    const record = this.#record;
    for (const [path, value] of Object.entries(changed)) {
      if (!this.#bases.has(path))
        this.#bases.set(path, record ? storedAt(this.kind, record, path) : this.#unbornAt(path));
      this.#dirty.set(path, value);
    }
    const target = body as Record<string, unknown>;
    for (const field of Object.keys(patch)) target[field] = (after as Record<string, unknown>)[field];
    this.#validate();
    this.#status = 'pending';
    this.#schedule();
  }

  /** Sets one entry of a map field (`sections`, `items`, `participants`, ...). */
  setEntry(field: keyof BodyOf<K> & string, key: string, value: unknown): void {
    const current = (this.#body as Record<string, unknown> | null)?.[field] as
      Record<string, unknown> | undefined;
    this.update({ [field]: { ...$state.snapshot(current ?? {}), [key]: value } } as Partial<BodyOf<K>>);
  }

  /** Removes one entry of a map field. */
  removeEntry(field: keyof BodyOf<K> & string, key: string): void {
    const current = (this.#body as Record<string, unknown> | null)?.[field] as
      Record<string, unknown> | undefined;
    const next = { ...$state.snapshot(current ?? {}) };
    delete next[key];
    this.update({ [field]: next } as Partial<BodyOf<K>>);
  }

  /** Saves every valid pending path now. Safe to call at any time, any number of times. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    // One save at a time: edits made during a save go in the next one.
    while (this.#saving) await this.#saving;
    const values = this.#savableValues();
    if (Object.keys(values).length === 0) return;
    this.#saving = this.#save(values).finally(() => {
      this.#saving = null;
    });
    await this.#saving;
  }

  /** Saves what is pending and stops observing. Call when the screen goes away. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#unregister();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    await this.flush();
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.#debounceMs);
  }

  #savableValues(): FieldValues {
    const invalidPaths = Object.keys(this.#errors);
    const values: FieldValues = {};
    for (const [path, value] of this.#dirty) {
      const blocked = invalidPaths.some((p) => p === path || p.startsWith(`${path}.`));
      if (!blocked) values[path] = value;
    }
    return values;
  }

  async #save(typed: FieldValues): Promise<void> {
    this.#status = 'saving';
    /** Per path: what goes to the store (the typed text, or it merged with a change stored meanwhile). */
    const sent: FieldValues = {};
    const bases: Record<string, FieldBase> = {};
    try {
      // Read, merge and write in ONE transaction: untouched paths keep what another tab wrote, even one
      // writing at this very moment.
      const saved = await this.#store.batch(async () => {
        const current = await this.#store.get(this.kind, this.id);
        if (!current) return this.#unborn ? this.#create(typed, sent, bases) : undefined;
        for (const [path, value] of Object.entries(typed)) {
          const base = this.#bases.get(path) ?? storedAt(this.kind, current, path);
          // A change stored since the screen last heard from the store: merge it now, as a live rebase would.
          const decision = this.#rebase(path, base, current, value);
          if (typeof decision === 'string' || decision.action === 'conflict') {
            sent[path] = value;
            bases[path] = { version: base.version, value: base.value };
          } else if (decision.action === 'write') {
            sent[path] = decision.value;
            bases[path] = storedAt(this.kind, current, path);
          }
          // 'keep': the stored value already holds the typed text; nothing to write.
        }
        if (Object.keys(sent).length === 0) return current;
        const merged = applyPaths(this.kind, bodyOf(this.kind, current) as Record<string, unknown>, sent);
        const fields = Object.keys(sent).map((p) => splitPath(this.kind, p).field);
        const patch = Object.fromEntries(fields.map((f) => [f, merged[f]])) as Partial<BodyOf<K>>;
        return this.#store.update(this.kind, this.id, patch, bases);
      });
      if (!saved) {
        this.#missing = true;
        this.#status = 'error';
        return;
      }
      for (const [path, value] of Object.entries(typed)) {
        if (jsonEqual(this.#dirty.get(path), value)) {
          this.#dirty.delete(path);
          this.#bases.delete(path);
        } else if (path in sent) {
          // Typed again during the save: that text continues from what was just handed to the store.
          this.#bases.set(path, { version: bases[path]!.version, value });
        }
      }
      this.#saveError = null;
      this.#unborn = null;
      this.#savesTaken++;
      this.#accept(saved, true);
    } catch (err) {
      // A full disk or an unusable database gets its own clear message; the typed text stays dirty on screen
      // and the next edit or flush tries again.
      const storage = describeStorageError(err);
      this.#saveError =
        storage.kind === 'unknown'
          ? err instanceof Error
            ? err.message
            : String(err)
          : `${storage.id} / ${storage.en}`;
      this.#status = 'error';
    }
  }

  /** A path's value in the body of a record not created yet (its base: nothing was stored before it). */
  #unbornAt(path: string): FieldBase {
    const values = this.#unborn ? flattenBody(this.kind, this.#unborn as Record<string, unknown>) : {};
    return { version: 0, value: values[path] ?? null };
  }

  /** Creates the new record with its first typed paths (inside the save's transaction). */
  #create(typed: FieldValues, sent: FieldValues, bases: Record<string, FieldBase>): Promise<RecordOfKind<K>> {
    const unborn = this.#unborn as Record<string, unknown>;
    for (const [path, value] of Object.entries(typed)) {
      sent[path] = value;
      bases[path] = this.#unbornAt(path);
    }
    const body = applyPaths(this.kind, unborn, sent) as BodyOf<K>;
    return this.#store.create(this.kind, body, { id: this.id });
  }

  /**
   * Merges `local` (text typed on `base`) with the path's value in `record` when that value is no longer the
   * base: 'unchanged' when the stored value is still the base (or a merge with it already failed), otherwise the
   * shared rule's decision.
   */
  #rebase(
    path: string,
    base: PathBase,
    record: RecordOfKind<K>,
    local: unknown,
  ): 'unchanged' | 'conflict' | ReturnType<typeof rebaseField> {
    // Summaries hold empty stand-ins for long fields, and edits of a deleted record become conflicts on the
    // server: neither is a value to merge with.
    if (record.deleted || record.partial || !rebasable(path)) return 'unchanged';
    const stored = storedAt(this.kind, record, path).value;
    if (jsonEqual(stored, base.value)) return 'unchanged';
    if ('conflictWith' in base && jsonEqual(stored, base.conflictWith)) return 'conflict';
    const decision = rebaseField(base.value, stored, local);
    if (decision.action === 'conflict') base.conflictWith = stored;
    return decision;
  }

  /**
   * A live read of the record. One begun before the latest save was taken in may hold the record from before
   * that save: a live query can answer with a read made just before the save's commit, ahead of its own re-run.
   * Taken in, it would step the screen back to the old text until the re-run (and a key typed meanwhile would
   * build on the old text). Such a read is made again instead.
   */
  #hear({ record, asked }: Heard<K>): void {
    if (this.#disposed) return;
    if (asked === this.#savesTaken) {
      this.#accept(record);
      return;
    }
    const asking = this.#savesTaken;
    this.#store.get(this.kind, this.id).then(
      (fresh) => this.#hear({ record: fresh, asked: asking }),
      (err: unknown) => this.#failRead(err),
    );
  }

  #failRead(err: unknown): void {
    this.#saveError = err instanceof Error ? err.message : String(err);
    this.#status = 'error';
  }

  /** Takes a stored version: stored values everywhere except the paths still dirty here. */
  #accept(record: RecordOfKind<K> | undefined, fromSave = false): void {
    // Not there because not created yet: the screen keeps showing the new body.
    if (!record && this.#unborn) return;
    if (!record) {
      this.#missing = true;
      this.#record = null;
      return;
    }
    this.#missing = false;
    this.#record = record;
    // Live rebase of the paths being typed in (not while a save runs: the save merges inside its transaction,
    // and its own #accept follows with the freshest record).
    if (fromSave || !this.#saving) {
      for (const [path, local] of [...this.#dirty]) {
        const base = this.#bases.get(path);
        if (!base) continue;
        const decision = this.#rebase(path, base, record, local);
        if (typeof decision === 'string') continue;
        if (decision.action === 'keep') {
          // The stored value already holds everything typed: nothing left to save for this path.
          this.#dirty.delete(path);
          this.#bases.delete(path);
        } else if (decision.action === 'write') {
          this.#dirty.set(path, decision.value);
          this.#bases.set(path, storedAt(this.kind, record, path));
          this.#rebased++;
        }
      }
    }
    const stored = bodyOf(this.kind, record) as Record<string, unknown>;
    const next = applyPaths(this.kind, stored, Object.fromEntries(this.#dirty));
    if (!this.#body) {
      this.#body = next as BodyOf<K>;
    } else {
      // Assign only changed fields, so inputs the user is typing in are not re-rendered.
      const target = this.#body as Record<string, unknown>;
      for (const [field, value] of Object.entries(next)) {
        if (!jsonEqual($state.snapshot(target[field]), value)) target[field] = value;
      }
    }
    this.#validate();
    // While a save runs, only that save decides the status (a live update must not say "saved" too early).
    if (fromSave || !this.#saving) this.#refreshStatus();
  }

  #refreshStatus(): void {
    if (this.#saveError) this.#status = 'error';
    else if (this.#dirty.size === 0) this.#status = 'saved';
    else if (Object.keys(this.#savableValues()).length === 0) this.#status = 'invalid';
    else this.#status = 'pending';
  }

  #validate(): void {
    const body = this.#body;
    if (!body) return;
    const result = BODY_SCHEMAS[this.kind].safeParse($state.snapshot(body));
    const errors: Record<string, string> = {};
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.map(String).join('.');
        errors[path] ??= issue.message;
      }
    }
    if (!jsonEqual(errors, this.#errors)) this.#errors = errors;
  }
}
