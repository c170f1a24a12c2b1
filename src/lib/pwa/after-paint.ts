/**
 * Runs work after the browser has painted the current frame: the shell and home's heading show first, and only
 * then do the data chunks (Dexie, the zod schemas) download and evaluate. Started earlier, their evaluation
 * holds up the first paint on a slow phone.
 *
 * A hidden tab never paints (no animation frames), so a timer runs the work anyway after `fallbackMs`.
 */
export interface PaintScheduler {
  requestAnimationFrame?: ((cb: () => void) => unknown) | undefined;
  setTimeout: (cb: () => void, ms: number) => unknown;
}

export function afterNextPaint(
  work: () => void,
  fallbackMs = 100,
  scheduler: PaintScheduler = globalThis,
): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  // A frame callback runs just before that frame paints; a task queued from it runs after the paint.
  scheduler.requestAnimationFrame?.(() => scheduler.setTimeout(once, 0));
  scheduler.setTimeout(once, fallbackMs);
}

/**
 * Background work that must not compete with the screen's own loading (prefetching a chunk, registering the
 * service worker, warming the outputs): after `delayMs`, then after the next paint. Returns a cancel.
 */
export function afterPaintIn(
  delayMs: number,
  work: () => void,
  scheduler: PaintScheduler = globalThis,
): () => void {
  let cancelled = false;
  scheduler.setTimeout(
    () =>
      afterNextPaint(
        () => {
          if (!cancelled) work();
        },
        undefined,
        scheduler,
      ),
    delayMs,
  );
  return () => {
    cancelled = true;
  };
}
