import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, afterPaintIn } from '../../../src/lib/pwa/after-paint';

describe('afterNextPaint', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the work once, in a task after the next frame, not in the frame callback itself', () => {
    const frames: (() => void)[] = [];
    const work = vi.fn();
    afterNextPaint(work, 100, {
      requestAnimationFrame: (cb) => frames.push(cb),
      setTimeout: (cb, ms) => setTimeout(cb, ms),
    });
    expect(work).not.toHaveBeenCalled();
    frames.shift()!();
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(work).toHaveBeenCalledTimes(1);
    // The fallback timer finds the work done and does not repeat it.
    vi.advanceTimersByTime(200);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs the work after the fallback delay when no frame comes (a hidden tab)', () => {
    const work = vi.fn();
    afterNextPaint(work, 100, {
      requestAnimationFrame: () => undefined,
      setTimeout: (cb, ms) => setTimeout(cb, ms),
    });
    vi.advanceTimersByTime(99);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('falls back to the timer where there are no animation frames at all', () => {
    const work = vi.fn();
    afterNextPaint(work, 50, { setTimeout: (cb, ms) => setTimeout(cb, ms) });
    vi.advanceTimersByTime(50);
    expect(work).toHaveBeenCalledTimes(1);
  });
});

describe('afterPaintIn', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const scheduler = (frames: (() => void)[]) => ({
    requestAnimationFrame: (cb: () => void) => frames.push(cb),
    setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms),
  });

  it('runs the work after the delay, then after the next paint', () => {
    const frames: (() => void)[] = [];
    const work = vi.fn();
    afterPaintIn(1000, work, scheduler(frames));
    vi.advanceTimersByTime(999);
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(work).not.toHaveBeenCalled();
    frames.shift()!();
    vi.advanceTimersByTime(0);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled, before or after the delay', () => {
    const frames: (() => void)[] = [];
    const early = vi.fn();
    afterPaintIn(1000, early, scheduler(frames))();
    const late = vi.fn();
    const cancelLate = afterPaintIn(1000, late, scheduler(frames));
    vi.advanceTimersByTime(1000);
    cancelLate();
    for (const frame of frames.splice(0)) frame();
    vi.advanceTimersByTime(200);
    expect(early).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });
});
