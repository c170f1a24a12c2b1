/**
 * Moving a draft to the active template that succeeds its own (issue #15): the person sees where each section
 * with text goes (the same key by default), may send a section elsewhere or keep it as an extra section, and
 * confirms; the move is ONE update of the draft (template key and version and the sections), so it syncs as one
 * change and nothing is lost (the mapping rules are in src/shared/domain/template-versions.ts).
 */
import {
  defaultSectionMapping,
  moveDraftValues,
  type SectionMapping,
} from '../../shared/domain/template-versions';
import { applyPaths } from '../../shared/fieldPaths';
import type { BodyOf, RecordId } from '../../shared/records';
import type { ProposalTemplate } from '../../shared/templates';
import type { RecordStore } from '../db/types';

export class MoveDraft {
  #open = $state(false);
  #mapping = $state<SectionMapping>({});
  #error = $state<string | null>(null);
  #busy = $state(false);

  constructor(
    private readonly store: Pick<RecordStore, 'update'>,
    private readonly draftId: RecordId,
  ) {}

  get open(): boolean {
    return this.#open;
  }
  get mapping(): SectionMapping {
    return this.#mapping;
  }
  get error(): string | null {
    return this.#error;
  }
  get busy(): boolean {
    return this.#busy;
  }

  start(sections: Record<string, string>, to: ProposalTemplate): void {
    this.#mapping = defaultSectionMapping(sections, to);
    this.#error = null;
    this.#open = true;
  }

  cancel(): void {
    this.#open = false;
  }

  /** Sends the section `key` to `target` (a section key of the new template), or null: keep it as an extra. */
  map(key: string, target: string | null): void {
    this.#mapping = { ...this.#mapping, [key]: target };
  }

  /** Writes the move; resolves true when it is stored (and queued to sync). */
  async confirm(body: BodyOf<'draft'>, to: ProposalTemplate): Promise<boolean> {
    this.#busy = true;
    try {
      const values = moveDraftValues(body.sections, to, this.#mapping);
      const { sections } = applyPaths('draft', { sections: body.sections }, values);
      await this.store.update('draft', this.draftId, {
        templateKey: to.key,
        templateVersion: to.version,
        sections,
      });
      this.#open = false;
      return true;
    } catch (err) {
      this.#error = err instanceof Error ? err.message : String(err);
      return false;
    } finally {
      this.#busy = false;
    }
  }
}
