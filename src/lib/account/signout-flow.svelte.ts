/**
 * The sign-out screen's state. With unsynced changes it never signs out in one tap: it shows how many there are
 * and what they are, and offers "Ekspor dulu", "Sinkronkan dulu" and an explicit "Keluar, tetap simpan data di
 * perangkat". The user's database is kept in every case.
 */
import type { RecordKind } from '../../shared/records';
import type { LocalStore, OutboxEntry } from '../db/types';
import { downloadFile, exportLocalData, type ExportFile } from './export';
import type { AccountSession } from './session.svelte';
import { unsyncedChanges } from './signout';
import { syncOnce, type SyncFirstResult } from './sync-first';

export interface UnsyncedItem {
  seq: number;
  kind: RecordKind;
  op: OutboxEntry['op'];
  state: 'pending' | 'sending' | 'rejected';
  /** A name a person recognizes: the draft's title, the unit's name, the session's date and place. */
  title: string;
  /** The server's reason, for rejected changes. */
  reason: string | null;
}

export type SignOutStep = 'closed' | 'confirm' | 'review' | 'done';

/** How many unsynced changes are listed by name; the rest are counted. */
export const LISTED_MAX = 8;

async function titleOf(store: LocalStore, entry: OutboxEntry): Promise<string> {
  const record = await store.get(entry.kind, entry.recordId).catch(() => undefined);
  if (!record) return '';
  switch (record.kind) {
    case 'unit':
    case 'person':
      return record.name;
    case 'draft':
      return record.title;
    case 'session':
      return [record.startsAt.replace('T', ' '), record.place].filter(Boolean).join(' · ');
    case 'checklist':
      return record.templateKey;
    case 'conflict':
      return record.path;
    case 'comment':
      return record.text.slice(0, 80);
    case 'submission':
      return `#${record.number}`;
    case 'attachment':
      return record.name;
    case 'template':
      return `${record.key} v${record.version}`;
    case 'programme':
      return String(record.year);
  }
}

export interface SignOutDeps {
  exportData?: (store: LocalStore) => Promise<ExportFile>;
  download?: (file: ExportFile) => void;
  syncNow?: (store: LocalStore) => Promise<SyncFirstResult>;
}

export class SignOutFlow {
  #step = $state<SignOutStep>('closed');
  #items = $state.raw<UnsyncedItem[]>([]);
  #count = $state(0);
  #busy = $state<'export' | 'sync' | 'sign-out' | null>(null);
  #exported = $state<string | null>(null);
  #error = $state<string | null>(null);

  readonly #deps: Required<SignOutDeps>;

  constructor(
    private readonly session: AccountSession,
    deps: SignOutDeps = {},
  ) {
    this.#deps = {
      exportData: deps.exportData ?? exportLocalData,
      download: deps.download ?? ((file) => downloadFile(file)),
      syncNow: deps.syncNow ?? ((store) => syncOnce(store, () => session.getAccessToken())),
    };
  }

  get step(): SignOutStep {
    return this.#step;
  }
  /** Unsynced changes (pending, sending and rejected). */
  get count(): number {
    return this.#count;
  }
  get items(): UnsyncedItem[] {
    return this.#items;
  }
  get busy(): 'export' | 'sync' | 'sign-out' | null {
    return this.#busy;
  }
  /** File name of the last export. */
  get exported(): string | null {
    return this.#exported;
  }
  /** Bilingual ("Indonesian / English") message of the last failure. */
  get error(): string | null {
    return this.#error;
  }

  /** Looks at the outbox: no unsynced change means a plain confirmation, otherwise the review. */
  async begin(): Promise<void> {
    this.#error = null;
    this.#exported = null;
    await this.#load();
    this.#step = this.#count === 0 ? 'confirm' : 'review';
  }

  cancel(): void {
    this.#step = 'closed';
    this.#error = null;
  }

  async exportFirst(): Promise<void> {
    const store = this.session.workspace.store;
    if (!store) return;
    await this.#busyWith('export', async () => {
      const file = await this.#deps.exportData(store);
      this.#deps.download(file);
      this.#exported = file.filename;
    });
  }

  async syncFirst(): Promise<void> {
    const store = this.session.workspace.store;
    if (!store) return;
    await this.#busyWith('sync', async () => {
      const result = await this.#deps.syncNow(store);
      if (!result.ok) this.#error = result.error;
      await this.#load();
      if (this.#count === 0) this.#step = 'confirm';
    });
  }

  /** Signs out, keeping the database; the user saw the unsynced changes (or there were none). */
  async signOut(): Promise<void> {
    await this.#busyWith('sign-out', async () => {
      await this.session.signOut({ keepUnsyncedOnPhone: true });
      this.#step = 'done';
    });
  }

  /** One step at a time: ignored while another runs; `busy` names it meanwhile; a failure's message in `error`. */
  async #busyWith(step: NonNullable<SignOutFlow['busy']>, action: () => Promise<void>): Promise<void> {
    if (this.#busy) return;
    this.#busy = step;
    this.#error = null;
    try {
      await action();
    } catch (err) {
      this.#error = err instanceof Error ? err.message : String(err);
    } finally {
      this.#busy = null;
    }
  }

  async #load(): Promise<void> {
    const store = this.session.workspace.store;
    const entries = store ? await unsyncedChanges(store) : [];
    this.#count = entries.length;
    this.#items = store
      ? await Promise.all(
          entries.slice(0, LISTED_MAX).map(async (e) => ({
            seq: e.seq,
            kind: e.kind,
            op: e.op,
            state: e.rejected ? ('rejected' as const) : e.state,
            title: await titleOf(store, e),
            reason: e.rejected?.message ?? null,
          })),
        )
      : [];
  }
}
