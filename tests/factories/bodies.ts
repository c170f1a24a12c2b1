/**
 * Bodies of valid records for tests, built the way the app builds them: on the shipped templates
 * (`src/shared/templates`) with the shared `new*Body` functions, a test's overrides on top. A template key, a
 * section, a metadata field or a checklist item the shipped templates do not have is refused with an error: a
 * test on a template that does not exist tests nothing the app does.
 *
 * Map fields merge: `aDraftBody({ sections: { ringkasan: 'Isi.' } })` is the template's every section, empty,
 * with `ringkasan` filled, as a draft made on the phone and then typed in. Every other override replaces.
 */
import { uuidv7 } from 'uuidv7';
import { newChecklistBody, newDraftBody, newSessionBody } from '../../src/shared/domain/factories';
import { newPersonBody } from '../../src/shared/domain/people';
import { shippedTemplateBodies } from '../../src/shared/domain/template-versions';
import { shippedProgrammeBody } from '../../src/shared/domain/programme';
import {
  DEFAULT_PROPOSAL_TEMPLATE_KEY,
  checklistTemplates,
  proposalTemplates,
  type ChecklistTemplate,
  type ProposalTemplate,
} from '../../src/shared/templates';
import type { BodyOf, FollowUpAction, Participant } from '../../src/shared/records';

type ChecklistItem = BodyOf<'checklist'>['items'][string];

/** The checklist template a checklist gets when a test names none. */
export const DEFAULT_CHECKLIST_TEMPLATE_KEY = 'prinsip-pelayanan-6';
/** A fixed moment for bodies that carry a time (2023-11-14, in ms), so runs compare equal. */
export const SOME_TIME = 1_700_000_000_000;

/** The shipped proposal template `key` (its latest version unless `version` is given); throws if there is none. */
export function proposalTemplate(key = DEFAULT_PROPOSAL_TEMPLATE_KEY, version?: number): ProposalTemplate {
  const template =
    version === undefined ? proposalTemplates.latest(key) : proposalTemplates.get(key, version);
  if (!template) throw new Error(`No shipped proposal template ${key}${version ? ` v${version}` : ''}`);
  return template;
}

/** The shipped checklist template `key` (its latest version unless `version` is given); throws if there is none. */
export function checklistTemplate(key = DEFAULT_CHECKLIST_TEMPLATE_KEY, version?: number): ChecklistTemplate {
  const template =
    version === undefined ? checklistTemplates.latest(key) : checklistTemplates.get(key, version);
  if (!template) throw new Error(`No shipped checklist template ${key}${version ? ` v${version}` : ''}`);
  return template;
}

/** `over` without its undefined values: an absent override and one given as undefined both keep the default. */
export function defined<T extends object>(over: T): T {
  return Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)) as T;
}

/** `entries` after checking each key is one the template has. */
function templateEntries<V>(
  entries: Record<string, V>,
  keys: readonly string[],
  what: string,
): Record<string, V> {
  for (const key of Object.keys(entries))
    if (!keys.includes(key)) throw new Error(`${what} has no "${key}" (it has: ${keys.join(', ')})`);
  return entries;
}

type DraftOverrides = Partial<BodyOf<'draft'>>;

/** A draft body on a shipped proposal template: `newDraftBody`, titled, with `over` on top. */
export function aDraftBody(given: DraftOverrides = {}): BodyOf<'draft'> {
  const over = defined(given);
  const template = proposalTemplate(over.templateKey, over.templateVersion);
  const base = newDraftBody(template, over.unitId ?? null);
  const what = `Template ${template.key} v${template.version}`;
  const sectionKeys = template.sections.map((s) => s.key);
  const metadataKeys = template.metadataFields.map((f) => f.key);
  return {
    ...base,
    title: 'Layanan antar obat',
    ...over,
    sections: { ...base.sections, ...templateEntries(over.sections ?? {}, sectionKeys, what) },
    metadata: templateEntries(over.metadata ?? {}, metadataKeys, `${what} (metadata)`),
  };
}

export type ChecklistOverrides = Partial<Omit<BodyOf<'checklist'>, 'items'>> & {
  items?: Record<string, Partial<ChecklistItem>>;
};

/** A checklist body on a shipped checklist template: `newChecklistBody`, with `over` on top (items merged). */
export function aChecklistBody(given: ChecklistOverrides = {}): BodyOf<'checklist'> {
  const over = defined(given);
  const template = checklistTemplate(over.templateKey, over.templateVersion);
  const base = newChecklistBody(template, over.draftId ?? uuidv7(), over.unitId ?? null);
  const items = { ...base.items };
  const filled = templateEntries(
    over.items ?? {},
    template.items.map((i) => i.key),
    `Checklist template ${template.key} v${template.version}`,
  );
  for (const [key, item] of Object.entries(filled)) items[key] = { ...items[key]!, ...item };
  return { ...base, ...over, items };
}

/** A session body: `newSessionBody` at a fixed time (2026-11-02 09:00), in a place, with `over` on top. */
export function aSessionBody(over: Partial<BodyOf<'session'>> = {}): BodyOf<'session'> {
  return { ...newSessionBody(new Date(2026, 10, 2, 9, 0)), place: 'Aula Puskesmas Malili', ...defined(over) };
}

