/**
 * Record schemas: the single source of truth for every kind of record Rintis stores, on the phone and on the
 * server. Types are inferred from the schemas; both sides validate with them.
 *
 * Every record has an envelope (id, tenant, times, authors, tombstone, sync versions) and a body whose fields are
 * what the user edits. Sync works per *field path* (see `fieldPaths.ts`): a top-level body field is one path,
 * except for the map fields listed in `MAP_FIELDS`, where every entry is its own path (`sections.ringkasan`,
 * `items.kepastian-hukum`, `actions.<id>`), so two people editing different sections never collide.
 */
import { z } from 'zod';
import { attachmentBodySchema } from './attachments';
import { UNIT_TYPES } from './domain/unit-types';
import { REVIEW_STATUSES } from './review-statuses';
import { proposalTemplateJsonSchema } from './templates';

export { UNIT_TYPES };

/** Client-generated, time-sortable id (UUIDv7). */
export const recordIdSchema = z.uuid({ error: 'ID tidak sah / invalid id' });
export type RecordId = z.infer<typeof recordIdSchema>;

/** A calendar date as typed by a person, `YYYY-MM-DD` (no time zone: a due date is a day, not an instant). */
export const localDateSchema = z.iso.date({ error: 'Tanggal tidak sah (YYYY-MM-DD) / invalid date' });
/** A local date and time as typed by a person, `YYYY-MM-DDTHH:mm`. */
export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Tanggal dan jam tidak sah / invalid date and time');

/** Bounded free text: long enough for any proposal section, small enough that nobody can fill a phone by mistake. */
const text = (max = 20_000) => z.string().max(max, `Teks terlalu panjang (maks. ${max}) / text too long`);
const shortText = (max = 300) => text(max);

/**
 * Most entries of each map field. Far above real use (the longest template has 9 sections, 9 metadata fields and
 * 14 checklist items; a big session has about 200 participants), far below what makes a record slow to merge.
 */
export const MAX_MAP_ENTRIES = {
  sections: 100,
  metadata: 100,
  items: 100,
  participants: 1_000,
  actions: 500,
  resolutions: 1_000,
} as const;
/**
 * Most bytes of a record body as JSON (UTF-8). The longest template filled to its word limits is about 20 KB, and
 * every section at its 20,000-character limit about 180 KB; a whole record (body and versions) still fits one
 * pull page (`PULL_BYTE_BUDGET`, 384 KB).
 */
export const MAX_RECORD_BYTES = 256 * 1024;

/** A map field capped at `max` entries (see MAX_MAP_ENTRIES). */
const entries = <K extends z.ZodType<string, string>, V extends z.ZodType>(key: K, value: V, max: number) =>
  z
    .record(key, value)
    .refine(
      (m) => Object.keys(m).length <= max,
      `Terlalu banyak entri (maks. ${max}) / too many entries (max. ${max})`,
    );

/**
 * Whether a value's JSON fits in `max` UTF-8 bytes (every pushed body is measured). Most bodies are far below the
 * cap: an upper bound found by walking the value decides them without encoding it (JSON.stringify of every
 * pushed body was a twentieth of a push's server CPU); only a body whose bound passes the cap is encoded.
 */
const jsonFits = (value: unknown, max: number): boolean =>
  jsonBytesAtMost(value, max, 0) <= max || jsonFitsExactly(value, max);

/** Deeper than this, `jsonBytesAtMost` gives up (a JSON body is never that deep; a cycle would be endless). */
const BOUND_DEPTH = 64;

/**
 * An upper bound of a JSON value's UTF-8 bytes, found by walking it without encoding it: a string's UTF-16 unit is
 * at most 6 bytes (`\u001f`, a lone surrogate's `\udc00`; a character beyond ASCII is 2 or 3), a number at most 25
 * characters. Stops early (returns more than `max`) once the bound passes `max`, or on anything not plain JSON
 * (a class instance, `toJSON`, bigint, a function, too deep): `jsonFitsExactly` decides those as before.
 */
