/**
 * Template registry: proposal and checklist templates are versioned data, never code (the rules change every
 * year). The JSON files beside this module are checked with the shared schemas (`schemas.ts`): by the server and
 * the tests as `bundled.ts` loads, by the browser build at build time; a template without a `version` is version
 * 1. The registry keeps EVERY version, because a draft records `templateKey` + `templateVersion` and must keep
 * opening with the version it was written with after a newer one arrives.
 * Pure: no browser or Node imports.
 */
import { CHECKLIST_ITEM_STATUSES as STATUS_KEYS } from '../checklistStatuses';
import { bundledTemplates } from './bundled';
import type { ChecklistTemplate, Label, ProposalTemplate } from './schemas';

export * from './schemas';

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

const { proposalFile, checklistFile } = bundledTemplates;

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
