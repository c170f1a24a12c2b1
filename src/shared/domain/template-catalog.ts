/**
 * The proposal templates a phone works with: the tenant's synced template records, or the shipped JSON before the
 * first sync (a guest, a fresh install). Every version stays (a draft opens with the version it was written
 * with); only active ones are offered for a new draft; a draft on an older version is offered the active one
 * that succeeds it. Pure: no browser or Node imports.
 */
import type { TemplateRecord, TemplateStatus } from '../records';
import { proposalTemplates, type Label, type ProposalTemplate } from '../templates';
import { SHIPPED_PROGRAMME_YEAR, templateOfBody } from './template-versions';

export interface CatalogEntry {
  template: ProposalTemplate;
  status: TemplateStatus;
  year: number;
  /** The key this template succeeds when its own key is new (a 2027 template after the 2023 one). */
  replaces: string | null;
}

export class TemplateCatalog {
  readonly #entries: CatalogEntry[];
  /** True when the entries come from synced records; false: the shipped JSON (nothing synced yet). */
  readonly synced: boolean;

  constructor(records: readonly TemplateRecord[]) {
    const live = records.filter((r) => !r.deleted);
    this.synced = live.length > 0;
    this.#entries = this.synced
      ? live.map((r) => ({
          template: templateOfBody(r),
          status: r.status,
          year: r.year,
          replaces: r.replaces,
        }))
      : proposalTemplates.listAll().map((template) => ({
          template,
          status: 'active' as const,
          year: SHIPPED_PROGRAMME_YEAR,
          replaces: null,
        }));
  }

  /** A version, from the records; the shipped JSON still answers for versions the tenant never had. */
  get(key: string, version: number): ProposalTemplate | undefined {
    const found = this.#entries.find((e) => e.template.key === key && e.template.version === version);
    return found?.template ?? proposalTemplates.get(key, version);
  }

  /** The templates a new draft may start with: the active ones, newest programme year first. */
  active(): ProposalTemplate[] {
    return this.#entries
      .filter((e) => e.status === 'active')
      .sort((a, b) => b.year - a.year || a.template.key.localeCompare(b.template.key))
      .map((e) => e.template);
  }

  /** The label of a section key in the newest template that has it (extra sections are shown by it). */
  sectionLabel(key: string): Label | undefined {
    const withKey = this.#entries
      .filter((e) => e.template.sections.some((s) => s.key === key))
      .sort((a, b) => b.year - a.year || b.template.version - a.template.version)[0];
    return withKey?.template.sections.find((s) => s.key === key)?.label;
  }

  /** Every version, in no order (the coordinator's list of the tenant's templates sorts its own). */
  entries(): readonly CatalogEntry[] {
    return this.#entries;
  }

  entry(key: string, version: number): CatalogEntry | undefined {
    return this.#entries.find((e) => e.template.key === key && e.template.version === version);
  }

  /**
   * The active template a draft on (key, version) may move to: a newer active version of its key, else an active
   * template that replaces its key (followed along: 2023 -> 2025 -> 2027 ends at the active one). Undefined when
   * the draft's own version is the active one or nothing succeeds it.
   */
  successorOf(key: string, version: number): ProposalTemplate | undefined {
    const seen = new Set<string>();
    let current = { key, version };
    for (;;) {
      const sameKey = this.#entries
        .filter((e) => e.template.key === current.key && e.template.version > current.version)
        .sort((a, b) => b.template.version - a.template.version);
      const activeSameKey = sameKey.find((e) => e.status === 'active');
      if (activeSameKey) return activeSameKey.template;
      if (seen.has(current.key)) return undefined;
      seen.add(current.key);
      const next = this.#entries
        .filter((e) => e.replaces === current.key && e.status !== 'draft')
        .sort((a, b) => b.year - a.year || b.template.version - a.template.version)[0];
      if (!next) return undefined;
      if (next.status === 'active') return next.template;
      current = { key: next.template.key, version: next.template.version };
    }
  }
}