function jsonBytesAtMost(value: unknown, max: number, depth: number): number {
  switch (typeof value) {
    case 'string':
      return 2 + 6 * value.length;
    case 'number':
      return 25;
    case 'boolean':
      return 5;
    case 'object':
      break;
    default:
      return max + 1;
  }
  if (value === null) return 4;
  if (depth >= BOUND_DEPTH) return max + 1;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) {
      bytes += 1 + (item === undefined ? 4 : jsonBytesAtMost(item, max, depth + 1));
      if (bytes > max) return bytes;
    }
    return bytes;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return max + 1;
  const object = value as Record<string, unknown>;
  if (typeof object['toJSON'] === 'function') return max + 1;
  for (const key in object) {
    const item = object[key];
    if (item === undefined) continue;
    bytes += 4 + 6 * key.length + jsonBytesAtMost(item, max, depth + 1);
    if (bytes > max) return bytes;
  }
  return bytes;
}

/**
 * Whether a value's JSON fits in `max` UTF-8 bytes, counted on its JSON text without encoding it: a UTF-16 unit is
 * 1 to 3 bytes, so most texts are decided by their length alone and only those in between are counted character
 * by character.
 */
const jsonFitsExactly = (value: unknown, max: number): boolean => {
  const text = JSON.stringify(value);
  if (text.length * 3 <= max) return true;
  if (text.length > max) return false;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair: 4 bytes for its 2 UTF-16 units.
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 2;
        i++;
      } else bytes += 2;
    } else bytes += 2;
  }
  return bytes <= max;
};

const TOO_BIG = `Catatan terlalu besar (maks. ${MAX_RECORD_BYTES / 1024} KB) / the record is too big (max. ${MAX_RECORD_BYTES / 1024} KB)`;

/** A body schema that also refuses a body over MAX_RECORD_BYTES (push and the phone's store both use these). */
const capped = <T extends z.ZodObject>(schema: T): T =>
  schema.refine((body) => jsonFits(body, MAX_RECORD_BYTES), { message: TOO_BIG });

export const RECORD_KINDS = [
  'unit',
  'person',
  'session',
  'draft',
  'checklist',
  'conflict',
  'comment',
  'submission',
  'attachment',
  'template',
  'programme',
] as const;
export const recordKindSchema = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof recordKindSchema>;

/**
 * Envelope fields every record carries.
 * - `rev` is the highest server version the record had when this copy last heard from the server (0: never
 *   synced). `fieldVersions` keeps that version per field path: it is the "version each field had before" an
 *   edit that the outbox sends, so the server can tell a stale edit from a current one. Server-assigned versions
 *   mean a phone with a wrong clock can neither win nor lose because of it.
 * - `deleted` makes the record a tombstone: deletes sync like any other change and can be undone.
 */
