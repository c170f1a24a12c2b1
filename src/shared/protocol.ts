/**
 * Sync protocol messages, shared by the client sync engine and the server. Versioned: a client sends
 * `protocolVersion`; the server refuses versions it does not speak with a message the UI shows.
 * History:
 * - 1: push of per-field changes with base versions; state-based pull with a server version cursor;
 *   later, additively: `scope` on pull pages (a client restarts its pull when what it may see changed);
 *   `view=summary` on pull (records without their long fields, `partial: true`) and `POST /api/sync/records`
 *   (whole records by id) for a new phone's first pull over a slow link (see `summary.ts`);
 *   reject code `review-transition` and the record kind `submission` (review loop);
 *   `answer: 'delta'` on push (answered with `PushDeltaResponse`: applied results carry `delta`, what the phone
 *   does not already know of the record, instead of the whole `record`; see `pushAnswer.ts`). Without it the
 *   server answers as before.
 * Each message is named with `.meta({ id })` (PushRequest, PullResponse, ...): the server's OpenAPI document lists
 * it under that name, and the phone's generated API types (src/lib/api/openapi.d.ts) carry the same name.
 */
import { z } from 'zod';
import { anyRecordSchema, envelopeSchema, recordIdSchema, recordKindSchema } from './records';

export const PROTOCOL_VERSION = 1;

export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_PAGE = 1_000;
/** Most ids one `POST /api/sync/records` may ask for. */
export const MAX_RECORDS_REQUEST = 500;

/** Largest value of a PostgreSQL `integer` (int4) column, such as `sync_processed.seq`. */
export const MAX_INT4 = 2 ** 31 - 1;

/** A device's id (the phone makes a uuidv7). No U+0000: PostgreSQL cannot store it, and it keys a lock and a row. */
export const deviceIdSchema = z
  .string()
  .min(8)
  .max(64)
  .refine((id) => !id.includes('\u0000'), 'ID perangkat tidak sah / invalid device id');

/**
 * One change from one device's outbox: the record, the changed field paths with their new values, and the
 * server version each path had when the edit was made (0: the path never came from the server). `seq` is the
 * device's own increasing sequence number: with `deviceId` it makes a push idempotent.
 */
export const changeSchema = z
  .object({
    deviceId: deviceIdSchema,
    seq: z
      .number()
      .int()
      .positive()
      .max(MAX_INT4, `seq terlalu besar (maks. ${MAX_INT4}) / seq too large (max. ${MAX_INT4})`),
    recordId: recordIdSchema,
    kind: recordKindSchema,
    /** 'create' carries every path; 'update' the changed ones; 'delete' and 'restore' flip the tombstone. */
    op: z.enum(['create', 'update', 'delete', 'restore']),
    values: z.record(z.string().max(200), z.unknown()),
    base: z.record(z.string().max(200), z.number().int().nonnegative()),
    /** Client time of the edit, for display only: never used to order or merge. */
    editedAt: z.number().int().nonnegative(),
  })
  .meta({ id: 'Change' });
export type Change = z.infer<typeof changeSchema>;

export const pushRequestSchema = z
  .object({
    protocolVersion: z.literal(PROTOCOL_VERSION),
    deviceId: deviceIdSchema,
    changes: z.array(changeSchema).min(1).max(MAX_PUSH_BATCH),
    /**
     * How applied changes are answered: 'record' (the default) echoes each record whole; 'delta' sends only what
     * the phone does not already know of it (`RecordDelta`). Added in protocol 1 without breaking older clients.
     */
    answer: z.enum(['record', 'delta']).optional(),
  })
  .meta({ id: 'PushRequest' });
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * A pushed record as the server holds it after the push, minus what the phone that pushed it already knows (see
 * `pushAnswer.ts`): the envelope, the field versions it lacks, and the values that differ from what it sent.
 */
export const recordDeltaSchema = envelopeSchema
  .omit({ fieldVersions: true, partial: true })
  .extend({
    kind: recordKindSchema,
    /** Server version of each path sent and of each path written after the change's highest base. */
    versions: z.record(z.string(), z.number().int().nonnegative()),
    /** Server value of each path not as sent, or written after the change's highest base (null: removed). */
    values: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'RecordDelta' });
