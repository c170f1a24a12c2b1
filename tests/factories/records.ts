/**
 * Whole records for tests: an envelope (a new id, tenant `t1`, written by `me`, never synced) and a body from
 * `bodies.ts`, with overrides on top: `aDraft({ unitId, sections: { ringkasan: 'Isi.' } })`, or
 * `aDraft({ rev: 3, updatedBy: 'other' })` for a copy the server sent. Overrides of envelope fields go to the
 * envelope, the rest to the body builder (so map fields merge and template keys are checked there).
 */
import { uuidv7 } from 'uuidv7';
import {
  ENVELOPE_KEYS,
  type AnyRecord,
  type Attachment,
  type Checklist,
  type Comment,
  type Conflict,
  type Draft,
  type Envelope,
  type Person,
  type RecordKind,
  type RecordOfKind,
  type Session,
  type Submission,
  type ProgrammeRecord,
  type TemplateRecord,
  type Unit,
} from '../../src/shared/records';
import {
  aChecklistBody,
  aCommentBody,
  aConflictBody,
  aDraftBody,
  aPersonBody,
  aSessionBody,
  aSubmissionBody,
  aUnitBody,
  aTemplateBody,
  aProgrammeBody,
  anAttachmentBody,
  defined,
  type ChecklistOverrides,
} from './bodies';

/** The tenant records belong to when a test names none. */
export const TENANT = 't1';

/** An envelope: new id, tenant `t1`, made and last changed by `me` at time 1, not deleted, never synced. */
export function anEnvelope(over: Partial<Envelope> = {}): Envelope {
  return {
    id: uuidv7(),
    tenantId: TENANT,
    createdAt: 1,
    updatedAt: 1,
    createdBy: 'me',
    updatedBy: 'me',
    deleted: false,
    rev: 0,
    fieldVersions: {},
    ...defined(over),
  };
}

const isEnvelopeKey = (key: string) => (ENVELOPE_KEYS as readonly string[]).includes(key);

/** A record of `kind`: the envelope fields of `over` on the envelope, the rest through `body`. */
function record<K extends RecordKind, O extends object>(
  kind: K,
  body: (over: O) => object,
  over: Partial<Envelope> & O,
): RecordOfKind<K> {
  const entries = Object.entries(over);
  const envelope = Object.fromEntries(entries.filter(([k]) => isEnvelopeKey(k))) as Partial<Envelope>;
  const rest = Object.fromEntries(entries.filter(([k]) => !isEnvelopeKey(k))) as O;
  return { ...anEnvelope(envelope), kind, ...body(rest) } as RecordOfKind<K>;
}

type Over<R extends AnyRecord, B = object> = Partial<Omit<R, 'kind' | keyof B>> & B;

export const aDraft = (over: Over<Draft> = {}): Draft => record('draft', aDraftBody, over);
export const aSession = (over: Over<Session> = {}): Session => record('session', aSessionBody, over);
export const aChecklist = (over: Over<Checklist, Pick<ChecklistOverrides, 'items'>> = {}): Checklist =>
  record('checklist', aChecklistBody, over);
export const aUnit = (over: Over<Unit> = {}): Unit => record('unit', aUnitBody, over);
export const aPerson = (over: Over<Person> = {}): Person => record('person', aPersonBody, over);
export const aComment = (over: Over<Comment> = {}): Comment => record('comment', aCommentBody, over);
export const aSubmission = (over: Over<Submission> = {}): Submission =>
  record('submission', aSubmissionBody, over);
export const anAttachment = (over: Over<Attachment> = {}): Attachment =>
  record('attachment', anAttachmentBody, over);
export const aConflict = (over: Over<Conflict> = {}): Conflict => record('conflict', aConflictBody, over);
export const aTemplate = (over: Over<TemplateRecord> = {}): TemplateRecord =>
  record('template', aTemplateBody, over);
export const aProgramme = (over: Over<ProgrammeRecord> = {}): ProgrammeRecord =>
  record('programme', aProgrammeBody, over);

/** One record of every kind, each on its own (the schema test and any test that wants "one of each"). */
export const RECORD_FACTORIES: { [K in RecordKind]: () => RecordOfKind<K> } = {
  unit: () => aUnit(),
  person: () => aPerson(),
  session: () => aSession(),
  draft: () => aDraft(),
  checklist: () => aChecklist(),
  conflict: () => aConflict(),
  comment: () => aComment(),
  submission: () => aSubmission(),
  attachment: () => anAttachment(),
  template: () => aTemplate(),
  programme: () => aProgramme(),
};
