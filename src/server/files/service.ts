/**
 * The upload side of attachments: a tus 1.0.0 server (@tus/server, creation + core + termination) whose partial
 * uploads sit in `FILE_DIR/partials` (@tus/file-store), and the step that turns a complete upload into a stored
 * file (`finalize`): hash, type sniffed from the content, move to the content-addressed store, record in
 * PostgreSQL, drop the partial. Only then does the last PATCH answer 204, so a client counts a file as uploaded
 * only when the server really holds it.
 *
 * Crash safety: every finalize step is idempotent and the partial is deleted last, so a finalize cut short (crash,
 * shutdown, database gone) is simply run again by the next HEAD of that upload, which answers "complete" only
 * after it succeeds.
 *
 * Shutdown: `endUploadsInFlight(db)` ends the request body of every PATCH in progress as if the client had stopped
 * there: tus keeps the bytes received and answers 204 with the new Upload-Offset, so the client resumes from it on
 * the restarted server instead of meeting a cut connection. New POST/PATCH get 503 with Retry-After meanwhile.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Server, type DataStore, type Upload } from '@tus/server';
import { FileStore } from '@tus/file-store';
import { fileTypeFromStream } from 'file-type';
import { uuidv7 } from 'uuidv7';
import type { AuthContext } from '../auth/types';
import type { Database } from '../db/types';
import type { Logger } from '../http/logging';
import { ATTACHMENT_PARENT_KINDS, isImageMime } from '../../shared/attachments';
import { IMAGE_HEADER_BYTES, pixelVerdict } from '../../shared/imageSize';
import { DAY_MS, FILE_ORPHAN_DAYS_DEFAULT, cleanupFiles, type CleanupReport } from './cleanup';
import { FileRefusal, rejectionCode, type RejectionCode } from './errors';
import type { FileMetrics } from './metrics';
import { typeVerdict, uploadMetadataSchema } from './policy';
import {
  checkParent,
  expireUploads,
  findBlob,
  findUpload,
  holdsContent,
  markRejected,
  markStored,
  recordStoredUpload,
  reserveUpload,
  type UploadRow,
} from './repository';
import { FolderBlobStore, type BlobStore } from './storage';

/** Unfinished uploads are dropped (and stop counting against the quota) after a day. */
export const UPLOAD_EXPIRY_MS = 24 * 60 * 60 * 1000;
/** Uploads one person may have arriving at once: a phone sends one file at a time, so 10 leaves room to spare. */
export const MAX_UNFINISHED_UPLOADS_DEFAULT = 10;
/** Expired partials are swept at most this often, on the next upload creation. */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
/** Seconds a client is asked to wait while the server restarts. */
export const RESTART_RETRY_AFTER_S = 5;

export interface FilesConfig {
  /** FILE_DIR: `partials/` (tus uploads in progress) and, with the folder store, `blobs/<tenant>/<sha256>`. */
  dir: string;
  /** FILE_MAX_BYTES: largest file accepted. */
  maxBytes: number;
  /** TENANT_QUOTA_BYTES: bytes a tenant may hold in stored files plus uploads in progress. */
  tenantQuotaBytes: number;
  /** Another content-addressed store (e.g. S3-compatible); default: the folder under `dir`. */
  blobs?: BlobStore;
  /** Origins allowed cross-origin (CORS_ORIGINS), so tus adds its CORS headers only for them. */
  corsOrigins?: readonly string[];
  uploadExpiryMs?: number;
  /** Uploads one user may have arriving at once; default MAX_UNFINISHED_UPLOADS_DEFAULT. */
  maxUnfinishedUploads?: number;
  /** FILE_ORPHAN_DAYS in ms: a stored file no live record references is removed after this long (cleanup.ts). */
  orphanGraceMs?: number;
  /** FILE_CLEANUP_INTERVAL_HOURS in ms: run the orphan cleanup this often; absent or 0: never (tests). */
  cleanupIntervalMs?: number;
}

