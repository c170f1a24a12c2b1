/**
 * The zod schemas of the proposal and checklist template files (issue #15: imported by a local admin, stored as
 * template records). Built on first use, not as the module loads: building them took about a tenth of a second
 * of a slow phone's start (4x CPU), and the app's start only reads the shipped templates, which the browser build
 * checks at build time (`bundled.ts`). Pure: no browser or Node imports.
 */
import { z } from 'zod';
import { CHECKLIST_ITEM_STATUSES as STATUS_KEYS } from '../checklistStatuses';

export const METADATA_FIELD_TYPES = ['select', 'multiselect', 'date', 'url', 'text', 'attachment'] as const;
export type MetadataFieldType = (typeof METADATA_FIELD_TYPES)[number];

/** Rejects a list whose items repeat a key: keys are the field paths drafts and checklists store. */
const uniqueKeys = <T extends { key: string }>(items: T[]) =>
  new Set(items.map((i) => i.key)).size === items.length;

/** The eligibility rule names a date field, a select field and options that field offers. */
function eligibilityFitsFields(t: {
  eligibility?: { startField: string; groupField: string; minMonths: Record<string, number> } | undefined;
  metadata_fields: { key: string; type: MetadataFieldType; options: { key: string }[] }[];
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

function defineTemplateSchemas() {
  const labelSchema = z.object({ id: z.string().min(1), en: z.string().min(1) });

  const keySchema = z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/, 'Kunci templat tidak sah / invalid template key');
  const versionSchema = z.number().int().positive().default(1);

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

  /**
   * One choice of a select field. The key is what a draft stores (unchanged since templates listed bare slugs, so
   * old drafts stay valid); the label is what people read, on screen and in every export. Labels live here, in the
   * template data, so they travel with the template wherever it goes.
   */
  const optionJsonSchema = z
    .object({ key: keySchema, id: z.string().min(1), en: z.string().min(1) })
    .transform((o) => ({ key: o.key, label: { id: o.id, en: o.en } }));

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

  const attachmentJsonSchema = z
    .object({
      key: keySchema,
      id: z.string().min(1),
      en: z.string().min(1),
      format: z.string().min(1),
      max_bytes: z.number().int().positive(),
    })
    .transform((a) => ({
      key: a.key,
      label: { id: a.id, en: a.en },
      format: a.format,
      maxBytes: a.max_bytes,
    }));

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

  const proposalTemplateJsonSchema = z
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

  const proposalTemplateFileSchema = z.object({
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

  const checklistTemplateJsonSchema = z
    .object({
      key: keySchema,
      version: versionSchema,
      title: labelSchema,
      source: z.string(),
      items: z.array(checklistItemJsonSchema).min(1).refine(uniqueKeys, 'duplicate item key'),
    })
    .transform((t) => ({ key: t.key, version: t.version, title: t.title, source: t.source, items: t.items }));

  const checklistTemplateFileSchema = z.object({
    templates: z.array(checklistTemplateJsonSchema).min(1),
    item_status: z
      .array(z.object({ key: z.enum(STATUS_KEYS), id: z.string().min(1), en: z.string().min(1) }))
      .refine((s) => STATUS_KEYS.every((k) => s.some((x) => x.key === k)), 'every item status needs a label'),
  });

  return {
    labelSchema,
    sectionJsonSchema,
    optionJsonSchema,
    metadataFieldJsonSchema,
    eligibilityJsonSchema,
    proposalTemplateJsonSchema,
    proposalTemplateFileSchema,
    checklistItemJsonSchema,
    checklistTemplateJsonSchema,
    checklistTemplateFileSchema,
  };
}

type TemplateSchemas = ReturnType<typeof defineTemplateSchemas>;
let defined: TemplateSchemas | undefined;
/** Every template schema, built once on first call. */
export const templateSchemas = (): TemplateSchemas => (defined ??= defineTemplateSchemas());

// The schemas others parse with, each built on its first parse (z.lazy is one small object until then).
export const proposalTemplateJsonSchema = z.lazy(() => templateSchemas().proposalTemplateJsonSchema);
export const proposalTemplateFileSchema = z.lazy(() => templateSchemas().proposalTemplateFileSchema);
export const checklistTemplateJsonSchema = z.lazy(() => templateSchemas().checklistTemplateJsonSchema);
export const checklistTemplateFileSchema = z.lazy(() => templateSchemas().checklistTemplateFileSchema);

export type Label = z.infer<TemplateSchemas['labelSchema']>;
export type SectionTemplate = z.output<TemplateSchemas['sectionJsonSchema']>;
export type OptionTemplate = z.output<TemplateSchemas['optionJsonSchema']>;
export type MetadataFieldTemplate = z.output<TemplateSchemas['metadataFieldJsonSchema']>;
export type EligibilityRule = z.output<TemplateSchemas['eligibilityJsonSchema']>;
export type ProposalTemplate = z.output<TemplateSchemas['proposalTemplateJsonSchema']>;
export type ChecklistItemTemplate = z.output<TemplateSchemas['checklistItemJsonSchema']>;
export type ChecklistTemplate = z.output<TemplateSchemas['checklistTemplateJsonSchema']>;
export type ProposalTemplateFile = z.output<TemplateSchemas['proposalTemplateFileSchema']>;
export type ChecklistTemplateFile = z.output<TemplateSchemas['checklistTemplateFileSchema']>;

/**
 * The label of a stored option key, or null when the template does not list it (a key from another template
 * version). Keys are compared as text: early drafts stored SDGs as numbers.
 */
export function optionLabel(field: MetadataFieldTemplate, key: string | number): Label | null {
  const k = String(key);
  return field.options.find((o) => o.key === k)?.label ?? null;
}
