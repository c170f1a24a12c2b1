/**
 * The upload queue, apart from record sync: it sends the bytes of attachments whose record the server already
 * has (the record has synced: `rev > 0`), one file at a time, by hash:
 * - `HEAD /api/files/by-hash/<sha>` first: 200 means the server holds the file (another device or record sent
 *   it), so nothing is uploaded;
 * - otherwise a resumable tus upload (tus-upload.ts); the attachment counts as uploaded only after the server's
 *   final 204;
 * - a failure that may pass (network, 5xx, 409 "record not synced yet") waits with exponential backoff; `online`
 *   retries at once; a final one (wrong hash, type, size, access) is shown on the attachment with "Coba lagi".
 * It wakes on any change to uploads or attachment records (a live query), on `online`, and when a backoff ends.
 * Two tabs never upload the same file at once (a Web Lock per hash).
 */
import { retryDelay } from '../../shared/attachments';
import { observe } from '../db';
import type { AttachmentStore } from '../db/types';
import { WAITING_UPLOAD_STATES, type UploadRow } from './rows';
import { UploadFailure, tusUpload } from './tus-upload';
import type { ApiUrl } from '../api/types';

type Tus = typeof import('tus-js-client');

export interface UploadQueueOptions {
  /** Attachment records (is the record synced? its name and parent) and the bytes with their uploads. */
  store: Pick<AttachmentStore, 'list' | 'blobs'>;
  getToken: (opts?: { forceRefresh?: boolean }) => string | null | Promise<string | null>;
  baseUrl?: string;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  loadTus?: () => Promise<Tus>;
  /** What tus reads, from the stored bytes (a Blob in the browser). */
  toInput?: (data: ArrayBuffer, mime: string) => Blob | Uint8Array;
  now?: () => number;
  random?: () => number;
  /** Quick in-place tus retries (ms); tests shorten them. */
  retryDelays?: number[];
  /** Listen to `online` and live queries (off when a test drives `runOnce` itself). */
  triggers?: boolean;
}

export class UploadQueue {
  readonly #o: UploadQueueOptions;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #abort: (() => Promise<void>) | null = null;
  #stops: (() => void)[] = [];

  constructor(o: UploadQueueOptions) {
    this.#o = o;
  }

