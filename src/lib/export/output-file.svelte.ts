/**
 * One exported file on screen: made on demand (the DOCX code is a lazy chunk), then offered (offered-file.svelte.ts)
 * as a download link and through the share sheet where the browser can share files.
 */
import { describeChunkError } from '../pwa/chunks';
import type { OutputDocument } from './model';
import type { SheetFile } from './sheets';
import { OfferedFile } from './offered-file.svelte';
import { et } from './strings';

type Status = 'idle' | 'building' | 'ready' | 'error';

export class OutputFile extends OfferedFile {
  #status = $state<Status>('idle');
  #message = $state<string | null>(null);

  get status(): Status {
    return this.#status;
  }
  /** The last thing to tell the user (ready, shared, failed), already in their language. */
  get message(): string | null {
    return this.#message;
  }

  makeDocx(doc: OutputDocument): Promise<void> {
    return this.#make(async () => (await import('./docx')).docxFile(doc), 'ui.docxFailed');
  }

  /** A spreadsheet (coverage, sessions, follow-ups): exceljs loads only now. */
  makeXlsx(sheets: SheetFile): Promise<void> {
    return this.#make(async () => (await import('./xlsx')).xlsxFile(sheets), 'ui.xlsxFailed');
  }

  async #make(build: () => Promise<File>, failed: 'ui.docxFailed' | 'ui.xlsxFailed'): Promise<void> {
    this.#status = 'building';
    this.#message = et('ui.docxBuilding');
    try {
      const file = await build();
      this.offer(file);
      this.#status = 'ready';
      this.#message = et('ui.docxReady', { file: file.name });
    } catch (err) {
      this.#status = 'error';
      // The DOCX and XLSX code are optional chunks cached on first use: offline before that, say so plainly.
      this.#message =
        describeChunkError(err, true) ??
        et(failed, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  async share(title: string): Promise<void> {
    const result = await this.shareOffered(title);
    if (!result) return;
    this.#message =
      result === 'shared'
        ? et('ui.shared')
        : result === 'cancelled'
          ? et('ui.shareCancelled')
          : et('ui.shareFailed', { error: result.error });
  }
}
