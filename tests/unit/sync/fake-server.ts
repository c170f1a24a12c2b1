/**
 * A minimal sync server for client tests that need the status and triggers, not the merge rules: it answers
 * pushes (applied with the phone's own record, or refused by a rule the test gives) and empty pulls, and keeps
 * every push request it saw. The real server is covered by tests/server/sync and engine.test.ts.
 */
import type { LocalStore } from '../../../src/lib/db/types';
import type { Change, ChangeResult, PushRequest } from '../../../src/shared/protocol';
import type { FetchLike } from '../../../src/lib/sync/transport';

export interface FakeSyncServer {
  fetch: FetchLike;
  pushes: { at: number; changes: Change[] }[];
  /** When set, the network is down: every request fails like a fetch without signal. */
  offline: boolean;
}

export function fakeSyncServer(
  store: () => LocalStore,
  refuse: (change: Change) => string | null = () => null,
): FakeSyncServer {
  let version = 100;
  const server: FakeSyncServer = {
    pushes: [],
    offline: false,
    fetch: async (input, init) => {
      if (server.offline) throw new TypeError('Failed to fetch');
      const json = (body: unknown) =>
        new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      if (input.includes('/api/sync/push')) {
        const req = JSON.parse(String(init?.body)) as PushRequest;
        server.pushes.push({ at: Date.now(), changes: req.changes });
        const results: ChangeResult[] = [];
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
          results.push({
            status: 'applied',
            seq: change.seq,
            recordId: change.recordId,
            record: { ...record, rev: ++version },
            conflictIds: [],
          });
        }
        return json({ results, serverVersion: version });
      }
      if (input.includes('/api/sync/pull')) return json({ records: [], cursor: version, hasMore: false });
      throw new Error(`unexpected request ${input}`);
    },
  };
  return server;
}
