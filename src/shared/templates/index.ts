/**
 * Template registry: proposal and checklist templates are versioned data, never code (the rules change every
 * year). The JSON files beside this module are validated with zod when this module loads; a template without a
 * `version` is version 1. The registry keeps EVERY version, because a draft records `templateKey` +
 * `templateVersion` and must keep opening with the version it was written with after a newer one arrives.
 * Pure: no browser or Node imports.
 */
import { z } from 'zod';
import { CHECKLIST_ITEM_STATUSES as STATUS_KEYS } from '../checklistStatuses';
import proposalJson from './proposal-templates.json';
import checklistJson from './checklist-templates.json';

export const labelSchema = z.object({ id: z.string().min(1), en: z.string().min(1) });
export type Label = z.infer<typeof labelSchema>;

const keySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9-]+$/, 'Kunci templat tidak sah / invalid template key');
const versionSchema = z.number().int().positive().default(1);

/** Rejects a list whose items repeat a key: keys are the field paths drafts and checklists store. */
const uniqueKeys = <T extends { key: string }>(items: T[]) =>
  new Set(items.map((i) => i.key)).size === items.length;

const sectionJsonSchema = z
  .object({
    key: keySchema,
    id: z.string().min(1),
    en: z.string().min(1),
    max_words: z.number().int().positive().optional(),
    min_words: z.number().int().positive().optional(),
    weight: z.number().nonnegative().optional(),
    guide_id: z.string().optional(),
    guide_en: z.string().optional(),
    group: z.string().optional(),
  })
  .transform((s) => ({
    key: s.key,
    label: { id: s.id, en: s.en },
    maxWords: s.max_words ?? null,
    minWords: s.min_words ?? null,
    weight: s.weight ?? null,
    guide: s.guide_id && s.guide_en ? { id: s.guide_id, en: s.guide_en } : null,
    group: s.group ?? null,
  }));
export type SectionTemplate = z.output<typeof sectionJsonSchema>;

export const METADATA_FIELD_TYPES = ['select', 'multiselect', 'date', 'url', 'text', 'attachment'] as const;
export type MetadataFieldType = (typeof METADATA_FIELD_TYPES)[number];

/**
 * One choice of a select field. The key is what a draft stores (unchanged since templates listed bare slugs, so
 * old drafts stay valid); the label is what people read, on screen and in every export. Labels live here, in the
 * template data, so they travel with the template wherever it goes.
 */
const optionJsonSchema = z
  .object({ key: keySchema, id: z.string().min(1), en: z.string().min(1) })
  .transform((o) => ({ key: o.key, label: { id: o.id, en: o.en } }));
export type OptionTemplate = z.output<typeof optionJsonSchema>;

const metadataFieldJsonSchema = z
  .object({
    key: keySchema,
    id: z.string().min(1),
    en: z.string().min(1),
    options: z.array(optionJsonSchema).min(1).refine(uniqueKeys, 'duplicate option key').optional(),
    multiple: z.boolean().optional(),
    type: z.enum(['date', 'url', 'text', 'attachment']).optional(),
  })
  .transform((f) => {
    const options = f.options ?? [];
    const type: MetadataFieldType =
      options.length > 0 ? (f.multiple ? 'multiselect' : 'select') : (f.type ?? 'text');
    return { key: f.key, label: { id: f.id, en: f.en }, type, options };
  });
export type MetadataFieldTemplate = z.output<typeof metadataFieldJsonSchema>;

/**
 * The label of a stored option key, or null when the template does not list it (a key from another template
 * version). Keys are compared as text: early drafts stored SDGs as numbers.
 */
export function optionLabel(field: MetadataFieldTemplate, key: string | number): Label | null {
  const k = String(key);
  return field.options.find((o) => o.key === k)?.label ?? null;
}