/** The first periodic cleanup runs this long after start (not at once: a start is busy enough). */
export const FIRST_CLEANUP_DELAY_MS = 60_000;

/** Partial uploads: any tus DataStore that can also stream an upload back (FileStore, S3Store). */
type PartialStore = DataStore & { read(id: string): Readable | Promise<Readable> };

export type FinalizeOutcome =
  { status: 'stored' | 'duplicate' } | { status: 'rejected'; code: RejectionCode };

interface RequestContext {
  auth: AuthContext;
  reqId: string;
  /** Set by the creation hook when the upload was closed at once (stored content the caller holds). */
  closedAtCreate?: string;
}

/** Ends a PATCH body early (shutdown); resolves nothing, just stops reading. */
type BodyStop = () => void;

const servicesByDb = new WeakMap<Database, Set<FilesService>>();

/** Ends the PATCH bodies in progress of every files service on `db` (see the file comment). */
export function endUploadsInFlight(db: Database): void {
  for (const service of servicesByDb.get(db) ?? []) service.endUploadsInFlight();
}

/** The partial-upload store and the content store of a files configuration (the service's, the admin's). */
export function fileStores(config: Pick<FilesConfig, 'dir' | 'blobs' | 'uploadExpiryMs'>): {
  partials: PartialStore;
  blobs: BlobStore;
} {
  const partialDir = join(config.dir, 'partials');
  // FileStore creates its folder asynchronously and throws from a callback on failure: create it here, where a
  // failure stops the start with a clear error instead.
  mkdirSync(partialDir, { recursive: true });
  return {
    partials: new FileStore({
      directory: partialDir,
      expirationPeriodInMilliseconds: config.uploadExpiryMs ?? UPLOAD_EXPIRY_MS,
    }),
    blobs: config.blobs ?? new FolderBlobStore(join(config.dir, 'blobs')),
  };
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(stream, hash);
  return hash.digest('hex');
}

export class FilesService {
  readonly tus: Server;
  readonly blobs: BlobStore;
  readonly maxBytes: number;
  readonly quotaBytes: number;
  readonly #partials: PartialStore;
  readonly #expiryMs: number;
  readonly #maxUnfinished: number;
  readonly #orphanGraceMs: number;
  #cleanupTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #contexts = new WeakMap<Request, RequestContext>();
  readonly #finalizing = new Map<string, Promise<FinalizeOutcome>>();
  readonly #bodies = new Set<BodyStop>();
  #ending = false;
  #lastSweep = 0;

