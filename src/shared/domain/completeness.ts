/**
 * A section's words against its template's limits. Over the limit is reported, never enforced: typing is never
 * blocked. The draft's one score is the weighted readiness (readiness.ts), built on this. Pure: no browser or Node
 * imports.
 */
import type { SectionTemplate } from '../templates';
import { countWords } from './words';

export interface SectionStatus {
  words: number;
  max: number | null;
  min: number | null;
  /** More words than the template allows. */
  over: boolean;
  /** Fewer words than the template's minimum (also true while empty, when there is a minimum). */
  under: boolean;
  filled: boolean;
}

export function sectionStatus(
  section: Pick<SectionTemplate, 'maxWords' | 'minWords'>,
  text: string,
): SectionStatus {
  const words = countWords(text);
  const max = section.maxWords;
  const min = section.minWords;
  return {
    words,
    max,
    min,
    over: max !== null && words > max,
    under: min !== null && words < min,
    filled: words > 0,
  };
}