const attachmentJsonSchema = z
  .object({
    key: keySchema,
    id: z.string().min(1),
    en: z.string().min(1),
    format: z.string().min(1),
    max_bytes: z.number().int().positive(),
  })
  .transform((a) => ({ key: a.key, label: { id: a.id, en: a.en }, format: a.format, maxBytes: a.max_bytes }));

/**
 * How long an innovation must have run before it may enter a group ("kelompok umum: minimal 2 tahun"): the
 * metadata field holding the implementation start date, the select field holding the group, and per group key the
 * minimum in months (a group not listed has no minimum). `deadline` is the day the time is counted to (the
 * programme's closing date); without it the check counts to today.
 */
const eligibilityJsonSchema = z
  .object({
    start_field: keySchema,
    group_field: keySchema,
    min_months: z.record(keySchema, z.number().int().positive()),
    deadline: z.iso.date().optional(),
  })
  .transform((e) => ({
    startField: e.start_field,
    groupField: e.group_field,
    minMonths: e.min_months,
    deadline: e.deadline ?? null,
  }));
export type EligibilityRule = z.output<typeof eligibilityJsonSchema>;

/** The eligibility rule names a date field, a select field and options that field offers. */
function eligibilityFitsFields(t: {
  eligibility?: EligibilityRule | undefined;
  metadata_fields: MetadataFieldTemplate[];
}): boolean {
  const rule = t.eligibility;
  if (!rule) return true;
  const start = t.metadata_fields.find((f) => f.key === rule.startField);
  const group = t.metadata_fields.find((f) => f.key === rule.groupField);
  return (
    start?.type === 'date' &&
    group?.type === 'select' &&
    Object.keys(rule.minMonths).every((k) => group.options.some((o) => o.key === k))
  );
}

export const proposalTemplateJsonSchema = z
  .object({
    key: keySchema,
    version: versionSchema,
    title: labelSchema,
    source: z.string(),
    sections: z.array(sectionJsonSchema).min(1).refine(uniqueKeys, 'duplicate section key'),
    metadata_fields: z
      .array(metadataFieldJsonSchema)
      .refine(uniqueKeys, 'duplicate metadata key')
      .default([]),
    required_attachments: z.array(attachmentJsonSchema).default([]),
    eligibility_notes: labelSchema.optional(),
    eligibility: eligibilityJsonSchema.optional(),
    group_weights: z.record(z.string(), z.number().nonnegative()).default({}),
  })
  .refine(eligibilityFitsFields, {
    message:
      'eligibility harus menyebut kolom tanggal, kolom pilihan dan pilihannya / eligibility must name a date field, a select field and its options',
    path: ['eligibility'],
  })
  .transform((t) => ({
    key: t.key,
    version: t.version,
    title: t.title,
    source: t.source,
    sections: t.sections,
    metadataFields: t.metadata_fields,
    requiredAttachments: t.required_attachments,
    eligibilityNotes: t.eligibility_notes ?? null,
    eligibility: t.eligibility ?? null,
    groupWeights: t.group_weights,
  }));
export type ProposalTemplate = z.output<typeof proposalTemplateJsonSchema>;

export const proposalTemplateFileSchema = z.object({
  templates: z.array(proposalTemplateJsonSchema).min(1),
  lessons_fields: z
    .object({
      fields: z.array(z.object({ key: keySchema, id: z.string().min(1), en: z.string().min(1) })),
    })
    .optional(),
});

const checklistItemJsonSchema = z
  .object({
    key: keySchema,
    id: z.string().min(1),
    en: z.string().min(1),
    hint_id: z.string().optional(),
    hint_en: z.string().optional(),
  })
  .transform((i) => ({
    key: i.key,
    label: { id: i.id, en: i.en },
    hint: i.hint_id && i.hint_en ? { id: i.hint_id, en: i.hint_en } : null,
  }));
export type ChecklistItemTemplate = z.output<typeof checklistItemJsonSchema>;

