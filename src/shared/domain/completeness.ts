/**
 * Per-section word limits and completeness of a draft against its template. Over the limit is reported, never
 * enforced: typing is never blocked. Pure: no browser or Node imports.
 */
import type { ProposalTemplate, SectionTemplate } from '../templates';
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

export interface SectionCompleteness extends SectionStatus {
  key: string;
  complete: boolean;
}

export interface DraftCompleteness {
  sections: SectionCompleteness[];
  completed: number;
  total: number;
  /** Share of complete sections, 0..1. */
  overall: number;
  /** Sections over their word limit (shown, never blocking). */
  overLimit: number;
}

/** A section is complete when it has text and reaches its minimum word count, if it has one. */
export function draftCompleteness(
  draft: { sections: Record<string, string> },
  template: Pick<ProposalTemplate, 'sections'>,
): DraftCompleteness {
  const sections = template.sections.map((s) => {
    const status = sectionStatus(s, draft.sections[s.key] ?? '');
    return { key: s.key, ...status, complete: status.filled && !status.under };
  });
  const completed = sections.filter((s) => s.complete).length;
  const total = sections.length;
  return {
    sections,
    completed,
    total,
    overall: total === 0 ? 0 : completed / total,
    overLimit: sections.filter((s) => s.over).length,
  };
}
