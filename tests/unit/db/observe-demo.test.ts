import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { cleanup, freshStore } from './helpers';
import { observe } from '../../../src/lib/db';
import { hasDemo, removeDemoRegency, seedDemoRegency } from '../../../src/lib/db/demo';
import { newSessionBody } from '../../../src/shared/domain/factories';

afterEach(cleanup);

function nextValue<T>(subscribe: (run: (v: T) => void) => () => void, accept: (v: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    let done = false;
    const stop = subscribe((v) => {
      if (done || !accept(v)) return;
      done = true;
      // A readable calls `run` before `subscribe` returns: unsubscribe once `stop` exists.
      queueMicrotask(() => stop());
      resolve(v);
    });
  });
}

describe('observe (live queries)', () => {
  it('a readable that follows writes', async () => {
    const store = await freshStore();
    const sessions = observe(() => store.list('session'));
    expect(get(sessions)).toBeUndefined();
    const subscribe = (run: (v: unknown[] | undefined) => void) => sessions.subscribe(run);
    await nextValue(subscribe, (v) => Array.isArray(v) && v.length === 0);
    const pending = nextValue(subscribe, (v) => Array.isArray(v) && v.length === 1);
    await store.create('session', { ...newSessionBody(), place: 'Aula' });
    expect(await pending).toHaveLength(1);
  });

  it('an observer form that returns its unsubscribe', async () => {
    const store = await freshStore();
    const seen: number[] = [];
    let resolveTwo: () => void = () => {};
    const two = new Promise<void>((r) => (resolveTwo = r));
    const stop = observe(() => store.countPending(), {
      next: (n) => {
        seen.push(n);
        if (n === 1) resolveTwo();
      },
    });
    await store.create('unit', { name: 'RSUD', type: 'lainnya', demo: false });
    await two;
    stop();
    expect(seen.at(-1)).toBe(1);
  });

  it('quarantining from inside a live query works (the move runs in its own transaction)', async () => {
    const store = await freshStore();
    await store.db.sessions.put({ id: 'rusak', startsAt: '2025-01-01T00:00' } as never);
    const list = observe(() => store.list('session'));
    await nextValue(
      (run: (v: unknown[] | undefined) => void) => list.subscribe(run),
      (v) => Array.isArray(v),
    );
    expect((await store.quarantine()).map((q) => q.id)).toEqual(['rusak']);
  });
});

describe('demo regency', () => {
  it('seeds once, clearly marked, and removes everything in one step', async () => {
    const store = await freshStore({ userId: null });
    expect(await hasDemo(store)).toBe(false);
    expect(await seedDemoRegency(store)).toBe(true);
    expect(await seedDemoRegency(store)).toBe(false);
    expect(await hasDemo(store)).toBe(true);
    const units = await store.list('unit');
    expect(units).toHaveLength(6);
    expect(units.every((u) => u.demo && u.name.includes('(demo)'))).toBe(true);
    expect(new Set(units.map((u) => u.type))).toEqual(new Set(['lainnya', 'puskesmas', 'kecamatan', 'opd']));
    expect(await store.list('person')).toHaveLength(3);
    const [session] = await store.list('session');
    const [draft] = await store.list('draft');
    expect(session?.draftIds).toEqual([draft?.id]);
    // A real record made by the user survives removal.
    const mine = await store.create('session', { ...newSessionBody(), place: 'Punya saya' });

    const removed = await removeDemoRegency(store);
    expect(removed).toBe(11);
    expect(await hasDemo(store)).toBe(false);
    expect(await store.list('unit')).toEqual([]);
    expect(await store.list('person')).toEqual([]);
    expect(await store.list('draft')).toEqual([]);
    expect((await store.list('session')).map((s) => s.id)).toEqual([mine.id]);
    // Tombstones, not holes: they sync like any delete.
    expect(await store.list('unit', { includeDeleted: true })).toHaveLength(6);
  });

  it('removal is all or nothing', async () => {
    const store = await freshStore({ userId: null });
    await seedDemoRegency(store);
    const before = await store.outbox();
    const boom = () => {
      throw new Error('fail mid-way (simulated)');
    };
    store.db.drafts.hook('updating', boom);
    await expect(removeDemoRegency(store)).rejects.toThrow(/simulated/);
    store.db.drafts.hook('updating').unsubscribe(boom);
    expect(await hasDemo(store)).toBe(true);
    expect(await store.list('unit')).toHaveLength(6);
    expect(await store.outbox()).toEqual(before);
  });
});