export const checklistTemplateJsonSchema = z
  .object({
    key: keySchema,
    version: versionSchema,
    title: labelSchema,
    source: z.string(),
    items: z.array(checklistItemJsonSchema).min(1).refine(uniqueKeys, 'duplicate item key'),
  })
  .transform((t) => ({ key: t.key, version: t.version, title: t.title, source: t.source, items: t.items }));
export type ChecklistTemplate = z.output<typeof checklistTemplateJsonSchema>;

export const checklistTemplateFileSchema = z.object({
  templates: z.array(checklistTemplateJsonSchema).min(1),
  item_status: z
    .array(z.object({ key: z.enum(STATUS_KEYS), id: z.string().min(1), en: z.string().min(1) }))
    .refine((s) => STATUS_KEYS.every((k) => s.some((x) => x.key === k)), 'every item status needs a label'),
});

/** Keeps every version of every template; rejects a second template with the same key and version. */
export class TemplateRegistry<T extends { key: string; version: number }> {
  readonly #byKey = new Map<string, Map<number, T>>();

  constructor(templates: readonly T[]) {
    for (const t of templates) this.add(t);
  }

  add(template: T): void {
    const versions = this.#byKey.get(template.key) ?? new Map<number, T>();
    if (versions.has(template.version))
      throw new Error(`Template ${template.key} v${template.version} registered twice`);
    versions.set(template.version, template);
    this.#byKey.set(template.key, versions);
  }

  get(key: string, version: number): T | undefined {
    return this.#byKey.get(key)?.get(version);
  }

  latest(key: string): T | undefined {
    const versions = this.#byKey.get(key);
    if (!versions) return undefined;
    return versions.get(Math.max(...versions.keys()));
  }

  /** The latest version of every key, in registration order (what a "new draft" picker offers). */
  listLatest(): T[] {
    return [...this.#byKey.keys()].map((k) => this.latest(k)!);
  }

  /** Every version of every key. */
  listAll(): T[] {
    return [...this.#byKey.values()].flatMap((v) => [...v.values()]);
  }
}

const proposalFile = proposalTemplateFileSchema.parse(proposalJson);
const checklistFile = checklistTemplateFileSchema.parse(checklistJson);

export const proposalTemplates = new TemplateRegistry<ProposalTemplate>(proposalFile.templates);
export const checklistTemplates = new TemplateRegistry<ChecklistTemplate>(checklistFile.templates);

/** Key of the template a new draft starts with when nobody chose one. */
export const DEFAULT_PROPOSAL_TEMPLATE_KEY = 'kipp-2023-umum';

export const getProposalTemplate = (key: string, version: number) => proposalTemplates.get(key, version);
export const latestProposalTemplate = (key: string) => proposalTemplates.latest(key);
/** Latest version of each proposal template. */
export const listProposalTemplates = () => proposalTemplates.listLatest();
export const getChecklistTemplate = (key: string, version: number) => checklistTemplates.get(key, version);
export const latestChecklistTemplate = (key: string) => checklistTemplates.latest(key);
/** Latest version of each checklist template. */
export const listChecklistTemplates = () => checklistTemplates.listLatest();

/** Fields the national innovation directory keeps per innovation (lessons learned). */
export const LESSONS_FIELDS: readonly { key: string; label: Label }[] = (
  proposalFile.lessons_fields?.fields ?? []
).map((f) => ({ key: f.key, label: { id: f.id, en: f.en } }));

export type ChecklistItemStatus = (typeof STATUS_KEYS)[number];
/** Checklist item statuses in display order, with their labels. */
export const CHECKLIST_ITEM_STATUSES: readonly { key: ChecklistItemStatus; label: Label }[] =
  checklistFile.item_status.map((s) => ({ key: s.key, label: { id: s.id, en: s.en } }));
export const CHECKLIST_ITEM_STATUS_LABELS = Object.fromEntries(
  CHECKLIST_ITEM_STATUSES.map((s) => [s.key, s.label]),
) as Record<ChecklistItemStatus, Label>;