/** A participant of a session (a guest typed by hand unless `personId` is given). */
export function aParticipant(over: Partial<Participant> = {}): Participant {
  return { name: 'Sari Wulandari', personId: null, present: true, order: 0, ...defined(over) };
}

/** A follow-up action of a session, open, with no due date and nobody's. */
export function aFollowUp(over: Partial<FollowUpAction> = {}): FollowUpAction {
  return {
    what: 'Susun SOP layanan',
    who: 'Sari Wulandari',
    due: '',
    status: 'terbuka',
    order: 0,
    ...defined(over),
  };
}

/** Map entries under new ids, ordered as given (`order` 0, 1, ...): a session's `participants` or `actions`. */
export function keyedByNewIds<T extends { order: number }>(items: readonly T[]): Record<string, T> {
  return Object.fromEntries(items.map((item, order) => [uuidv7(), { ...item, order }]));
}

/** A unit body: a puskesmas of the regency, not demo. */
export function aUnitBody(over: Partial<BodyOf<'unit'>> = {}): BodyOf<'unit'> {
  return { name: 'Puskesmas Malili', type: 'puskesmas', demo: false, ...defined(over) };
}

/** A person body: someone without an account (`newPersonBody`) unless `over` gives a role and `hasAccount`. */
export function aPersonBody(over: Partial<BodyOf<'person'>> = {}): BodyOf<'person'> {
  return {
    ...newPersonBody({ name: 'Sari Wulandari', unitIds: over.unitIds ?? [], position: 'Kader posyandu' }),
    ...defined(over),
  };
}

/** A comment body: a facilitator's thread on the draft's first section. */
export function aCommentBody(over: Partial<BodyOf<'comment'>> = {}): BodyOf<'comment'> {
  return {
    recordId: uuidv7(),
    recordKind: 'draft',
    unitId: null,
    sectionKey: proposalTemplate().sections[0]!.key,
    text: 'Mohon perjelas siapa penerima manfaatnya.',
    parentId: null,
    authorId: 'fac',
    authorName: 'Budi',
    authorRole: 'facilitator',
    resolutions: {},
    ...defined(over),
  };
}

/** A submission body: the first snapshot of a draft on the default template, sections as `aDraftBody` has them. */
export function aSubmissionBody(
  over: Partial<Omit<BodyOf<'submission'>, 'sections'>> & { sections?: Record<string, string> } = {},
): BodyOf<'submission'> {
  const draft = aDraftBody({
    templateKey: over.templateKey,
    templateVersion: over.templateVersion,
    sections: over.sections,
  });
  return {
    draftId: uuidv7(),
    unitId: null,
    number: 1,
    templateKey: draft.templateKey,
    templateVersion: draft.templateVersion,
    submittedAt: SOME_TIME,
    submittedBy: 'inno',
    submittedByName: 'Sari Wulandari',
    ...defined(over),
    sections: draft.sections,
  };
}

/** A stored photo's SHA-256 (any 64 hex digits do for a record; tests that upload bytes give their own). */
export const SOME_SHA256 = 'ab'.repeat(32);

/**
 * A template record's body: the shipped default template as a tenant gets it (`key` picks another shipped one),
 * or, with `template`, that JSON (then give `key`, `version`, `year` and `replaces` to match it).
 */
export function aTemplateBody(over: Partial<BodyOf<'template'>> & { key?: string } = {}): BodyOf<'template'> {
  // A test giving its own template JSON (an imported version) names its key too; otherwise a shipped one.
  const key = over.template ? DEFAULT_PROPOSAL_TEMPLATE_KEY : (over.key ?? DEFAULT_PROPOSAL_TEMPLATE_KEY);
  const shipped = shippedTemplateBodies().find((b) => b.key === key);
  if (!shipped) throw new Error(`No shipped proposal template ${key}`);
  return { ...shipped, ...defined(over) };
}

/** An attachment body: a compressed photo on a session, no thumbnail. */
export function anAttachmentBody(over: Partial<BodyOf<'attachment'>> = {}): BodyOf<'attachment'> {
  return {
    sha256: SOME_SHA256,
    name: 'foto-kegiatan.jpg',
    mime: 'image/jpeg',
    size: 180_000,
    originalSize: 2_400_000,
    parentId: uuidv7(),
    parentKind: 'session',
    unitId: null,
    slot: '',
    width: 1600,
    height: 1200,
    thumbnail: '',
    ...defined(over),
  };
}

/** A conflict body: the facilitator's and my edits of a draft's first section, unresolved. */
export function aConflictBody(over: Partial<BodyOf<'conflict'>> = {}): BodyOf<'conflict'> {
  return {
    recordId: uuidv7(),
    recordKind: 'draft',
    path: `sections.${proposalTemplate().sections[0]!.key}`,
    base: null,
    winner: 'Versi fasilitator.',
    loser: 'Versi saya.',
    winnerBy: 'fac',
    loserBy: 'me',
    recordDeleted: false,
    resolved: false,
    ...defined(over),
  };
}

/** A programme record's body: the shipped settings a new tenant gets (2026, active, no optional review state). */
export function aProgrammeBody(over: Partial<BodyOf<'programme'>> = {}): BodyOf<'programme'> {
  return { ...shippedProgrammeBody(2026), ...defined(over) };
}