export type RecordDelta = z.infer<typeof recordDeltaSchema>;

export const REJECT_CODES = [
  'forbidden',
  'invalid',
  'kind-mismatch',
  'not-found',
  'tenant-mismatch',
  // Added with the review loop (additive): a review status move the person's role may not make.
  'review-transition',
] as const;
export const changeResultSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('applied'),
      seq: z.number().int(),
      recordId: recordIdSchema,
      /** The record as the server holds it after this change (merged values, new versions). */
      record: anyRecordSchema,
      /** Conflicts this change produced (kept, not lost). */
      conflictIds: z.array(recordIdSchema),
    }),
    z.object({
      status: z.literal('rejected'),
      seq: z.number().int(),
      recordId: recordIdSchema,
      code: z.enum(REJECT_CODES),
      /** A message in Indonesian and English the UI can show as it is. */
      message: z.string(),
    }),
  ])
  .meta({ id: 'ChangeResult' });
export type ChangeResult = z.infer<typeof changeResultSchema>;

export const pushResponseSchema = z
  .object({
    results: z.array(changeResultSchema),
    /** Set when the push produced records the client has not seen (conflicts). */
    serverVersion: z.number().int().nonnegative(),
  })
  .meta({ id: 'PushResponse' });
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** A change's result in the slim answer (`answer: 'delta'`): an applied change carries `delta`, not `record`. */
export const deltaChangeResultSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('applied'),
      seq: z.number().int(),
      recordId: recordIdSchema,
      /** What the phone does not already know of the record as the server holds it after the push. */
      delta: recordDeltaSchema,
      conflictIds: z.array(recordIdSchema),
    }),
    changeResultSchema.options[1],
  ])
  .meta({ id: 'DeltaChangeResult' });
export type DeltaChangeResult = z.infer<typeof deltaChangeResultSchema>;

/** The push's answer to `answer: 'delta'`. */
export const pushDeltaResponseSchema = z
  .object({
    results: z.array(deltaChangeResultSchema),
    serverVersion: z.number().int().nonnegative(),
  })
  .meta({ id: 'PushDeltaResponse' });
export type PushDeltaResponse = z.infer<typeof pushDeltaResponseSchema>;
/** Either answer of a push. */
export type PushAnswer = PushResponse | PushDeltaResponse;

export const pullQuerySchema = z.object({
  protocolVersion: z.coerce.number().int().pipe(z.literal(PROTOCOL_VERSION)),
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).default(MAX_PULL_PAGE),
  /** `summary`: records without their long fields (a new phone's first pull); `full` (default): whole records. */
  view: z.enum(['full', 'summary']).default('full'),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

export const pullResponseSchema = z
  .object({
    /** Whole records (state, not a log) whose version is above the cursor, oldest first, tombstones included. */
    records: z.array(anyRecordSchema),
    cursor: z.number().int().nonnegative(),
    hasMore: z.boolean(),
    /**
     * A digest of what the caller may see (role and units). A client whose cursor was reached under another scope
     * starts over from 0: a unit newly assigned to someone brings its older records too. Optional: added in
     * protocol 1 without breaking older clients.
     */
    scope: z.string().max(100).optional(),
  })
  .meta({ id: 'PullResponse' });
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Whole records by id: the long fields of summaries, newest first in the background, at once when opened. */
export const recordsRequestSchema = z
  .object({
    protocolVersion: z.literal(PROTOCOL_VERSION),
    ids: z.array(recordIdSchema).min(1).max(MAX_RECORDS_REQUEST),
  })
  .meta({ id: 'RecordsRequest' });
export type RecordsRequest = z.infer<typeof recordsRequestSchema>;

export const recordsResponseSchema = z
  .object({
    /** The asked records the caller may see, whole (tombstones included), in the order asked. */
    records: z.array(anyRecordSchema),
    /** Asked ids that do not exist or that the caller may not see (the two are not told apart). */
    missing: z.array(recordIdSchema),
    /** Asked ids left for another request: the answer reached its size budget first. */
    later: z.array(recordIdSchema),
  })
  .meta({ id: 'RecordsResponse' });
export type RecordsResponse = z.infer<typeof recordsResponseSchema>;

/** Error body of every API error: a stable code and a message in both languages. */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      messageEn: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof apiErrorSchema>;
