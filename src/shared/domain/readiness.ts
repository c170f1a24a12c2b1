/**
 * Readiness of a proposal: how close a draft is to being sent, as one score 0-100 and a list of what is missing
 * (labels in Indonesian and English, from the template data). Pure: no browser or Node imports.
 *
 * The scoring rule (documented here because people will ask why a number is what it is):
 * - Sections make the score, each weighted by its competition weight in the draft's template version. A section
 *   in a group shares the group's weight equally (KIPP 2023: "adaptabilitas" 20 = two sections of 10). A section
 *   the competition does not score (weight 0 or none, e.g. the KIPP summary) still has to be written, so it gets
 *   the smallest positive weight of the template. A template without any weights weighs its sections equally.
 * - A section earns its full weight when it has text, reaches its minimum and stays within its maximum; half
 *   when it is over the maximum (written, but has to be cut); words/minimum when it is under its minimum;
 *   nothing when empty.
 * - Checklists, when the draft has any with items that apply, count for CHECKLIST_SHARE of the score: the mean
 *   of their checklist scores (met = 1, partly met = 1/2, not met or not answered = 0, "tidak relevan" left
 *   out). Without checklists the sections make the whole score: a checklist is a coaching aid, not a form field.
 * - Required attachments (the template's signed statements) are listed until a file is attached to each; they
 *   do not lower the score: a score of 100 with attachments listed means "the text is ready, attach the files".
 */
import type { BodyOf } from '../records';
import { format, type TemplateVars } from '../format';
import type { ChecklistTemplate, Label, ProposalTemplate } from '../templates';
import { checklistSummary } from './checklist';
import { sectionStatus } from './completeness';
import type { Eligibility } from './eligibility';

/** Part of the score that comes from checklists when the draft has some. */
export const CHECKLIST_SHARE = 0.2;

export type SectionReadinessState = 'complete' | 'empty' | 'under' | 'over';

export interface SectionReadiness {
  key: string;
  label: Label;
  state: SectionReadinessState;
  words: number;
  min: number | null;
  max: number | null;
  /** Weight in the score, relative to the other sections. */
  weight: number;
  /** Share of the weight earned, 0..1. */
  credit: number;
  /** The competition does not score it (KIPP's summary): it weighs the smallest weight here, to be written. */
  unscored: boolean;
}

export interface ChecklistReadiness {
  templateKey: string;
  title: Label;
  /** 0..1, or null when no item applies (left out of the score). */
  score: number | null;
  notMet: number;
  partlyMet: number;
  unanswered: number;
}

export interface AttachmentReadiness {
  key: string;
  label: Label;
  format: string;
  /** A file is attached for it (see src/shared/attachments.ts: slot `required:<key>`). */
  attached: boolean;
}

export type MissingKind =
  'section-empty' | 'section-under' | 'section-over' | 'checklist' | 'checklist-unknown' | 'attachment';

/** One thing to do before the proposal is ready, with a bilingual label ready to show. */
export interface MissingItem {
  kind: MissingKind;
  /** Section, checklist template or attachment key. */
  key: string;
  label: Label;
}

export interface Readiness {
  /** 0..100, rounded down. */
  score: number;
  sections: SectionReadiness[];
  checklists: ChecklistReadiness[];
  attachments: AttachmentReadiness[];
  missing: MissingItem[];
}

export interface ReadinessChecklist {
  checklist: Pick<BodyOf<'checklist'>, 'items' | 'templateKey' | 'templateVersion'>;
  /** The template of the version the checklist records; undefined when this app does not know it. */
  template: Pick<ChecklistTemplate, 'key' | 'title' | 'items'> | undefined;
}

type TemplatePart = Pick<ProposalTemplate, 'sections' | 'requiredAttachments' | 'groupWeights'>;

/** Weight of each section (see the file comment), in template order. */
export function sectionWeights(template: Pick<TemplatePart, 'sections' | 'groupWeights'>): number[] {
  const groupSize = new Map<string, number>();
  for (const s of template.sections) if (s.group) groupSize.set(s.group, (groupSize.get(s.group) ?? 0) + 1);
  const raw = template.sections.map((s) => {
    if (s.weight !== null && s.weight > 0) return s.weight;
    const group = s.group ? template.groupWeights[s.group] : undefined;
    if (s.group && group !== undefined && group > 0) return group / (groupSize.get(s.group) ?? 1);
    return 0;
  });
  const positive = raw.filter((w) => w > 0);
  if (positive.length === 0) return raw.map(() => 1);
  const floor = Math.min(...positive);
  return raw.map((w) => (w > 0 ? w : floor));
}

/**
 * The competition weight a writer sees beside a section ("Bobot 30%"): the template's own number, not the
 * score's (which gives an unscored section the smallest weight). A question of a group shows the group's weight,
 * shared (KIPP: "adaptabilitas" 20 over two questions; the split is not published). Null when the template
 * weighs nothing (the regional innovation profile).
 */
export type ShownWeight =
  { kind: 'weight'; weight: number } | { kind: 'shared'; weight: number } | { kind: 'unscored' };

export function shownWeight(
  template: Pick<TemplatePart, 'sections' | 'groupWeights'>,
  section: Pick<ProposalTemplate['sections'][number], 'weight' | 'group'>,
): ShownWeight | null {
  const weighs =
    template.sections.some((s) => s.weight !== null) ||
    Object.values(template.groupWeights).some((w) => w > 0);
  if (!weighs) return null;
  if (section.weight !== null && section.weight > 0) return { kind: 'weight', weight: section.weight };
  const group = section.group ? template.groupWeights[section.group] : undefined;
  if (group !== undefined && group > 0) return { kind: 'shared', weight: group };
  return { kind: 'unscored' };
}

