/**
 * One exported file on screen: made on demand (the DOCX code is a lazy chunk), offered as a download link, and
 * through the share sheet where the browser can share files. The Blob URL is revoked when the file is replaced
 * or the screen closes.
 */
import { describeChunkError } from '../pwa/chunks';
import { canShareFile, shareFile } from './deliver';
import type { OutputDocument } from './model';
import { et } from './strings';

type Status = 'idle' | 'building' | 'ready' | 'error';

export class OutputFile {
  #status = $state<Status>('idle');
  #file = $state.raw<File | null>(null);
  #url = $state<string | null>(null);
  #message = $state<string | null>(null);
  #canShare = $state(false);

  get status(): Status {
    return this.#status;
  }
  get file(): File | null {
    return this.#file;
  }
  get url(): string | null {
    return this.#url;
  }
  /** The last thing to tell the user (ready, shared, failed), already in their language. */
  get message(): string | null {
    return this.#message;
  }
  get canShare(): boolean {
    return this.#canShare;
  }

  async makeDocx(doc: OutputDocument): Promise<void> {
    this.#status = 'building';
    this.#message = et('ui.docxBuilding');
    try {
      const { docxFile } = await import('./docx');
      const file = await docxFile(doc);
      this.#setFile(file);
      this.#status = 'ready';
      this.#message = et('ui.docxReady', { file: file.name });
    } catch (err) {
      this.#status = 'error';
      // The DOCX code is an optional chunk cached on first use: offline before that, say so plainly.
      this.#message =
        describeChunkError(err, true) ??
        et('ui.docxFailed', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  async share(title: string): Promise<void> {
    if (!this.#file) return;
    const result = await shareFile(this.#file, title);
    this.#message =
      result === 'shared'
        ? et('ui.shared')
        : result === 'cancelled'
          ? et('ui.shareCancelled')
          : et('ui.shareFailed', { error: result.error });
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
