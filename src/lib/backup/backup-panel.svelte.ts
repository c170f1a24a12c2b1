/**
 * State of the settings' backup panel: the backup file once made (download link, share sheet where the phone
 * can share files) and the outcome of the last restore. Messages are kept as keys so they follow a language
 * switch.
 */
import { OfferedFile } from '../export/offered-file.svelte';
import type { BackupStore } from '../db/types';
import { flushAllEditors } from '../state/editors';
import type { BackupMessage } from './strings';
import { formatSize, makeBackup, restoreBackup } from './backup';

type Busy = 'idle' | 'backing-up' | 'restoring';

export class BackupPanelState extends OfferedFile {
  #busy = $state<Busy>('idle');
  #message = $state<(BackupMessage & { error: boolean; extra?: BackupMessage }) | null>(null);

  constructor(
    private readonly store: BackupStore,
    private readonly tenantId: string,
  ) {
    super();
  }

  get busy(): Busy {
    return this.#busy;
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
      this.offer(file);
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
    const result = await this.shareOffered();
    if (!result) return;
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
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
