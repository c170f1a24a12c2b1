/**
 * The `BlobStore` contract (src/lib/db/types.ts), for every implementation: attachment bytes kept once by hash
 * with one upload each, the upload queue's view of them, downloaded bytes, freeing confirmed ones, tus URLs; and
 * inside a batch, bytes and upload stored with the record or not at all.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { BlobRow } from '../../../src/lib/attachments/rows';
import type { OpenRoles } from './role-fixtures';

/** The bytes of a small file of `size` bytes, all `fill`. */
function file(size: number, fill: number): BlobRow {
  const data = new Uint8Array(size).fill(fill).buffer;
  const sha256 = createHash('sha256').update(Buffer.from(data)).digest('hex');
  return { sha256, data, mime: 'application/pdf', size, storedAt: 1_000 };
}

export function blobStoreSuite(implementation: string, open: OpenRoles<'records' | 'blobs'>): void {
  describe(`BlobStore: ${implementation}`, () => {
    it('keeps the bytes of a file once, by hash, and queues one upload for them', async () => {
      const { blobs } = await open();
      const a = file(300, 1);
      const other = file(10, 2);
      await blobs.keepForUpload(a);
      await blobs.keepForUpload({ ...a, storedAt: 2_000 });
      expect(await blobs.get(a.sha256)).toEqual(a);
      expect(await blobs.get(other.sha256)).toBeUndefined();
      expect(await blobs.getMany([other.sha256, a.sha256])).toEqual([a]);
      expect(await blobs.hashes()).toEqual([a.sha256]);
      expect(await blobs.hashes([other.sha256, a.sha256])).toEqual([a.sha256]);
      expect(await blobs.upload(a.sha256)).toMatchObject({
        state: 'queued',
        sent: 0,
        total: 300,
        attempts: 0,
        notBefore: 0,
        error: null,
      });
      expect(await blobs.uploads([a.sha256, other.sha256])).toMatchObject([{ sha256: a.sha256 }]);
    });

    it('queues a failed upload again only when the file is attached again', async () => {
      const { blobs } = await open();
      const a = file(100, 3);
      await blobs.keepForUpload(a);
      await blobs.updateUpload(a.sha256, { state: 'failed', attempts: 3, error: 'Ditolak / refused' });
      await blobs.keepForUpload(a);
      expect(await blobs.upload(a.sha256)).toMatchObject({ state: 'failed', attempts: 3 });
      await blobs.keepForUpload(a, { retryFailed: true });
      expect(await blobs.upload(a.sha256)).toMatchObject({ state: 'queued', attempts: 0, error: null });
    });

    it('inside a batch, stores the bytes and their upload with the record, or none of them', async () => {
      const { records, blobs } = await open();
      const a = file(100, 4);
      await expect(
        records.batch(async () => {
          await blobs.keepForUpload(a);
          await records.create('unit', { name: '', type: 'opd', demo: false });
        }),
      ).rejects.toMatchObject({ code: 'invalid' });
      expect(await blobs.get(a.sha256)).toBeUndefined();
      expect(await blobs.upload(a.sha256)).toBeUndefined();
      await records.batch(async () => {
        await blobs.keepForUpload(a);
        await records.create('unit', { name: 'RSUD', type: 'opd', demo: false });
      });
      expect(await blobs.hashes()).toEqual([a.sha256]);
      expect(await records.list('unit')).toHaveLength(1);
    });

    it('gives the upload queue its waiting files, records progress and failures, and ends backoffs', async () => {
      const { blobs } = await open();
      const [a, b] = [file(100, 5), file(200, 6)];
      await blobs.keepForUpload(a);
      await blobs.keepForUpload(b);
      await blobs.updateUpload(a.sha256, { state: 'uploading', sent: 50, notBefore: 9_000 });
      await blobs.updateUpload(b.sha256, { state: 'failed', attempts: 2, error: 'x', notBefore: 9_000 });
      expect((await blobs.waitingUploads()).map((u) => [u.sha256, u.state])).toEqual([
        [a.sha256, 'uploading'],
      ]);
      await blobs.retryWaitingNow();
      expect(await blobs.upload(a.sha256)).toMatchObject({ state: 'uploading', sent: 50, notBefore: 0 });
      expect(await blobs.upload(b.sha256)).toMatchObject({ state: 'failed', notBefore: 9_000 });
      await blobs.retryUpload(b.sha256);
      expect(await blobs.upload(b.sha256)).toMatchObject({
        state: 'queued',
        attempts: 0,
        error: null,
        notBefore: 0,
      });
      expect(await blobs.waitingUploads()).toHaveLength(2);
      await blobs.updateUpload(file(1, 7).sha256, { state: 'uploaded' });
      expect(await blobs.upload(file(1, 7).sha256)).toBeUndefined();
    });

    it('keeps downloaded bytes as uploaded, and frees only the bytes the server confirmed', async () => {
      const { blobs } = await open();
      const [downloaded, waiting] = [file(400, 8), file(100, 9)];
      await blobs.keepDownloaded(downloaded);
      await blobs.keepForUpload(waiting);
      expect(await blobs.upload(downloaded.sha256)).toMatchObject({
        state: 'uploaded',
        sent: 400,
        total: 400,
      });
      expect(await blobs.dropUploaded()).toEqual({ files: 1, bytes: 400 });
      expect(await blobs.hashes()).toEqual([waiting.sha256]);
      expect(await blobs.upload(downloaded.sha256)).toMatchObject({ state: 'uploaded' });
      expect(await blobs.dropUploaded()).toEqual({ files: 0, bytes: 0 });
    });

    it('remembers where tus resumes an upload, by fingerprint', async () => {
      const { blobs } = await open();
      const upload = {
        size: 100,
        metadata: { filename: 'a.pdf' },
        creationTime: '2026-01-01T00:00:00Z',
        uploadUrl: 'https://rintis.example/api/files/1',
        parallelUploadUrls: null,
      };
      const key = await blobs.uploadUrls.addUpload('fp-1', upload);
      expect(await blobs.uploadUrls.findUploadsByFingerprint('fp-1')).toEqual([
        { ...upload, urlStorageKey: key },
      ]);
      expect(await blobs.uploadUrls.findAllUploads()).toHaveLength(1);
      await blobs.uploadUrls.removeFingerprint('fp-1');
      expect(await blobs.uploadUrls.findUploadsByFingerprint('fp-1')).toEqual([]);
    });
  });
}