  constructor(
    readonly db: Database,
    config: FilesConfig,
    readonly logger: Logger,
    readonly metrics: FileMetrics,
  ) {
    this.maxBytes = config.maxBytes;
    this.quotaBytes = config.tenantQuotaBytes;
    this.#expiryMs = config.uploadExpiryMs ?? UPLOAD_EXPIRY_MS;
    this.#maxUnfinished = config.maxUnfinishedUploads ?? MAX_UNFINISHED_UPLOADS_DEFAULT;
    this.#orphanGraceMs = config.orphanGraceMs ?? FILE_ORPHAN_DAYS_DEFAULT * DAY_MS;
    const stores = fileStores(config);
    this.#partials = stores.partials;
    this.blobs = stores.blobs;
    const origins = new Set(config.corsOrigins ?? []);
    this.tus = new Server({
      path: '/api/files',
      datastore: this.#partials,
      relativeLocation: true,
      maxSize: config.maxBytes,
      namingFunction: () => uuidv7(),
      allowedOrigins: (origin) => origins.has(origin),
      onUploadCreate: (req, upload) => this.#onCreate(req, upload),
      onUploadFinish: async (req, upload) => {
        const ctx = this.#contexts.get(req as Request);
        if (!ctx) throw new FileRefusal('upload-gone');
        const outcome = await this.finalize(ctx.auth.tenantId, upload.id);
        if (outcome.status === 'rejected') throw new FileRefusal(outcome.code);
        return {};
      },
      onResponseError: (req, err) => {
        if (!(err instanceof FileRefusal) && err instanceof Error) {
          this.logger.error({ reqId: this.#contexts.get(req as Request)?.reqId, err }, 'upload error');
        }
        return undefined;
      },
    });
    let set = servicesByDb.get(db);
    if (!set) servicesByDb.set(db, (set = new Set()));
    set.add(this);
    const every = config.cleanupIntervalMs ?? 0;
    if (every > 0) this.#scheduleCleanup(Math.min(FIRST_CLEANUP_DELAY_MS, every), every);
  }

  get ending(): boolean {
    return this.#ending;
  }

  /** Runs a tus request for `auth` (routes.ts has checked the upload belongs to the caller). */
  async handle(raw: Request, ctx: RequestContext): Promise<{ response: Response; endedEarly: boolean }> {
    let request = raw;
    let endedEarly = false;
    let stop: BodyStop | null = null;
    if (raw.method === 'PATCH' && raw.body) {
      const reader = raw.body.getReader();
      let wake: ((value: 'stop') => void) | null = null;
      let stopped = false;
      stop = () => {
        stopped = true;
        wake?.('stop');
      };
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (stopped) {
            endedEarly = true;
            controller.close();
            return;
          }
          const next = await Promise.race([
            reader.read(),
            new Promise<'stop'>((resolve) => {
              wake = resolve;
            }),
          ]);
          wake = null;
          if (next === 'stop') {
            // Bytes already handed on are written and acknowledged; what was still on the wire is sent again.
            endedEarly = true;
            controller.close();
          } else if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        cancel: (reason) => reader.cancel(reason),
      });
      request = new Request(raw.url, {
        method: raw.method,
        headers: raw.headers,
        body,
        duplex: 'half',
      } as RequestInit);
      this.#bodies.add(stop);
    }
    this.#contexts.set(request, ctx);
    try {
      const response = await this.tus.handleWeb(request);
      // tus made an empty partial for an upload closed at creation: it never receives bytes.
      if (ctx.closedAtCreate) await this.#removePartial(ctx.closedAtCreate);
      return { response, endedEarly };
    } finally {
      if (stop) this.#bodies.delete(stop);
    }
  }

  /** Shutdown: also stops the periodic cleanup, so none starts on a database about to close. */
  endUploadsInFlight(): void {
    this.#ending = true;
    if (this.#cleanupTimer) clearTimeout(this.#cleanupTimer);
    this.#cleanupTimer = null;
    for (const stop of this.#bodies) stop();
  }

  async #onCreate(req: Request, upload: Upload): Promise<{ metadata?: Upload['metadata'] }> {
    const ctx = this.#contexts.get(req);
    if (!ctx) throw new FileRefusal('invalid-upload');
    const meta = uploadMetadataSchema.safeParse(upload.metadata ?? {});
    if (!meta.success || upload.size === undefined) throw new FileRefusal('invalid-upload');
    const parent = await checkParent(this.db, ctx.auth, meta.data.parentId, ATTACHMENT_PARENT_KINDS);
    if (parent === 'unknown') throw new FileRefusal('parent-unknown');
    if (parent === 'forbidden') throw new FileRefusal('forbidden');
    if (parent === 'deleted') throw new FileRefusal('parent-deleted');
    if (parent === 'not-attachable') throw new FileRefusal('invalid-upload');
    if (await this.#alreadyHeld(ctx.auth, meta.data.sha256, upload.size)) {
      // Content the tenant stores and the caller has: closed as stored at once, nothing reserved or sent.
      await recordStoredUpload(this.db, {
        id: upload.id,
        auth: ctx.auth,
        size: upload.size,
        meta: meta.data,
      });
      ctx.closedAtCreate = upload.id;
      this.metrics.uploadsFinished.inc({ outcome: 'duplicate' });
    } else {
      const reservation = await reserveUpload(this.db, {
        id: upload.id,
        auth: ctx.auth,
        size: upload.size,
        meta: meta.data,
        quotaBytes: this.quotaBytes,
        expiryMs: this.#expiryMs,
        maxUnfinished: this.#maxUnfinished,
      });
      if (reservation === 'over-quota') throw new FileRefusal('quota-exceeded', this.quotaBytes);
      if (reservation === 'too-many-uploads') throw new FileRefusal('too-many-uploads');
    }
    this.metrics.uploadsCreated.inc();
    this.logger.info(
      {
        reqId: ctx.reqId,
        uploadId: upload.id,
        userId: ctx.auth.userId,
        size: upload.size,
        sha256: meta.data.sha256,
        parentId: meta.data.parentId,
      },
      'upload created',
    );
    this.#sweepSoon();
    return {};
  }

  /**
   * Whether an upload of `sha256` with `size` bytes needs no bytes: the tenant stores that content (row and
   * bytes) and the caller has shown it has it (repository.ts `holdsContent`). Someone who only knows the hash
   * sends the bytes like everyone else, counted against the quota, and checked against the hash at the end.
   */
  async #alreadyHeld(auth: AuthContext, sha256: string, size: number): Promise<boolean> {
    const blob = await findBlob(this.db, auth.tenantId, sha256);
    if (!blob || blob.size !== size) return false;
    if (!(await this.blobs.has({ tenantId: auth.tenantId, sha256 }))) return false;
    return holdsContent(this.db, auth, sha256);
  }

