/**
 * A backup file ("Ekspor dulu") holds the attachment tables too: importing it restores the attachment records
 * (the bytes stay on the server and download on demand); the byte and upload tables are not records and are
 * left out.
 */
import { describe, expect, it } from 'vitest';
import { parseBackup } from '../../../src/lib/backup/file';
import { anAttachment } from '../../factories';

const attachmentRow = () => ({
  ...anAttachment({
    tenantId: 'local',
    createdBy: 'u1',
    updatedBy: 'u1',
    rev: 2,
    sha256: 'b'.repeat(64),
    name: 'absensi.webp',
    mime: 'image/webp',
    size: 210_000,
    originalSize: 3_100_000,
    thumbnail: 'data:image/jpeg;base64,/9j/4AAQ',
  }),
  words: ['absensi', 'webp'],
});

describe('backups and attachments', () => {
  it('reads attachment records from a backup and leaves the byte tables out', () => {
    const row = attachmentRow();
    const tables: Record<string, unknown[]> = {
      attachments: [row],
      blobs: [{ sha256: row.sha256, data: 'AAAA', mime: 'image/webp', size: 3, storedAt: 1 }],
      uploads: [
        {
          sha256: row.sha256,
          state: 'uploaded',
          sent: 3,
          total: 3,
          attempts: 0,
          notBefore: 0,
          error: null,
          updatedAt: 1,
        },
      ],
    };
    const parsed = parseBackup(
      JSON.stringify({
        formatName: 'dexie',
        formatVersion: 1,
        data: {
          databaseName: 'rintis-user-abc',
          databaseVersion: 4,
          tables: Object.keys(tables).map((name) => ({ name, schema: 'id', rowCount: tables[name]!.length })),
          data: Object.entries(tables).map(([tableName, rows]) => ({ tableName, inbound: true, rows })),
        },
      }),
      'local',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { words: _w, ...record } = row;
    expect(parsed.items).toEqual([{ record, pendingPaths: [] }]);
    expect(parsed.kinds.attachment).toBe(1);
  });
});
