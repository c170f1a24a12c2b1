/**
 * Sync metrics on the app's Prometheus registry (GET /api/metrics): push batches and their changes by outcome,
 * conflicts kept, pull pages and records sent, open live-event streams. Counted from what the routes answer, so
 * the store stays free of metrics code. A change a phone sends again (same device and seq) is answered from the
 * record of the first time and counts again as applied: the counters measure traffic, not distinct edits.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PullResponse, PushAnswer } from '../../shared/protocol';

export interface SyncMetrics {
  pushed(response: PushAnswer): void;
  pulled(page: PullResponse): void;
  streamOpened(): () => void;
}

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[] = []) {
  return (
    (registry.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter<L>({ name, help, labelNames, registers: [registry] })
  );
}

export function createSyncMetrics(registry: Registry): SyncMetrics {
  const batches = counter(
    registry,
    'rintis_sync_push_batches_total',
    'Push requests answered (batches of changes)',
  );
  const changes = counter(registry, 'rintis_sync_changes_total', 'Changes in answered pushes by result', [
    'result',
  ]);
  const conflicts = counter(
    registry,
    'rintis_sync_conflicts_total',
    'Conflicts kept (same field edited on two sides)',
  );
  const pages = counter(registry, 'rintis_sync_pull_pages_total', 'Pull pages answered');
  const records = counter(registry, 'rintis_sync_pulled_records_total', 'Records sent in pull pages');
  const streams =
    (registry.getSingleMetric('rintis_sync_event_streams') as Gauge | undefined) ??
    new Gauge({ name: 'rintis_sync_event_streams', help: 'Open live-event streams', registers: [registry] });
  return {
    pushed(response) {
      batches.inc();
      let applied = 0;
      let rejected = 0;
      let kept = 0;
      for (const r of response.results) {
        if (r.status === 'applied') {
          applied++;
          kept += r.conflictIds.length;
        } else rejected++;
      }
      if (applied) changes.inc({ result: 'applied' }, applied);
      if (rejected) changes.inc({ result: 'rejected' }, rejected);
      if (kept) conflicts.inc(kept);
    },
    pulled(page) {
      pages.inc();
      records.inc(page.records.length);
    },
    streamOpened() {
      streams.inc();
      let open = true;
      return () => {
        if (open) streams.dec();
        open = false;
      };
    },
  };
}