/**
 * What the readiness panel may say at the end: "siap diajukan" only when nothing is missing and no eligibility
 * warning stands; "complete but not eligible" when the text scores 100 and the draft breaks its group's rule. A
 * rule that cannot be checked yet (no date, no group) is listed as missing: the draft stays incomplete.
 */
export type ReadinessVerdict = 'ready' | 'complete-not-eligible' | 'incomplete';

export function readinessVerdict(
  readiness: Pick<Readiness, 'score' | 'missing'>,
  eligibility: Pick<Eligibility, 'warnings'> | null,
): ReadinessVerdict {
  const warned = (eligibility?.warnings.length ?? 0) > 0;
  if (readiness.score >= 100 && eligibility?.warnings.some((w) => w.breach)) return 'complete-not-eligible';
  if (readiness.missing.length === 0 && !warned) return 'ready';
  return 'incomplete';
}

const label = (id: string, en: string, params: TemplateVars): Label => ({
  id: format(id, params),
  en: format(en, params),
});

export function proposalReadiness(
  draft: Pick<BodyOf<'draft'>, 'sections'>,
  template: TemplatePart,
  checklists: readonly ReadinessChecklist[] = [],
  attached: readonly string[] = [],
): Readiness {
  const weights = sectionWeights(template);
  const missing: MissingItem[] = [];

  const sections = template.sections.map((s, i): SectionReadiness => {
    const status = sectionStatus(s, draft.sections[s.key] ?? '');
    const state: SectionReadinessState = !status.filled
      ? 'empty'
      : status.under
        ? 'under'
        : status.over
          ? 'over'
          : 'complete';
    const credit =
      state === 'complete'
        ? 1
        : state === 'over'
          ? 0.5
          : state === 'under' && status.min
            ? status.words / status.min
            : 0;
    const p = { section: s.label.id, sectionEn: s.label.en, words: status.words };
    if (state === 'empty')
      missing.push({
        kind: 'section-empty',
        key: s.key,
        label: { id: `${s.label.id}: belum diisi`, en: `${s.label.en}: not written yet` },
      });
    else if (state === 'under')
      missing.push({
        kind: 'section-under',
        key: s.key,
        label: label(
          '{section}: {words} dari minimal {min} kata',
          '{sectionEn}: {words} of at least {min} words',
          { ...p, min: status.min ?? 0 },
        ),
      });
    else if (state === 'over')
      missing.push({
        kind: 'section-over',
        key: s.key,
        label: label(
          '{section}: {words} kata, lebih dari batas {max}',
          '{sectionEn}: {words} words, over the limit of {max}',
          { ...p, max: status.max ?? 0 },
        ),
      });
    return {
      key: s.key,
      label: s.label,
      state,
      words: status.words,
      min: status.min,
      max: status.max,
      weight: weights[i] ?? 0,
      credit,
      unscored: shownWeight(template, s)?.kind === 'unscored',
    };
  });

  const checklistResults: ChecklistReadiness[] = [];
  for (const { checklist, template: ct } of checklists) {
    if (!ct) {
      // A checklist from a newer app version: shown as something to look at, never scored on a guess.
      missing.push({
        kind: 'checklist-unknown',
        key: checklist.templateKey,
        label: label(
          'Daftar periksa {key} v{version}: templat tidak dikenal',
          'Checklist {key} v{version}: unknown template',
          { key: checklist.templateKey, version: checklist.templateVersion },
        ),
      });
      continue;
    }
    const summary = checklistSummary(checklist, ct);
    const applicable = summary.total - summary.counts['tidak-relevan'];
    const result: ChecklistReadiness = {
      templateKey: ct.key,
      title: ct.title,
      score: applicable === 0 ? null : (summary.score ?? 0),
      notMet: summary.counts.belum,
      partlyMet: summary.counts.sebagian,
      unanswered: summary.unanswered,
    };
    checklistResults.push(result);
    if (result.notMet + result.partlyMet + result.unanswered > 0) {
      const p = {
        title: ct.title.id,
        titleEn: ct.title.en,
        notMet: result.notMet,
        partly: result.partlyMet,
        open: result.unanswered,
      };
      missing.push({
        kind: 'checklist',
        key: ct.key,
        label: label(
          '{title}: {notMet} belum terpenuhi, {partly} sebagian, {open} belum dinilai',
          '{titleEn}: {notMet} not met, {partly} partly met, {open} not assessed',
          p,
        ),
      });
    }
  }

  const attachments = template.requiredAttachments.map((a): AttachmentReadiness => ({
    key: a.key,
    label: a.label,
    format: a.format,
    attached: attached.includes(a.key),
  }));
  for (const a of attachments.filter((x) => !x.attached))
    missing.push({
      kind: 'attachment',
      key: a.key,
      label: { id: `${a.label.id}: belum dilampirkan`, en: `${a.label.en}: not attached yet` },
    });

  const totalWeight = sections.reduce((sum, s) => sum + s.weight, 0);
  const sectionScore =
    totalWeight === 0 ? 0 : sections.reduce((sum, s) => sum + s.weight * s.credit, 0) / totalWeight;
  const scored = checklistResults.flatMap((c) => (c.score === null ? [] : [c.score]));
  const checklistScore = scored.length === 0 ? null : scored.reduce((a, b) => a + b, 0) / scored.length;
  const overall =
    checklistScore === null
      ? sectionScore
      : (1 - CHECKLIST_SHARE) * sectionScore + CHECKLIST_SHARE * checklistScore;

  return {
    // Rounded down, so 100 is only shown when nothing scored is missing (the epsilon absorbs float error).
    score: Math.floor(overall * 100 + 1e-9),
    sections,
    checklists: checklistResults,
    attachments,
    missing,
  };
}
