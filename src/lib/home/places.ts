/**
 * Where a record is acted on, for the links of "Untuk Anda": a draft, a session and a checklist have screens of
 * their own; a unit's and a person's conflicts are on the units and people screens; a comment, a submission and
 * a file are acted on where their parent is. Pure (no store, no DOM): the home state reads the records it names.
 */
import type { AnyRecord, RecordKind } from '../../shared/records';
import { paths } from '../router/routes';

export type Place =
  | { screen: 'draft'; id: string }
  | { screen: 'session'; id: string }
  | { screen: 'checklist'; draftId: string; id: string }
  | { screen: 'units' }
  | { screen: 'people' };

/** A record to read to know its place: another record (the parent) or its place itself. */
export type PlaceStep = { place: Place } | { parent: { kind: RecordKind; id: string } } | null;

/** The place of a record, or the parent whose place it is; null when it has none (a conflict record). */
export function placeStep(record: AnyRecord): PlaceStep {
  switch (record.kind) {
    case 'draft':
      return { place: { screen: 'draft', id: record.id } };
    case 'session':
      return { place: { screen: 'session', id: record.id } };
    case 'checklist':
      return { place: { screen: 'checklist', draftId: record.draftId, id: record.id } };
    case 'unit':
      return { place: { screen: 'units' } };
    case 'person':
      return { place: { screen: 'people' } };
    case 'comment':
      return { place: { screen: 'draft', id: record.recordId } };
    case 'submission':
      return { place: { screen: 'draft', id: record.draftId } };
    case 'attachment':
      return { parent: { kind: record.parentKind, id: record.parentId } };
    default:
      return null;
  }
}

/** The place of a record known without reading it (drafts, sessions, units, people). */
export function directPlace(kind: RecordKind, id: string): Place | null {
  if (kind === 'draft') return { screen: 'draft', id };
  if (kind === 'session') return { screen: 'session', id };
  if (kind === 'unit') return { screen: 'units' };
  if (kind === 'person') return { screen: 'people' };
  return null;
}

export function hrefOf(place: Place): string {
  switch (place.screen) {
    case 'draft':
      return paths.draft(place.id);
    case 'session':
      return paths.session(place.id);
    case 'checklist':
      return paths.checklist(place.draftId, place.id);
    case 'units':
      return paths.units();
    case 'people':
      return paths.people();
  }
}
