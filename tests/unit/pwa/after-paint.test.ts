import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint } from '../../../src/lib/pwa/after-paint';

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
