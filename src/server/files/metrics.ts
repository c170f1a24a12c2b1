/**
 * Upload and download metrics, on the app's registry (GET /api/metrics). Labels are fixed small sets (outcome,
 * reason), never tenants or file names, so the series count stays bounded.
 */
import { Counter, Histogram, type Registry } from 'prom-client';

export interface FileMetrics {
  uploadsCreated: Counter;
  uploadsFinished: Counter<'outcome'>;
  refusals: Counter<'code'>;
  bytesReceived: Counter;
  finalizeSeconds: Histogram;
  downloads: Counter<'outcome'>;
  downloadBytes: Counter;
}

/** One set per registry (several apps in one process, as in tests, each have their own registry). */
const byRegistry = new WeakMap<Registry, FileMetrics>();

export function fileMetricsFor(registry: Registry): FileMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const registers = [registry];
  const metrics: FileMetrics = {
    uploadsCreated: new Counter({
      name: 'rintis_file_uploads_created_total',
      help: 'tus uploads created (POST /api/files/ accepted)',
      registers,
    }),
    uploadsFinished: new Counter({
      name: 'rintis_file_uploads_finished_total',
      help: 'Completed uploads by outcome: stored (new content), duplicate (content already held), checksum-mismatch, unsupported-type',
      labelNames: ['outcome'],
      registers,
    }),
    refusals: new Counter({
      name: 'rintis_file_refusals_total',
      help: 'Upload requests refused, by error code (file-too-large, quota-exceeded, forbidden, parent-unknown, ...)',
      labelNames: ['code'],
      registers,
    }),
    bytesReceived: new Counter({
      name: 'rintis_file_upload_bytes_total',
      help: 'Upload bytes acknowledged to clients (Upload-Offset moved by PATCH)',
      registers,
    }),
    finalizeSeconds: new Histogram({
      name: 'rintis_file_finalize_duration_seconds',
      help: 'Time from the last byte to the answer: hash, type check, move to storage',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    downloads: new Counter({
      name: 'rintis_file_downloads_total',
      help: 'GET /api/files/by-hash by outcome: served, not-modified, refused',
      labelNames: ['outcome'],
      registers,
    }),
    downloadBytes: new Counter({
      name: 'rintis_file_download_bytes_total',
      help: 'Bytes of files served',
      registers,
    }),
  };
  byRegistry.set(registry, metrics);
  return metrics;
}
