/**
 * State of the settings' backup panel: the backup file once made (download link, share sheet where the phone
 * can share files) and the outcome of the last restore. Messages are kept as keys so they follow a language
 * switch.
 */
import { canShareFile, shareFile } from '../export/deliver';
import type { BackupStore } from '../db/types';
import { flushAllEditors } from '../state/editors';
import type { BackupMessage } from './strings';
import { formatSize, makeBackup, restoreBackup } from './backup';

type Busy = 'idle' | 'backing-up' | 'restoring';

export class BackupPanelState {
  #busy = $state<Busy>('idle');
  #file = $state.raw<File | null>(null);
  #url = $state<string | null>(null);
  #canShare = $state(false);
  #message = $state<(BackupMessage & { error: boolean; extra?: BackupMessage }) | null>(null);

  constructor(
    private readonly store: BackupStore,
    private readonly tenantId: string,
  ) {}

  get busy(): Busy {
    return this.#busy;
  }
  get file(): File | null {
    return this.#file;
  }
  get url(): string | null {
    return this.#url;
  }
  get canShare(): boolean {
    return this.#canShare;
  }
  get message() {
    return this.#message;
  }

  async backup(): Promise<void> {
    this.#busy = 'backing-up';
    this.#message = { key: 'backingUp', error: false };
    try {
      // Words typed a moment ago in another screen of this tab belong in the backup.
      await flushAllEditors();
      const file = await makeBackup(this.store);
      this.#setFile(file);
      this.#message = {
        key: 'backupReady',
        params: { file: file.name, size: formatSize(file.size) },
        error: false,
      };
    } catch (err) {
      this.#message = { key: 'backupFailed', params: { error: errorText(err) }, error: true };
    } finally {
      this.#busy = 'idle';
    }
  }

  async share(): Promise<void> {
    if (!this.#file) return;
    const result = await shareFile(this.#file, this.#file.name);
    this.#message =
      result === 'shared'
        ? { key: 'shared', error: false }
        : result === 'cancelled'
          ? { key: 'shareCancelled', error: false }
          : { key: 'shareFailed', params: { error: result.error }, error: true };
  }

  async restore(file: Blob): Promise<void> {
    this.#busy = 'restoring';
    this.#message = { key: 'restoring', error: false };
    try {
      const result = await restoreBackup(this.store, file, this.tenantId);
      this.#message = result.ok
        ? {
            key: 'restored',
            params: { ...result.counts },
            error: false,
            ...(result.counts.added + result.counts.updated > 0
              ? { extra: { key: 'restoreSync' as const } }
              : {}),
          }
        : { ...result.error, error: true };
    } finally {
      this.#busy = 'idle';
    }
  }

  dispose(): void {
    this.#setFile(null);
  }

  #setFile(file: File | null): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#file = file;
    this.#url = file ? URL.createObjectURL(file) : null;
    this.#canShare = file ? canShareFile(file) : false;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
