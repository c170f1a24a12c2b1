// @vitest-environment jsdom
/**
 * The app drives sync: start, `online`, visible again, a timer, and live events all run the engine; nothing
 * waits for the browser's Background Sync (which may never fire).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachSyncTriggers } from '../../../src/lib/sync/triggers';
import { parseSse, startLiveEvents } from '../../../src/lib/sync/live';
import type { SyncEngine } from '../../../src/lib/sync/engine';

const fakeEngine = () => {
  const sync = vi.fn(() => Promise.resolve({ pushed: 0, rejected: 0, pulled: 0, conflicts: 0 }));
  return { engine: { sync } as unknown as SyncEngine, sync };
};

describe('sync triggers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('syncs at start, when the signal returns, when visible again, and on a timer', () => {
    const { engine, sync } = fakeEngine();
    const stop = attachSyncTriggers(engine, { getToken: () => 't', intervalMs: 30_000, eventsUrl: '' });
    expect(sync).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('online'));
    expect(sync).toHaveBeenCalledTimes(2);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(sync).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(30_000);
    expect(sync).toHaveBeenCalledTimes(4);
    stop();
    window.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(60_000);
    expect(sync).toHaveBeenCalledTimes(4);
  });
});

describe('live events', () => {
  it('parses server-sent events split across chunks', () => {
    const first = parseSse('event: ready\ndata: {}\n\nevent: changed\ndata: {"vers');
    expect(first.events).toEqual([{ event: 'ready', data: '{}' }]);
    const second = parseSse(first.rest + 'ion":7}\n\n: keep-alive\n\n');
    expect(second.events).toEqual([{ event: 'changed', data: '{"version":7}' }]);
  });

  it('calls back on "changed" with the token in the header, and reconnects after the stream ends', async () => {
    const versions: number[] = [];
    const headers: string[] = [];
    let calls = 0;
    const stop = startLiveEvents({
      url: '/api/sync/events',
      getToken: () => 'tok',
      minDelayMs: 5,
      onChanged: (v) => versions.push(v),
      fetch: async (_url, init) => {
        calls++;
        headers.push(new Headers(init?.headers).get('authorization') ?? '');
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode(`event: changed\ndata: {"version":${calls}}\n\n`));
            c.close();
          },
        });
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
      },
    });
    await vi.waitFor(() => expect(versions.length).toBeGreaterThanOrEqual(2));
    stop();
    expect(versions.slice(0, 2)).toEqual([1, 2]);
    expect(headers[0]).toBe('Bearer tok');
  });
});
