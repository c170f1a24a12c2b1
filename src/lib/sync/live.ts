/**
 * Live events from GET /api/sync/events, read with fetch (EventSource cannot send the Authorization header).
 * Calls `onChanged(version)` for every "changed" event; reconnects with backoff until stopped.
 */
import type { FetchLike } from './transport';

export interface LiveEventsOptions {
  url: string;
  getToken: () => string | null | Promise<string | null>;
  onChanged: (version: number) => void;
  fetch?: FetchLike;
  /** Reconnect delays: first and cap (ms). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Parses complete SSE blocks out of `buffer`; returns the events and the unparsed rest. */
export function parseSse(buffer: string): { events: { event: string; data: string }[]; rest: string } {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  const events = blocks.flatMap((block) => {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    return data.length > 0 ? [{ event, data: data.join('\n') }] : [];
  });
  return { events, rest };
}

export function startLiveEvents(options: LiveEventsOptions): () => void {
  const fetchFn = options.fetch ?? ((i, init) => fetch(i, init));
  const min = options.minDelayMs ?? 2_000;
  const max = options.maxDelayMs ?? 60_000;
  const controller = new AbortController();
  let delay = min;

  const connectOnce = async (): Promise<void> => {
    const token = await options.getToken();
    if (!token) return;
    const res = await fetchFn(options.url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!res.ok || !res.body) return;
    delay = min;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const parsed = parseSse(buffer + decoder.decode(value, { stream: true }));
      buffer = parsed.rest;
      for (const e of parsed.events) {
        if (e.event !== 'changed') continue;
        const version = Number((JSON.parse(e.data) as { version?: unknown }).version);
        if (Number.isFinite(version)) options.onChanged(version);
      }
    }
  };

  void (async () => {
    while (!controller.signal.aborted) {
      await connectOnce().catch(() => undefined);
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(max, delay * 2);
    }
  })();
  return () => controller.abort();
}
