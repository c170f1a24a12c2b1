/**
 * Rune state for the attachment screens: the attachments of one parent record (a live query with their upload
 * state), and the actions on one place (attach, open, download, retry, delete) with their busy and error state.
 * Components stay thin: they render these and call these.
 */
import type { AttachmentStore } from '../db/types';
import { Live } from '../state/live.svelte';
import { removeWithUndo } from '../state/undo';
import { accountSession } from '../account/session.svelte';
import type { Attachment } from '../../shared/records';
import {
  attachFile,
  attachmentsOf,
  downloadAttachment,
  localBlob,
  retryUpload,
  type AttachmentParent,
  type AttachmentView,
} from './local';

export type AttachmentDisplayState = 'local' | 'queued' | 'uploading' | 'uploaded' | 'failed' | 'remote';

/** What the person sees for one attachment (see the strings: "Hanya di perangkat ini", "Mengunggah 40%", ...). */
export function displayState(view: AttachmentView): { state: AttachmentDisplayState; percent: number } {
  const u = view.upload;
  const percent = u && u.total > 0 ? Math.floor((Math.min(u.sent, u.total) / u.total) * 100) : 0;
  if (!view.onPhone && u?.state !== 'uploaded') return { state: 'remote', percent: 0 };
  if (!u) return { state: view.onPhone ? 'local' : 'remote', percent: 0 };
  if (u.state === 'uploaded') return { state: view.onPhone ? 'uploaded' : 'remote', percent: 100 };
  if (u.state === 'failed') return { state: 'failed', percent };
  if (u.state === 'uploading') return { state: 'uploading', percent };
  // Queued: before it syncs (and while offline) it is only on this phone.
  return { state: view.record.rev > 0 ? 'queued' : 'local', percent };
}

/** The attachments of one parent record, live. */
export class ParentAttachments {
  readonly #live: Live<AttachmentView[]>;

  constructor(store: AttachmentStore, parentId: () => string) {
    this.#live = new Live(() => {
      const id = parentId();
      return id ? () => attachmentsOf(store, id) : null;
    });
  }

  get all(): AttachmentView[] {
    return (this.#live.current ?? []).filter((v) => !v.record.deleted);
  }
  get loaded(): boolean {
    return this.#live.loaded;
  }
  of(slot: string): AttachmentView[] {
    return this.all.filter((v) => v.record.slot === slot);
  }
  /** Keys of the template's required attachments that have at least one file. */
  get requiredAttached(): string[] {
    const keys = this.all.flatMap((v) =>
      v.record.slot.startsWith('required:') ? [v.record.slot.slice(9)] : [],
    );
    return keys.filter((k, i) => keys.indexOf(k) === i);
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Actions on one place of a parent (the record itself, a section, a required attachment, a checklist item). */
export class AttachmentActions {
  #busy = $state<string | null>(null);
  #error = $state<string | null>(null);
  #downloading = $state<string | null>(null);
  readonly #store: AttachmentStore;
  readonly #parent: () => AttachmentParent;
  readonly #slot: string;
  readonly #maxBytes: number | undefined;

  constructor(store: AttachmentStore, parent: () => AttachmentParent, slot: string, maxBytes?: number) {
    this.#store = store;
    this.#parent = parent;
    this.#slot = slot;
    this.#maxBytes = maxBytes;
  }

  /** The name of the file being processed, or null. */
  get busy(): string | null {
    return this.#busy;
  }
  get error(): string | null {
    return this.#error;
  }
  get downloading(): string | null {
    return this.#downloading;
  }

  async add(files: Iterable<File>): Promise<Attachment[]> {
    this.#error = null;
    const added: Attachment[] = [];
    for (const file of files) {
      this.#busy = file.name;
      try {
        added.push(
          await attachFile(this.#store, file, this.#parent(), {
            slot: this.#slot,
            ...(this.#maxBytes !== undefined ? { maxBytes: this.#maxBytes } : {}),
          }),
        );
      } catch (e) {
        this.#error = `${file.name}: ${messageOf(e)}`;
      }
    }
    this.#busy = null;
    return added;
  }

  /** Opens the file in a new tab (downloading it first when it is not on this phone). */
  async open(view: AttachmentView): Promise<void> {
    this.#error = null;
    try {
      const blob =
        (await localBlob(this.#store, view.record.sha256, view.record.mime)) ?? (await this.download(view));
      if (!blob) return;
      const url = URL.createObjectURL(blob);
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      this.#error = messageOf(e);
    }
  }

  async download(view: AttachmentView): Promise<Blob | null> {
    this.#error = null;
    this.#downloading = view.record.id;
    try {
      return await downloadAttachment(this.#store, view.record, {
        getToken: (opts) => accountSession.getAccessToken(opts),
      });
    } catch (e) {
      this.#error = messageOf(e);
      return null;
    } finally {
      this.#downloading = null;
    }
  }

  async retry(view: AttachmentView): Promise<void> {
    await retryUpload(this.#store, view.record.sha256);
  }

  async remove(view: AttachmentView, message: string): Promise<void> {
    await removeWithUndo(this.#store, 'attachment', view.record.id, { message, belongsTo: 'here' });
  }
}
