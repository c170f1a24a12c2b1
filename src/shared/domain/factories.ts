/**
 * Bodies of new records: what a screen passes to `store.create`. Pure: no browser or Node imports.
 */
import type { BodyOf, RecordId } from '../records';
import type { ChecklistTemplate, ProposalTemplate } from '../templates';

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` in the phone's local time: what a person reads on the clock. */
export function localDateTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Every section of the template is present (empty), so each one is its own field path from the start. */
export function newDraftBody(template: ProposalTemplate, unitId: RecordId | null): BodyOf<'draft'> {
  return {
    title: '',
    unitId,
    team: '',
    stage: 'inisiatif',
    reviewStatus: 'draft',
    templateKey: template.key,
    templateVersion: template.version,
    sections: Object.fromEntries(template.sections.map((s) => [s.key, ''])),
    metadata: {},
  };
}

export function newChecklistBody(
  template: ChecklistTemplate,
  draftId: RecordId,
  unitId: RecordId | null,
): BodyOf<'checklist'> {
  return {
    draftId,
    unitId,
    templateKey: template.key,
    templateVersion: template.version,
    items: Object.fromEntries(template.items.map((i) => [i.key, { status: null, evidence: '' }])),
  };
}

/** A new session; `facilitator`: the signed-in facilitator, filled in (their person record's id is their user id). */
export function newSessionBody(
  now: Date = new Date(),
  facilitator: { id: RecordId; name: string } | null = null,
): BodyOf<'session'> {
  return {
    startsAt: localDateTime(now),
    place: '',
    unitIds: [],
    facilitatorId: facilitator?.id ?? null,
    facilitatorName: facilitator?.name ?? '',
    participants: {},
    topics: '',
    notes: '',
    agreements: '',
    actions: {},
    draftIds: [],
  };
}