  /** The first bytes of a partial (at most IMAGE_HEADER_BYTES), for the image header check. */
  async #header(id: string): Promise<Uint8Array> {
    const stream = await this.#partials.read(id);
    const parts: Buffer[] = [];
    let length = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        parts.push(chunk);
        length += chunk.length;
        if (length >= IMAGE_HEADER_BYTES) break;
      }
    } finally {
      stream.destroy();
    }
    return new Uint8Array(Buffer.concat(parts).subarray(0, IMAGE_HEADER_BYTES));
  }

  /** Bytes of the upload now on disk (its tus offset), or null when the partial is gone. */
  async partialOffset(id: string): Promise<number | null> {
    try {
      return (await this.#partials.getUpload(id)).offset;
    } catch {
      return null;
    }
  }

  /**
   * Turns the complete upload `id` into a stored file, or rejects it (wrong hash, wrong type) and discards the
   * bytes. One run at a time per upload; a stored or rejected upload answers its outcome again.
   */
  finalize(tenantId: string, id: string): Promise<FinalizeOutcome> {
    const running = this.#finalizing.get(id);
    if (running) return running;
    const run = this.#finalize(tenantId, id).finally(() => this.#finalizing.delete(id));
    this.#finalizing.set(id, run);
    return run;
  }

  async #finalize(tenantId: string, id: string): Promise<FinalizeOutcome> {
    const upload = await findUpload(this.db, tenantId, id);
    if (!upload || upload.status === 'expired') throw new FileRefusal('upload-gone');
    if (upload.status === 'stored') return { status: 'stored' };
    if (upload.status === 'rejected') return { status: 'rejected', code: rejectionCode(upload.reason) };
    const stop = this.metrics.finalizeSeconds.startTimer();
    const offset = await this.partialOffset(id);
    if (offset !== upload.size) throw new FileRefusal('upload-gone');

    const hash = await sha256Of(await this.#partials.read(id));
    if (hash !== upload.sha256) return this.#reject(upload, 'checksum-mismatch', { got: hash });
    const sniffStream = await this.#partials.read(id);
    let sniffed: string | undefined;
    try {
      // file-type reads only what it needs (for DOCX: the ZIP entries' names), then lets go.
      sniffed = (await fileTypeFromStream(Readable.toWeb(sniffStream) as ReadableStream<Uint8Array>))?.mime;
    } finally {
      sniffStream.destroy();
    }
    const verdict = typeVerdict(sniffed, upload.declaredType, upload.filename);
    if (!verdict.ok) {
      return this.#reject(upload, 'unsupported-type', {
        sniffed,
        declared: upload.declaredType,
        why: verdict.reason,
      });
    }
    if (isImageMime(verdict.mime)) {
      // Never store an image whose decoding would exhaust a phone; one whose size cannot be read is refused too.
      const pixels = pixelVerdict(await this.#header(id));
      if (!pixels.ok) {
        return this.#reject(upload, pixels.reason === 'unreadable' ? 'unsupported-type' : 'image-too-large', {
          why: pixels.reason,
        });
      }
    }

    const key = { tenantId: upload.tenantId, sha256: upload.sha256 };
    const held =
      (await findBlob(this.db, upload.tenantId, upload.sha256)) !== null && (await this.blobs.has(key));
    if (!held) await this.blobs.put(key, await this.#partials.read(id));
    await markStored(this.db, upload, verdict.mime);
    await this.#removePartial(id);
    const outcome = held ? 'duplicate' : 'stored';
    this.metrics.uploadsFinished.inc({ outcome });
    const seconds = stop();
    this.logger.info(
      {
        uploadId: id,
        userId: upload.userId,
        sha256: upload.sha256,
        size: upload.size,
        mime: verdict.mime,
        outcome,
        ms: Math.round(seconds * 1000),
      },
      'upload stored',
    );
    return { status: outcome };
  }

  async #reject(
    upload: UploadRow,
    code: RejectionCode,
    detail: Record<string, unknown>,
  ): Promise<FinalizeOutcome> {
    await markRejected(this.db, upload, code);
    await this.#removePartial(upload.id);
    this.metrics.uploadsFinished.inc({ outcome: code });
    this.logger.warn(
      { uploadId: upload.id, userId: upload.userId, sha256: upload.sha256, code, ...detail },
      'upload rejected',
    );
    return { status: 'rejected', code };
  }

  async #removePartial(id: string): Promise<void> {
    try {
      await this.#partials.remove(id);
    } catch {
      // Already gone (a second finalize, or the expiry sweep): nothing to do.
    }
  }

  /** Runs the orphan cleanup once on this service's stores (cleanup.ts); `graceMs` overrides FILE_ORPHAN_DAYS. */
  cleanup(options: { dryRun?: boolean; graceMs?: number } = {}): Promise<CleanupReport> {
    return cleanupFiles(this.db, {
      blobs: this.blobs,
      partials: this.#partials,
      graceMs: options.graceMs ?? this.#orphanGraceMs,
      uploadExpiryMs: this.#expiryMs,
      dryRun: options.dryRun ?? false,
      logger: this.logger,
    });
  }

  #scheduleCleanup(delayMs: number, intervalMs: number): void {
    this.#cleanupTimer = setTimeout(() => {
      void this.cleanup()
        .catch((err: unknown) => this.logger.warn({ err }, 'orphan file cleanup failed'))
        .finally(() => {
          if (!this.#ending) this.#scheduleCleanup(intervalMs, intervalMs);
        });
    }, delayMs);
    // Never keeps the process alive on its own.
    this.#cleanupTimer.unref();
  }

  /** Drops uploads left unfinished past the expiry (DB rows and partials), at most every few minutes. */
  #sweepSoon(): void {
    const now = Date.now();
    if (now - this.#lastSweep < SWEEP_INTERVAL_MS) return;
    this.#lastSweep = now;
    void (async () => {
      const ids = await expireUploads(this.db, this.#expiryMs);
      for (const id of ids) await this.#removePartial(id);
      const orphans = await this.#partials.deleteExpired();
      if (ids.length > 0 || orphans > 0)
        this.logger.info({ expired: ids.length, orphans }, 'expired uploads swept');
    })().catch((err: unknown) => this.logger.warn({ err }, 'expired upload sweep failed'));
  }
}
