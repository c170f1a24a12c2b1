/**
 * The local database's record tables, one per record kind. Pure (no Dexie), so the backup reader can name the
 * tables without loading the database code.
 */
import type { RecordKind } from '../../shared/records';

export const KIND_TABLES = {
  unit: 'units',
  person: 'persons',
  session: 'sessions',
  draft: 'drafts',
  checklist: 'checklists',
  conflict: 'conflicts',
  comment: 'comments',
  submission: 'submissions',
  attachment: 'attachments',
  template: 'templates',
  programme: 'programmes',
} as const satisfies Record<RecordKind, string>;
export type RecordTableName = (typeof KIND_TABLES)[RecordKind];

export const TABLE_KINDS = Object.fromEntries(Object.entries(KIND_TABLES).map(([k, t]) => [t, k])) as Record<
  RecordTableName,
  RecordKind
>;