  get #blobs() {
    return this.#o.store.blobs;
  }
  #now(): number {
    return (this.#o.now ?? Date.now)();
  }

  start(): () => void {
    if (this.#o.triggers !== false) {
      const { store } = this.#o;
      // Waiting uploads and the records of their files: an acknowledged record gets its rev, which wakes us.
      this.#stops.push(
        observe(
          async () => {
            const waiting = await store.blobs.waitingUploads();
            const shas = waiting.map((u) => u.sha256);
            const revs = await store.list('attachment', { sha256s: shas, includeDeleted: true });
            return [
              waiting.map((u) => `${u.sha256}:${u.notBefore}`),
              revs.map((r) => `${r.id}:${String(r.rev)}`),
            ];
          },
          { next: () => this.kick() },
        ),
      );
      const onOnline = () => void this.retryNow();
      window.addEventListener('online', onOnline);
      this.#stops.push(() => window.removeEventListener('online', onOnline));
    }
    this.kick();
    return () => this.stop();
  }

  stop(): void {
    this.#stopped = true;
    for (const stop of this.#stops) stop();
    this.#stops = [];
    if (this.#timer) clearTimeout(this.#timer);
    void this.#abort?.();
  }

  /** Back online: forget the backoff and try every waiting upload now. */
  async retryNow(): Promise<void> {
    await this.#blobs.retryWaitingNow();
    this.kick();
  }

  /** Runs the queue (again, if it is running: changes seen meanwhile are not lost). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.runOnce()
      .catch((e: unknown) => console.error('Rintis: upload queue failed', e))
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** One pass over the waiting uploads; resolves when each was tried or found not ready. */
  async runOnce(): Promise<void> {
    const rows = await this.#blobs.waitingUploads();
    let nextWake = Infinity;
    for (const row of rows) {
      if (this.#stopped) return;
      if (row.notBefore > this.#now()) {
        nextWake = Math.min(nextWake, row.notBefore);
        continue;
      }
      const records = await this.#o.store.list('attachment', { sha256s: [row.sha256] });
      // Only after the record has synced: the server checks the upload against the record's parent.
      const synced = records.find((r) => r.rev > 0);
      if (!synced) continue;
      if (!(await this.#token())) return; // offline or signed out: the next trigger tries again
      await this.#withLock(row.sha256, () => this.#uploadOne(row, synced));
    }
    if (Number.isFinite(nextWake) && !this.#stopped) {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.kick(), Math.max(0, nextWake - this.#now()));
    }
  }

  async #token(force = false): Promise<string | null> {
    return this.#o.getToken(force ? { forceRefresh: true } : undefined);
  }

  async #withLock(sha256: string, fn: () => Promise<void>): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return fn();
    await locks.request(`rintis-upload-${sha256}`, { ifAvailable: true }, async (lock) => {
      if (lock) await fn();
    });
  }

  async #set(sha256: string, patch: Partial<UploadRow>): Promise<void> {
    await this.#blobs.updateUpload(sha256, { ...patch, updatedAt: this.#now() });
  }

  /** HEAD by hash: true when the server already holds the file. */
  async #serverHas(sha256: string): Promise<boolean> {
    const doFetch = this.#o.fetch ?? ((i: string, init?: RequestInit) => fetch(i, init));
    const url = `${this.#o.baseUrl ?? ''}${`/api/files/by-hash/${sha256}` satisfies ApiUrl<'HEAD'>}`;
    for (const force of [false, true]) {
      const token = await this.#token(force);
      if (!token) throw new UploadFailure(401, 'Masuk lagi untuk mengunggah / sign in again to upload');
      let res: Response;
      try {
        res = await doFetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } });
      } catch {
        throw new UploadFailure(null, 'Tidak ada koneksi ke server / no connection to the server');
      }
      if (res.status === 401) continue;
      if (res.status === 200) return true;
      if (res.status === 404) return false;
      throw new UploadFailure(
        res.status,
        `Server menjawab ${res.status} / the server answered ${res.status}`,
      );
    }
    throw new UploadFailure(401, 'Masuk lagi untuk mengunggah / sign in again to upload');
  }

  async #uploadOne(row: UploadRow, record: { name: string; mime: string; parentId: string }): Promise<void> {
    const current = await this.#blobs.upload(row.sha256);
    if (!current || !WAITING_UPLOAD_STATES.includes(current.state)) return; // another tab finished it
    try {
      if (await this.#serverHas(row.sha256)) {
        await this.#set(row.sha256, { state: 'uploaded', sent: current.total, error: null });
        return;
      }
      const blob = await this.#blobs.get(row.sha256);
      if (!blob) {
        await this.#set(row.sha256, {
          state: 'failed',
          error: 'Berkas tidak ada lagi di perangkat ini / the file is no longer on this phone',
        });
        return;
      }
      await this.#set(row.sha256, { state: 'uploading', error: null });
      const tus = await (this.#o.loadTus ?? (() => import('tus-js-client')))();
      const endpoint = `${this.#o.baseUrl ?? (typeof location !== 'undefined' ? location.origin : '')}${'/api/files/' satisfies ApiUrl<'POST'>}`;
      await tusUpload({
        tus,
        input: (this.#o.toInput ?? ((d, m) => new Blob([d], { type: m })))(blob.data, blob.mime),
        size: blob.size,
        endpoint,
        file: { sha256: row.sha256, name: record.name, mime: blob.mime, parentId: record.parentId },
        urlStorage: this.#blobs.uploadUrls,
        getToken: this.#o.getToken,
        ...(this.#o.retryDelays ? { retryDelays: this.#o.retryDelays } : {}),
        onStart: (abort) => (this.#abort = abort),
        onAccepted: (bytes) => void this.#set(row.sha256, { sent: bytes }),
      });
      await this.#set(row.sha256, { state: 'uploaded', sent: blob.size, error: null });
    } catch (err) {
      if (this.#stopped) return;
      const failure =
        err instanceof UploadFailure
          ? err
          : new UploadFailure(null, err instanceof Error ? err.message : String(err));
      const attempts = current.attempts + 1;
      await this.#set(
        row.sha256,
        failure.final
          ? { state: 'failed', attempts, error: failure.message }
          : {
              state: 'queued',
              attempts,
              error: failure.message,
              notBefore: this.#now() + retryDelay(attempts, (this.#o.random ?? Math.random)()),
            },
      );
    } finally {
      this.#abort = null;
    }
  }
}

/** Starts the queue for a store; returns the function that stops it. */
export function startUploadQueue(o: UploadQueueOptions): () => void {
  return new UploadQueue(o).start();
}
