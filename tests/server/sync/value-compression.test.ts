/**
 * Migration 016: the synced values are compressed with lz4 where the server has it (PostgreSQL here: Debian's
 * build), and the migration leaves PGlite, which has no lz4, on its default. A body over the size PostgreSQL
 * compresses at is stored compressed with lz4 and read back whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFreshPostgres, openPglite, type SuiteDatabase } from './helpers';

const COLUMNS = [
  ['sync_records', 'body'],
  ['sync_records', 'field_versions'],
  ['sync_records', 'field_devices'],
  ['sync_changes', 'value'],
  ['sync_changes', 'submitted'],
  ['sync_processed', 'result'],
] as const;

async function compressionOf(suite: SuiteDatabase): Promise<string[]> {
  const { rows } = await suite.db.query<{ method: string }>(
    `SELECT a.attcompression::text AS method FROM unnest($1::text[], $2::text[]) AS c(tbl, col)
     JOIN pg_attribute a ON a.attrelid = c.tbl::regclass AND a.attname = c.col ORDER BY c.tbl, c.col`,
    [COLUMNS.map(([t]) => t), COLUMNS.map(([, c]) => c)],
  );
  return rows.map((r) => r.method);
}

describe('value compression on PostgreSQL', () => {
  let suite: SuiteDatabase;
  beforeAll(async () => {
    suite = await openFreshPostgres();
  });
  afterAll(async () => {
    await suite?.done();
  });

  it('compresses every synced value column with lz4', async () => {
    expect(await compressionOf(suite)).toEqual(COLUMNS.map(() => 'l'));
  });

  it('stores a long body compressed with lz4 and reads it back whole', async () => {
    const notes = 'Catatan pendampingan di Puskesmas Malili. '.repeat(200);
    const id = '0190a000-0000-7000-8000-0000000000cc';
    await suite.db.query(
      `INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted,
         unit_ids, created_by, updated_by, created_at, updated_at)
       VALUES ($1, 'tenant-lz4', 'session', $2::jsonb, '{}', '{}', 1, false, '{}', 'u', 'u', 0, 0)`,
      [id, JSON.stringify({ notes })],
    );
    const { rows } = await suite.db.query<{ method: string; notes: string }>(
      `SELECT pg_column_compression(body) AS method, body->>'notes' AS notes FROM sync_records
       WHERE tenant_id = 'tenant-lz4' AND id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ method: 'lz4', notes });
  });
});

describe('value compression on PGlite (no lz4)', () => {
  let suite: SuiteDatabase;
  beforeAll(async () => {
    suite = await openPglite();
  });
  afterAll(async () => {
    await suite?.done();
  });

  it('applies the migration and keeps the default method', async () => {
    const { rows } = await suite.db.query<{ version: number }>(
      'SELECT version FROM schema_migrations WHERE version = 16',
    );
    expect(rows).toHaveLength(1);
    expect(await compressionOf(suite)).toEqual(COLUMNS.map(() => ''));
  });
});
