/**
 * The Dexie schema, with its history. Every version stays declared so a phone that skipped updates still
 * upgrades step by step; each upgrade is tested (tests/unit/db/upgrade.test.ts).
 *
 * One table per record kind, indexed for the screens' queries: sessions by unit and date, drafts by unit,
 * checklists by draft, and `*words` (multi-entry) for text search without scanning bodies.
 *
 * History:
 * - 1: record tables, `outbox` (no state, no device id), `quarantine`.
 * - 2: `*words` search index on record tables, `meta` table (device id, pull cursor, demo ids), outbox entries
 *   carry `deviceId` and `state`; drafts indexed by `updatedAt`, checklists by `unitId`.
 * - 3: `comments` table (comments on draft sections), indexed by the record they are on and by `updatedAt`,
 *   with `*words`. (4 belongs to attachments; Dexie allows the gap.)
 * - 4: attachments (issue #6, see src/lib/attachments/): the `attachments` record table, `blobs` (the bytes by
 *   SHA-256), `uploads` (upload state by SHA-256) and `tusUrls` (tus upload URLs, to resume after a restart).
 *   Declared as a delta: tables not named keep their schema (version 3 belongs to comments).
 * - 5: `submissions` table (review loop), indexed by `draftId`; no data to upgrade.
 * - 6: `templates` table (proposal templates synced as tenant data, issue #15), indexed by `key`; no data to
 *   upgrade (a phone fills it at its next pull).
 * - 7: `programmes` table (the tenant's programme settings: unit kinds, review flow, issue #15); no data to
 *   upgrade (a phone fills it at its next pull; until then it uses the shipped settings).
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { anyRecordSchema } from '../../shared/records';
import { indexWords } from '../../shared/domain/search';
import type { OutboxEntry, QuarantinedRecord } from './types';
import type { BlobRow, TusUrlRow, UploadRow } from '../attachments/rows';
import type { RecordTableName } from './tables';

export { KIND_TABLES, TABLE_KINDS, type RecordTableName } from './tables';

export const SCHEMA_V1 = {
  units: 'id',
  persons: 'id',
  sessions: 'id, startsAt, *unitIds',
  drafts: 'id, unitId',
  checklists: 'id, draftId',
  conflicts: 'id, recordId',
  outbox: '++seq, recordId',
  quarantine: 'id',
} as const;

export const SCHEMA_V2 = {
  units: 'id, *words',
  persons: 'id, *words',
  sessions: 'id, startsAt, *unitIds, *words',
  drafts: 'id, unitId, updatedAt, *words',
  checklists: 'id, draftId, unitId, *words',
  conflicts: 'id, recordId',
  outbox: '++seq, recordId',
  quarantine: 'id',
  meta: 'key',
} as const;

/** v3 adds a table only (Dexie keeps the tables a version does not name as they were). */
export const SCHEMA_V3 = {
  comments: 'id, recordId, updatedAt, *words',
} as const;

/** Only the tables version 4 adds (Dexie keeps every table a version does not name). */
export const SCHEMA_V4 = {
  attachments: 'id, parentId, sha256, *words',
  blobs: 'sha256',
  uploads: 'sha256, state',
  tusUrls: 'key, fingerprint',
} as const;

/**
 * v5 (review loop): the `submissions` table (snapshots of a draft at each submission), by draft. Versions 3 and 4
 * belong to other features; Dexie keeps every table a version does not name, and needs no consecutive numbers.
 */
export const SCHEMA_V5 = {
  submissions: 'id, draftId',
} as const;

/** v6 (issue #15): the `templates` table (proposal templates as tenant data), by template key; no data to upgrade. */
export const SCHEMA_V6 = {
  templates: 'id, key',
} as const;

/** v7 (issue #15): the `programmes` table (a tenant's programme settings), by id only; no data to upgrade. */
export const SCHEMA_V7 = {
  programmes: 'id',
} as const;

export const CURRENT_VERSION = 7;

/** A stored row: a record plus its search words. Typed loosely because what is on disk is not trusted. */
export interface StoredRow {
  id: string;
  words?: string[];
  [field: string]: unknown;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const META_DEVICE_ID = 'deviceId';

export type RintisDexie = Dexie & {
  [T in RecordTableName]: EntityTable<StoredRow, 'id'>;
} & {
  outbox: EntityTable<OutboxEntry, 'seq'>;
  quarantine: EntityTable<QuarantinedRecord, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  blobs: EntityTable<BlobRow, 'sha256'>;
  uploads: EntityTable<UploadRow, 'sha256'>;
  tusUrls: EntityTable<TusUrlRow, 'key'>;
};

/** A row's words for the search index; a row that does not validate gets none (it goes to quarantine on read). */
export function rowWords(row: Record<string, unknown>): string[] {
  const parsed = anyRecordSchema.safeParse(row);
  return parsed.success ? indexWords(parsed.data) : [];
}

/** v1 -> v2: index the words of every record, give the device an id, and stamp old outbox entries with it. */
async function upgradeV1toV2(tx: Transaction): Promise<void> {
  const deviceId = uuidv7();
  await tx.table('meta').put({ key: META_DEVICE_ID, value: deviceId });
  for (const table of ['units', 'persons', 'sessions', 'drafts', 'checklists'] as const) {
    await tx
      .table(table)
      .toCollection()
      .modify((row: StoredRow) => {
        row.words = rowWords(row);
      });
  }
  await tx
    .table('outbox')
    .toCollection()
    .modify((entry: Record<string, unknown>) => {
      entry.deviceId ??= deviceId;
      entry.state ??= 'pending';
    });
}

export function createDexie(name: string): RintisDexie {
  const db = new Dexie(name) as RintisDexie;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(upgradeV1toV2);
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4);
  // A new, empty table: nothing to upgrade.
  db.version(5).stores(SCHEMA_V5);
  db.version(6).stores(SCHEMA_V6);
  db.version(7).stores(SCHEMA_V7);
  return db;
}
