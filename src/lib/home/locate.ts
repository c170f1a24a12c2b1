/**
 * The names and places of records that conflicts and refused changes name (the rules have not read them): each
 * read by id, one query per kind, and a file's parent once more (its place is its parent's).
 */
import type { AnyRecord, RecordKind } from '../../shared/records';
import type { RecordStore } from '../db/types';
import { placeStep, type Place } from './places';

export interface Located {
  place: Place | null;
  /** The record's name ('' when it has none). */
  label: string;
}

const nameOf = (record: AnyRecord | undefined): string => {
  if (!record) return '';
  if (record.kind === 'draft') return record.title.trim();
  if (record.kind === 'session') return record.place.trim();
  if (record.kind === 'unit' || record.kind === 'person') return record.name.trim();
  return '';
};

/** Reads records of several kinds by id, in one go per kind (deleted ones too: a conflict may be on one). */
async function readByKind(store: RecordStore, refs: readonly { kind: RecordKind; id: string }[]) {
  const byKind = new Map<RecordKind, string[]>();
  for (const { kind, id } of refs) byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
  const lists = await Promise.all(
    [...byKind].map(([kind, ids]) => store.list(kind, { ids, includeDeleted: true })),
  );
  return new Map<string, AnyRecord>(lists.flat().map((r) => [r.id, r]));
}

export async function locateRecords(
  store: RecordStore,
  refs: readonly { kind: RecordKind; id: string }[],
): Promise<Map<string, Located>> {
  const located = new Map<string, Located>();
  if (refs.length === 0) return located;
  const records = await readByKind(store, refs);
  const parents: { kind: RecordKind; id: string }[] = [];
  for (const record of records.values()) {
    const step = placeStep(record);
    if (step && 'parent' in step) parents.push(step.parent);
  }
  // A file's place is its parent's (one more read; not followed live, a parent does not move).
  const parentRecords = parents.length > 0 ? await readByKind(store, parents) : new Map<string, AnyRecord>();
  for (const { id } of refs) {
    const record = records.get(id);
    const step = record ? placeStep(record) : null;
    if (!step || 'place' in step) {
      located.set(id, { place: step?.place ?? null, label: nameOf(record) });
      continue;
    }
    const parent = parentRecords.get(step.parent.id);
    const parentStep = parent ? placeStep(parent) : null;
    located.set(id, {
      place: parentStep && 'place' in parentStep ? parentStep.place : null,
      label: nameOf(parent),
    });
  }
  return located;
}
