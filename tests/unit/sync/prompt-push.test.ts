// @vitest-environment jsdom
/**
 * Every store write is pushed as promptly as a text edit: a review move froze its outbox entries ('sending') at
 * once, the runtime only watched 'pending' ones, and the move waited for the minute timer (~17 s in the field).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openLocalStore, type LocalStore } from '../../../src/lib/db';
import { moveDraft } from '../../../src/lib/review/actions';
import { SyncStatus } from '../../../src/lib/sync/status.svelte';
import { aDraftBody } from '../../factories';
import { fakeSyncServer } from './fake-server';

const UNIT = '0190a000-0000-7000-8000-00000000000a';
const opened: { store: LocalStore; status: SyncStatus }[] = [];
afterEach(() => {
  for (const { store, status } of opened.splice(0)) {
    status.reset();
    store.close();
  }
});

async function startSyncing() {
  const store = await openLocalStore({ userId: `inno-${uuidv7()}`, tenantId: 't1' });
  const server = fakeSyncServer(() => store);
  const status = new SyncStatus();
  opened.push({ store, status });
  await status.start(store, { getToken: () => 'tok', fetch: server.fetch, triggers: false });
  return { store, server, status };
}

/** Waits until the outbox is empty (everything acknowledged), at most `ms`. */
async function drained(store: LocalStore, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if ((await store.outbox()).length === 0) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('prompt pushing', () => {
  it('pushes a text edit within about 1.5 s', async () => {
    const { store, server } = await startSyncing();
    const draft = await store.create('draft', aDraftBody({ unitId: UNIT }));
    const written = Date.now();
    expect(await drained(store, 8_000)).toBe(true);
    expect(server.pushes[0]!.changes[0]!.recordId).toBe(draft.id);
    expect(server.pushes[0]!.at - written).toBeLessThan(4_000);
  }, 20_000);

  it('pushes a review move ("Minta revisi") as promptly as a text edit', async () => {
    const { store, server } = await startSyncing();
    const draft = await store.create('draft', aDraftBody({ unitId: UNIT, reviewStatus: 'diajukan' }));
    expect(await drained(store, 8_000)).toBe(true);
    const before = server.pushes.length;

    const moved = Date.now();
    // No snapshot with this move: its outbox entry is frozen ('sending') in the same transaction as its comment.
    await moveDraft(
      store,
      draft.id,
      'revisi',
      { userId: 'fac', name: 'Budi', role: 'facilitator' },
      { note: { sectionKey: 'ringkasan', text: 'Perjelas sasaran layanan.' } },
    );
    expect(await drained(store, 8_000)).toBe(true);
    const push = server.pushes.slice(before).find((p) => p.changes.some((c) => 'reviewStatus' in c.values));
    expect(push).toBeDefined();
    expect(push!.at - moved).toBeLessThan(4_000);
  }, 20_000);
});
