import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { ProgressiveCount } from '../../src/lib/state/progressive.svelte';

/** Runs `make` inside an effect root, as a component's initialisation would; returns it and the teardown. */
function inRoot<T>(make: () => T): [T, () => void] {
  let made!: T;
  const stop = $effect.root(() => {
    made = make();
  });
  return [made, stop];
}

describe('ProgressiveCount', () => {
  it('shows the first items at once and `step` more after each paint, up to the total', () => {
    const paints: (() => void)[] = [];
    const [count, stop] = inRoot(
      () =>
        new ProgressiveCount(
          () => 7,
          2,
          2,
          (work) => paints.push(work),
        ),
    );
    flushSync();
    expect(count.count).toBe(2);
    const counts: number[] = [];
    while (paints.length > 0) {
      paints.shift()!();
      flushSync();
      counts.push(count.count);
    }
    expect(counts).toEqual([4, 6, 7]);
    stop();
  });

  it('grows again when the total grows, and showAll shows everything at once', () => {
    let total = $state(1);
    const paints: (() => void)[] = [];
    const [count, stop] = inRoot(
      () =>
        new ProgressiveCount(
          () => total,
          2,
          2,
          (work) => paints.push(work),
        ),
    );
    flushSync();
    expect(count.count).toBe(1);
    expect(paints).toHaveLength(0); // nothing left to show: nothing scheduled
    total = 11;
    flushSync();
    expect(count.count).toBe(2);
    expect(paints).toHaveLength(1);
    count.showAll();
    flushSync();
    expect(count.count).toBe(11);
    stop();
  });

  it('stops growing once its component is gone', () => {
    const paints: (() => void)[] = [];
    const [count, stop] = inRoot(
      () =>
        new ProgressiveCount(
          () => 10,
          2,
          2,
          (work) => paints.push(work),
        ),
    );
    flushSync();
    stop();
    paints.shift()!();
    flushSync();
    expect(count.count).toBe(2);
  });
});
