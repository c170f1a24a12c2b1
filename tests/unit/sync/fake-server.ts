/**
 * A minimal sync server for client tests that need the status and triggers, not the merge rules: it answers
 * pushes (applied with the phone's own record, or refused by a rule the test gives) and empty pulls, and keeps
 * every push request it saw. The real server is covered by tests/server/sync and engine.test.ts.
 */
import type { LocalStore } from '../../../src/lib/db/types';
import type { Change, ChangeResult, DeltaChangeResult, PushRequest } from '../../../src/shared/protocol';
import { deltaOf } from '../../../src/shared/pushAnswer';
import { bodyOf } from '../../../src/shared/records';
import type { FetchLike } from '../../../src/lib/sync/transport';

export interface FakeSyncServer {
  fetch: FetchLike;
  pushes: { at: number; changes: Change[] }[];
  /** When set, the network is down: every request fails like a fetch without signal. */
  offline: boolean;
  /** When set, every sync request waits for it (a slow 2G round trip the test ends when it chooses). */
  hold: Promise<void> | null;
  /** When set, every sync request is answered with this HTTP status (a server error). */
  failWith: number | null;
}

export function fakeSyncServer(
  store: () => LocalStore,
  refuse: (change: Change) => string | null = () => null,
): FakeSyncServer {
  let version = 100;
  const server: FakeSyncServer = {
    pushes: [],
    offline: false,
    hold: null,
    failWith: null,
    fetch: async (input, init) => {
      if (server.offline) throw new TypeError('Failed to fetch');
      if (input.includes('/api/sync/events')) return liveStream(init?.signal);
      if (server.hold) await server.hold;
      const json = (body: unknown, status = 200) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (server.failWith !== null)
        return json(
          { error: { code: 'unavailable', message: 'Server sibuk', messageEn: 'Server busy' } },
          server.failWith,
        );
      if (input.includes('/api/sync/push')) {
        const req = JSON.parse(String(init?.body)) as PushRequest;
        server.pushes.push({ at: Date.now(), changes: req.changes });
        const results: (ChangeResult | DeltaChangeResult)[] = [];
        for (const change of req.changes) {
          const reason = refuse(change);
          if (reason) {
            results.push({
              status: 'rejected',
              seq: change.seq,
              recordId: change.recordId,
              code: 'forbidden',
              message: reason,
            });
            continue;
          }
          const record = await store().get(change.kind, change.recordId);
          if (!record) throw new Error(`no local record ${change.recordId}`);
          const applied = { ...record, rev: ++version };
          const { seq, recordId } = change;
          // As the real server: the slim answer when asked for (src/shared/pushAnswer.ts), else the record.
          if (req.answer === 'delta') {
            const { fieldVersions, partial: _partial, kind, ...envelope } = applied;
            const { id, tenantId, createdAt, updatedAt, createdBy, updatedBy, deleted, rev } = envelope;
            const delta = {
              ...{ id, kind, tenantId, createdAt, updatedAt, createdBy, updatedBy, deleted, rev },
              ...deltaOf(kind, bodyOf(kind, applied), fieldVersions, change),
            };
            results.push({ status: 'applied', seq, recordId, delta, conflictIds: [] });
          } else results.push({ status: 'applied', seq, recordId, record: applied, conflictIds: [] });
        }
        return json({ results, serverVersion: version });
      }
      if (input.includes('/api/sync/pull')) return json({ records: [], cursor: version, hasMore: false });
      throw new Error(`unexpected request ${input}`);
    },
  };
  return server;
}

/** A live events stream that stays open (no events) until the client aborts it. */
function liveStream(signal: AbortSignal | null | undefined): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('event: ready\ndata: {}\n\n'));
      signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}
