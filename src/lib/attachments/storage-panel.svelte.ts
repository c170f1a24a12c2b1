/**
 * State of the "Ruang lampiran" settings panel: how much attachments take on this phone (live), and freeing space
 * by dropping the originals the server has confirmed (thumbnails stay in the records; files re-download on demand).
 */
import type { AttachmentStore } from '../db/types';
import { Live } from '../state/live.svelte';
import { attachmentUsage, dropUploadedOriginals, type AttachmentUsage } from './local';

export class AttachmentStorage {
  readonly #usage: Live<AttachmentUsage>;
  readonly #store: Pick<AttachmentStore, 'blobs'>;
  #freed = $state<{ files: number; bytes: number } | null>(null);
  #busy = $state(false);
  #error = $state<string | null>(null);

  constructor(store: Pick<AttachmentStore, 'blobs'>) {
    this.#store = store;
    this.#usage = new Live(() => () => attachmentUsage(store));
  }

  get usage(): AttachmentUsage | undefined {
    return this.#usage.current;
  }
  get freed(): { files: number; bytes: number } | null {
    return this.#freed;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get error(): string | null {
    return this.#error;
  }

  async free(): Promise<void> {
    this.#busy = true;
    this.#error = null;
    try {
      this.#freed = await dropUploadedOriginals(this.#store);
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
    } finally {
      this.#busy = false;
    }
  }
}
