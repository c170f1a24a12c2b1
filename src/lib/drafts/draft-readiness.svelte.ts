/**
 * The one readiness of the draft on screen (issue #15): the weighted score with the draft's checklists read live,
 * the eligibility warnings and the verdict. The heading's score and the "Kesiapan" panel read this one object,
 * so they never disagree.
 */
import {
  draftEligibility,
  proposalReadiness,
  readinessVerdict,
  type Eligibility,
  type Readiness,
  type ReadinessVerdict,
} from '../../shared/domain';
import type { BodyOf, RecordId } from '../../shared/records';
import { getChecklistTemplate, type ProposalTemplate } from '../../shared/templates';
import type { RecordStore } from '../db/types';
import { Live } from '../state/live.svelte';
import { localToday } from './today';

export interface DraftReadinessInput {
  draft: Pick<BodyOf<'draft'>, 'sections' | 'metadata'>;
  /** The template version the draft records. */
  template: ProposalTemplate;
  /** Keys of the required attachments that have a file. */
  attached: readonly string[];
}

export class DraftReadiness {
  readonly #checklists: Live<BodyOf<'checklist'>[]>;
  readonly #input: () => DraftReadinessInput | null;
  readonly #today: () => string;

  readonly #readiness = $derived.by((): Readiness | null => {
    const input = this.#input();
    // Not before the checklists are read: a score without them would show, then jump (and the missing list shift).
    if (!input || !this.#checklists.loaded) return null;
    const checklists = (this.#checklists.current ?? []).map((c) => ({
      checklist: c,
      template: getChecklistTemplate(c.templateKey, c.templateVersion),
    }));
    return proposalReadiness(input.draft, input.template, checklists, input.attached);
  });

  readonly #eligibility = $derived.by((): Eligibility | null => {
    const input = this.#input();
    return input ? draftEligibility(input.draft, input.template, this.#today()) : null;
  });

  constructor(
    store: RecordStore,
    draftId: RecordId,
    input: () => DraftReadinessInput | null,
    today: () => string = () => localToday(),
  ) {
    this.#input = input;
    this.#today = today;
    this.#checklists = new Live(() => () => store.list('checklist', { draftId }));
  }

  /** Null until the draft, its template and its checklists are read. */
  get readiness(): Readiness | null {
    return this.#readiness;
  }

  get eligibility(): Eligibility | null {
    return this.#eligibility;
  }

  get verdict(): ReadinessVerdict | null {
    const readiness = this.#readiness;
    return readiness ? readinessVerdict(readiness, this.#eligibility) : null;
  }
}
