/**
 * A file made on the phone and offered on screen: a download link (a Blob URL, revoked when the file is replaced
 * or the screen closes) and the share sheet where the browser can share files. The DOCX of an output and the
 * backup file extend it with how they make their file and what they say about it.
 */
import { canShareFile, shareFile, type ShareResult } from './deliver';

export class OfferedFile {
  #file = $state.raw<File | null>(null);
  #url = $state<string | null>(null);
  #canShare = $state(false);

  get file(): File | null {
    return this.#file;
  }
  get url(): string | null {
    return this.#url;
  }
  get canShare(): boolean {
    return this.#canShare;
  }

  /** Releases the download link; call when the screen closes. */
  dispose(): void {
    this.offer(null);
  }

  /** Offers `file` in place of the one before (null: none). */
  protected offer(file: File | null): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#file = file;
    this.#url = file ? URL.createObjectURL(file) : null;
    this.#canShare = file ? canShareFile(file) : false;
  }

  /** Opens the share sheet with the offered file (titled with its name unless told); null when there is none. */
  protected async shareOffered(title?: string): Promise<ShareResult | null> {
    return this.#file ? shareFile(this.#file, title ?? this.#file.name) : null;
  }
}
