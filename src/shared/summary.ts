/**
 * Record summaries: what a new phone's first pull brings before anything else.
 *
 * A regency holds ~10,000 records, ~7 MB compressed in full; over 2G (400 kbit/s) that is minutes. The first pull
 * therefore brings every record WITHOUT its long fields (notes, section texts, checklist evidence, ...): lists,
 * filters, coverage, names and dates all work after ~0.5 MB. The full records follow in the background, newest
 * first, and at once for a record a person opens (`POST /api/sync/records`).
 *
 * A summary is a valid record of its kind: each left-out field holds its empty value, its field versions are
 * dropped, and `partial: true` says so. A phone never edits a partial record (the screens wait for the full one),
 * so a left-out field can never be overwritten with its empty stand-in. A record whose left-out fields are all
 * empty anyway is complete, and is sent as it is.
 * Pure: no browser or Node imports.
 */
import { splitPath } from './fieldPaths';
import type { AnyRecord, RecordKind } from './records';

/**
 * Fields a summary leaves out, per kind: the long ones no list, filter or count needs. Kinds not listed are
 * small and always sent whole.
 */
export const SUMMARY_OMITTED_FIELDS: Partial<Record<RecordKind, readonly string[]>> = {
  session: ['topics', 'notes', 'agreements', 'participants', 'actions'],
  draft: ['team', 'sections', 'metadata'],
  checklist: ['items'],
  // The small JPEG preview (up to 16 KB): lists show it once the full record is here.
  attachment: ['thumbnail'],
};

const isEmpty = (value: unknown): boolean =>
  value === '' ||
  value === null ||
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

const emptyLike = (value: unknown): unknown =>
  typeof value === 'string' ? '' : Array.isArray(value) ? [] : typeof value === 'object' ? {} : value;

/** True for a summary: some long fields are not on this phone yet. */
export function isPartial(record: { partial?: boolean | undefined }): boolean {
  return record.partial === true;
}

/** The record as a first pull sends it (see the file comment); the record itself when nothing is left out. */
export function summarizeRecord(record: AnyRecord): AnyRecord {
  const omitted = SUMMARY_OMITTED_FIELDS[record.kind];
  if (!omitted) return record;
  const source = record as unknown as Record<string, unknown>;
  const dropped = omitted.filter((field) => !isEmpty(source[field]));
  if (dropped.length === 0) return record;
  const out: Record<string, unknown> = { ...source, partial: true };
  for (const field of dropped) out[field] = emptyLike(source[field]);
  const fieldVersions: Record<string, number> = {};
  for (const [path, version] of Object.entries(record.fieldVersions))
    if (!dropped.includes(splitPath(record.kind, path).field)) fieldVersions[path] = version;
  out['fieldVersions'] = fieldVersions;
  return out as AnyRecord;
}

/**
 * A summary arriving over a full copy this phone already holds (a pull started over, for example): the summary's
 * short fields, and the full copy's long ones kept in place of empty stand-ins. Still partial when the summary
 * is newer (the long fields may have changed too), so the full record is fetched again.
 */
export function mergeSummaryOver(local: AnyRecord, summary: AnyRecord): AnyRecord {
  if (!isPartial(summary) || isPartial(local) || local.kind !== summary.kind) return summary;
  const omitted = SUMMARY_OMITTED_FIELDS[summary.kind] ?? [];
  const out: Record<string, unknown> = { ...(summary as unknown as Record<string, unknown>) };
  const localSource = local as unknown as Record<string, unknown>;
  const fieldVersions = { ...summary.fieldVersions };
  for (const field of omitted) {
    out[field] = localSource[field];
    for (const [path, version] of Object.entries(local.fieldVersions))
      if (splitPath(summary.kind, path).field === field) fieldVersions[path] = version;
  }
  out['fieldVersions'] = fieldVersions;
  return out as AnyRecord;
}