export const envelopeSchema = z.object({
  id: recordIdSchema,
  tenantId: z.string().min(1).max(100),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  createdBy: z.string().min(1).max(100),
  updatedBy: z.string().min(1).max(100),
  deleted: z.boolean(),
  rev: z.number().int().nonnegative(),
  fieldVersions: z.record(z.string(), z.number().int().nonnegative()),
  /** A summary from a first pull: long fields not on this phone yet (see `summary.ts`). Never stored by the server. */
  partial: z.literal(true).optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const unitBodySchema = z.object({
  name: shortText(200).min(1, 'Nama unit wajib diisi / unit name is required'),
  /** One of `UNIT_TYPES` (src/shared/domain/unit-types.ts, with their labels). */
  type: z.enum(UNIT_TYPES),
  /** Part of the removable demo regency offered on first start. */
  demo: z.boolean(),
  /**
   * Hidden from pickers and new records, kept with its records (and restorable). Absent in units stored before
   * archiving existed: read as false.
   */
  archived: z.boolean().optional(),
  /**
   * The unit this one was merged into (on the server: `POST /api/units/{id}/merge`); its records moved there and
   * a change that still names this unit lands in that one. Absent before merging existed: read as null.
   */
  mergedInto: recordIdSchema.nullable().optional(),
});

export const PERSON_ROLES = ['innovator', 'facilitator', 'coordinator', 'viewer'] as const;
export const personRoleSchema = z.enum(PERSON_ROLES);
/**
 * One person of the tenant: an account holder (the record's id IS the account's user id; the server writes it
 * whenever the account is created or changed, `hasAccount: true`) or someone without an account (a kader, a
 * villager, village staff), whom coordinators and facilitators add on the phone. Only accounts have a role:
 * `role` is null for people without one. `hasAccount` and `position` came later: absent in older records, where
 * they read as false and ''.
 */
export const personBodySchema = z.object({
  name: shortText(200).min(1, 'Nama wajib diisi / name is required'),
  role: personRoleSchema.nullable(),
  unitIds: z.array(recordIdSchema).max(200),
  demo: z.boolean(),
  hasAccount: z.boolean().optional(),
  /** What they do, as people say it: "Kader posyandu", "Staf desa". */
  position: shortText(200).optional(),
});

export const ACTION_STATUSES = ['terbuka', 'selesai', 'batal'] as const;
export const participantSchema = z.object({
  name: shortText(200),
  personId: recordIdSchema.nullable(),
  present: z.boolean(),
  /** Sort key: map entries have no order of their own. */
  order: z.number(),
});
export const followUpActionSchema = z.object({
  what: text(2_000),
  who: shortText(200),
  due: localDateSchema.or(z.literal('')),
  status: z.enum(ACTION_STATUSES),
  order: z.number(),
  /**
   * The person who owns the follow-up (a person with an account has their user id as person id): an innovator
   * may mark their own follow-ups done (access.ts). Absent in follow-ups made before: nobody's, like null.
   */
  ownerId: recordIdSchema.nullable().optional(),
});
export type Participant = z.infer<typeof participantSchema>;
export type FollowUpAction = z.infer<typeof followUpActionSchema>;

export const sessionBodySchema = z.object({
  startsAt: localDateTimeSchema,
  place: shortText(300),
  unitIds: z.array(recordIdSchema).max(100),
  facilitatorId: recordIdSchema.nullable(),
  facilitatorName: shortText(200),
  participants: entries(recordIdSchema, participantSchema, MAX_MAP_ENTRIES.participants),
  topics: text(5_000),
  notes: text(),
  agreements: text(),
  actions: entries(recordIdSchema, followUpActionSchema, MAX_MAP_ENTRIES.actions),
  draftIds: z.array(recordIdSchema).max(100),
});

export const STAGES = ['inisiatif', 'uji-coba', 'penerapan'] as const;
/** Review statuses (the review loop's rules come with the review workflow). */
export { REVIEW_STATUSES };
export const metadataValueSchema = z.union([
  z.string().max(2_000),
  z.array(z.union([z.string().max(200), z.number()])).max(50),
]);
/** The competition a draft was sent to and the day it was sent (review status "terkirim"). */
export const sentDetailsSchema = z.object({
  competition: shortText(300).min(1, 'Nama kompetisi wajib diisi / the competition is required'),
  date: localDateSchema,
});
export type SentDetails = z.infer<typeof sentDetailsSchema>;

export const draftBodySchema = z.object({
  title: shortText(300),
  unitId: recordIdSchema.nullable(),
  team: text(2_000),
  stage: z.enum(STAGES),
  reviewStatus: z.enum(REVIEW_STATUSES),
  templateKey: z.string().min(1).max(100),
  templateVersion: z.number().int().positive(),
  sections: entries(z.string().max(100), text(), MAX_MAP_ENTRIES.sections),
  metadata: entries(z.string().max(100), metadataValueSchema, MAX_MAP_ENTRIES.metadata),
  /** Where and when the draft was sent ("terkirim"); absent in drafts made before the review loop. */
  sent: sentDetailsSchema.nullable().optional(),
});

import { CHECKLIST_ITEM_STATUSES } from './checklistStatuses';
export { CHECKLIST_ITEM_STATUSES };
export const checklistItemSchema = z.object({
  status: z.enum(CHECKLIST_ITEM_STATUSES).nullable(),
  evidence: text(5_000),
});
export const checklistBodySchema = z.object({
  draftId: recordIdSchema,
  unitId: recordIdSchema.nullable(),
  templateKey: z.string().min(1).max(100),
  templateVersion: z.number().int().positive(),
  items: entries(z.string().max(100), checklistItemSchema, MAX_MAP_ENTRIES.items),
});

/**
 * A same-field conflict the server could not merge cleanly. Both versions are kept: `winner` is what the record
 * holds now (picked deterministically), `loser` is the other edit, shown beside it ("versi Anda" / "versi
 * fasilitator") until someone resolves it in one tap. `recordDeleted` marks an edit that met a delete.
 */
export const conflictBodySchema = z.object({
  recordId: recordIdSchema,
  recordKind: recordKindSchema,
  path: z.string().max(200),
  base: z.unknown(),
  winner: z.unknown(),
  loser: z.unknown(),
  winnerBy: z.string().max(100),
  loserBy: z.string().max(100),
  /** Who wrote each side, as people read it ("versi fasilitator (Budi)"); absent in conflicts made before. */
  winnerRole: personRoleSchema.optional(),
  winnerName: z.string().max(200).optional(),
  loserRole: personRoleSchema.optional(),
  loserName: z.string().max(200).optional(),
  recordDeleted: z.boolean(),
  resolved: z.boolean(),
});

/**
 * A comment on one section of a draft (a reply when `parentId` names the comment replied to). `unitId` is the
 * draft's, copied so the server scopes it like the draft. Resolving is per person: `resolutions.<userId>` is
 * that person's latest "resolved" or "reopened", its own sync path, so two phones resolving (or one replying
 * while another resolves) never collide; the thread's state is the latest entry (`commentResolution`).
 */
export const COMMENT_TARGET_KINDS = ['draft'] as const;
export const commentResolutionSchema = z.object({
  resolved: z.boolean(),
  /** When it was marked (ms, the phone's clock): orders one person's entry against another's. */
  at: z.number().int().nonnegative(),
  name: z.string().max(200),
  role: personRoleSchema.nullable(),
});
export const commentBodySchema = z.object({
  recordId: recordIdSchema,
  recordKind: z.enum(COMMENT_TARGET_KINDS),
  unitId: recordIdSchema.nullable(),
  sectionKey: z.string().min(1).max(100),
  text: text(5_000).min(1, 'Komentar kosong / the comment is empty'),
  parentId: recordIdSchema.nullable(),
  authorId: z.string().min(1).max(100),
  authorName: z.string().max(200),
  /** null: written as the guest, before any sign-in. */
  authorRole: personRoleSchema.nullable(),
  resolutions: entries(z.string().max(100), commentResolutionSchema, MAX_MAP_ENTRIES.resolutions),
  /** Written with "Minta revisi": the reason a draft was sent back (shown beside the comparison too). */
  revisionRequest: z.boolean().optional(),
});
export type CommentResolution = z.infer<typeof commentResolutionSchema>;

/**
 * A snapshot of a draft's sections taken each time it is submitted ("diajukan"), so every resubmission can be
 * compared with the one before. Written once by the submitter, never edited; the server gives it the access of its
 * draft (same unit).
 */
export const submissionBodySchema = z.object({
  draftId: recordIdSchema,
  unitId: recordIdSchema.nullable(),
  /** 1 for the first submission of the draft (counted on the submitter's phone: informative, not unique). */
  number: z.number().int().positive(),
  sections: entries(z.string().max(100), text(), MAX_MAP_ENTRIES.sections),
  templateKey: z.string().min(1).max(100),
  templateVersion: z.number().int().positive(),
  submittedAt: z.number().int().nonnegative(),
  submittedBy: z.string().min(1).max(100),
  submittedByName: shortText(200),
  /**
   * What the author changed, in their own words ("Apa yang Anda ubah?"), asked when they resubmit after a
   * revision; shown beside the word-by-word comparison. Absent on first submissions and on snapshots made before.
   */
  note: text(2_000).optional(),
});

export const TEMPLATE_STATUSES = ['draft', 'active', 'retired'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** The programme year a template is for and a programme record sets. */
const programmeYearSchema = z
  .number({ error: 'Tahun program wajib angka / the programme year must be a number' })
  .int()
  .min(2000, 'Tahun program tidak sah / invalid programme year')
  .max(2100, 'Tahun program tidak sah / invalid programme year');

/** A template record's `template`: the JSON as imported, checked by the shared template schema (templates/). */
const templateJsonSchema = z.record(z.string(), z.unknown()).superRefine((json, ctx) => {
  const parsed = proposalTemplateJsonSchema.safeParse(json);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const where = issue.path.join('.') || '(templat)';
    const [id, en = id] = issue.message.split(' / ');
    ctx.addIssue({
      code: 'custom',
      path: issue.path,
      message: `Templat tidak sah di ${where}: ${id} / invalid template at ${where}: ${en}`,
    });
  }
});

/**
 * A proposal template as tenant data (issue #15): seeded from the shipped JSON when a tenant is created, a new
 * version imported by a local admin; the whole tenant reads it, only a local admin writes it (access.ts).
 * `key` and `version` repeat the template's own so stores can find it without parsing the JSON; a draft names
 * them (`templateKey`, `templateVersion`) and keeps opening with its version after a newer one is active.
 * `replaces`: the template (any version of that key) this one succeeds, when its key is new (a 2027 template
 * after the 2023 one); activating it retires that key's active version. The "new draft" picker offers active
 * templates only.
 */
export const templateBodySchema = z
  .object({
    key: z.string().min(1).max(100),
    version: z.number().int().positive(),
    year: programmeYearSchema,
    status: z.enum(TEMPLATE_STATUSES),
    replaces: z.string().min(1).max(100).nullable(),
    template: templateJsonSchema,
  })
  .refine((b) => b.template.key === b.key && (b.template.version ?? 1) === b.version, {
    message: 'Kunci dan versi harus sama dengan isi templat / key and version must match the template itself',
    path: ['key'],
  });

/** One kind of unit a tenant offers, and how its people read it (a tenant may reword or leave out a kind). */
export const programmeUnitTypeSchema = z.object({
  type: z.enum(UNIT_TYPES),
  id: shortText(200).min(1, 'Nama jenis unit wajib diisi / the unit type needs a name'),
  en: shortText(200).min(1, 'Nama jenis unit wajib diisi / the unit type needs a name'),
});
export type ProgrammeUnitType = z.infer<typeof programmeUnitTypeSchema>;

/**
 * The optional states of the regency's review flow (domain/README.md): approval by the head of the OPD and the
 * regency's internal review, each switched on per tenant (review.ts builds the moves from them).
 */
export const reviewFlowSchema = z.object({
  headApproval: z.boolean(),
  internalReview: z.boolean(),
});
export type ReviewFlow = z.infer<typeof reviewFlowSchema>;

/**
 * A tenant's programme settings for a year, as tenant data (issue #15) like templates: seeded when the tenant is
 * created (and at start for tenants made before), read by the whole tenant, written by local admins only
 * (access.ts). The active record of the latest year is the one in force (domain/programme.ts); the others are
 * kept as history. `unitTypes`: the kinds of unit offered, in picker order (stored values from `UNIT_TYPES`).
 */
export const programmeBodySchema = z.object({
  year: programmeYearSchema,
  status: z.enum(TEMPLATE_STATUSES),
  unitTypes: z
    .array(programmeUnitTypeSchema)
    .min(1, 'Minimal satu jenis unit / at least one unit type')
    .max(UNIT_TYPES.length)
    .refine((list) => new Set(list.map((u) => u.type)).size === list.length, {
      message: 'Jenis unit ganda / a unit type is listed twice',
    }),
  reviewFlow: reviewFlowSchema,
});

export const BODY_SCHEMAS = {
  unit: capped(unitBodySchema),
  person: capped(personBodySchema),
  session: capped(sessionBodySchema),
  draft: capped(draftBodySchema),
  checklist: capped(checklistBodySchema),
  conflict: capped(conflictBodySchema),
  comment: capped(commentBodySchema),
  submission: capped(submissionBodySchema),
  /** Photos and documents (see attachments.ts): the record syncs, the bytes go over tus. */
  attachment: capped(attachmentBodySchema),
  template: capped(templateBodySchema),
  programme: capped(programmeBodySchema),
} as const satisfies Record<RecordKind, z.ZodObject>;

/**
 * Kinds whose body schema has a rule across fields besides the size cap (`.refine` on the object): an edit of
 * them is checked whole by `bodyFieldsIssue`. A test keeps this list in step with the schemas.
 */
export const CROSS_FIELD_KINDS: ReadonlySet<RecordKind> = new Set(['template']);

/**
 * The first issue of a body of which only `fields` may have changed since it last passed `BODY_SCHEMAS[kind]`
 * (an edit of a stored body), or null: the touched fields each checked by their own schema, in the schema's
 * order, then the size cap. For such a body this is the whole schema's verdict and first issue, without parsing
 * the fields that did not change (the server's push checks every edited body; parsing each whole was its largest
 * cost). A body not known to be valid must be checked whole.
 */
export function bodyFieldsIssue(
  kind: RecordKind,
  body: Record<string, unknown>,
  fields: ReadonlySet<string>,
): { path: PropertyKey[]; message: string } | null {
  const schema = BODY_SCHEMAS[kind];
  if (CROSS_FIELD_KINDS.has(kind)) {
    const parsed = schema.safeParse(body);
    const first = parsed.success ? undefined : parsed.error.issues[0];
    return first ? { path: first.path, message: first.message } : null;
  }
  const shape = schema.shape as Record<string, z.ZodType>;
  for (const field of Object.keys(shape)) {
    if (!fields.has(field)) continue;
    const parsed = shape[field]!.safeParse(body[field]);
    const first = parsed.success ? undefined : parsed.error.issues[0];
    if (first) return { path: [field, ...first.path], message: first.message };
  }
  return jsonFits(body, MAX_RECORD_BYTES) ? null : { path: [], message: TOO_BIG };
}

/** Body fields whose entries sync one by one (see the file comment); in mapFields.ts, which has no zod. */
export { MAP_FIELDS } from './mapFields';

/**
 * A kind's whole record: the envelope, then the body's fields. `.meta({ id })` names the schema (zod's own registry,
 * no OpenAPI code here): the server's OpenAPI document lists it once under components.schemas and refers to it from
 * every operation (src/server/README.md, "API"). The body's cross-field rules (a template's `.refine`) stay with
 * the body schema: the record takes the fields only.
 */
function recordSchema<K extends RecordKind, S extends z.ZodRawShape>(
  kind: K,
  body: z.ZodObject<S>,
  id: string,
) {
  return envelopeSchema.extend({ kind: z.literal(kind), ...body.shape }).meta({ id });
}

export const unitSchema = recordSchema('unit', unitBodySchema, 'UnitRecord');
export const personSchema = recordSchema('person', personBodySchema, 'PersonRecord');
export const sessionSchema = recordSchema('session', sessionBodySchema, 'SessionRecord');
export const draftSchema = recordSchema('draft', draftBodySchema, 'DraftRecord');
export const checklistSchema = recordSchema('checklist', checklistBodySchema, 'ChecklistRecord');
export const conflictSchema = recordSchema('conflict', conflictBodySchema, 'ConflictRecord');
export const commentSchema = recordSchema('comment', commentBodySchema, 'CommentRecord');
export const submissionSchema = recordSchema('submission', submissionBodySchema, 'SubmissionRecord');
export const attachmentSchema = recordSchema('attachment', attachmentBodySchema, 'AttachmentRecord');
export const templateSchema = recordSchema('template', templateBodySchema, 'TemplateRecord');
export const programmeSchema = recordSchema('programme', programmeBodySchema, 'ProgrammeRecord');

export const anyRecordSchema = z
  .discriminatedUnion('kind', [
    unitSchema,
    personSchema,
    sessionSchema,
    draftSchema,
    checklistSchema,
    conflictSchema,
    commentSchema,
    submissionSchema,
    attachmentSchema,
    templateSchema,
    programmeSchema,
  ])
  .meta({ id: 'Record' });

export type Unit = z.infer<typeof unitSchema>;
export type Person = z.infer<typeof personSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type Checklist = z.infer<typeof checklistSchema>;
export type Conflict = z.infer<typeof conflictSchema>;
export type Comment = z.infer<typeof commentSchema>;
export type Submission = z.infer<typeof submissionSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type TemplateRecord = z.infer<typeof templateSchema>;
export type ProgrammeRecord = z.infer<typeof programmeSchema>;
export type AnyRecord = z.infer<typeof anyRecordSchema>;
export type RecordOfKind<K extends RecordKind> = Extract<AnyRecord, { kind: K }>;
export type BodyOf<K extends RecordKind> = z.infer<(typeof BODY_SCHEMAS)[K]>;

/**
 * The body of a record (its kind's body fields, the envelope left out). A field the record lacks is present as
 * `undefined`, so callers can compare and validate bodies key by key.
 */
export function bodyOf<K extends RecordKind>(kind: K, record: RecordOfKind<K>): BodyOf<K>;
export function bodyOf(kind: RecordKind, record: object): Record<string, unknown>;
export function bodyOf(kind: RecordKind, record: object): Record<string, unknown> {
  const fields = record as Record<string, unknown>;
  return Object.fromEntries(Object.keys(BODY_SCHEMAS[kind].shape).map((k) => [k, fields[k]]));
}

export const ENVELOPE_KEYS = [
  'id',
  'kind',
  'tenantId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'deleted',
  'rev',
  'fieldVersions',
  'partial',
] as const;
