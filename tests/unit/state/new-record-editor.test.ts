/**
 * A new record in an editor (`newBody`): nothing is stored until the first save of something typed, which creates
 * the record with it; an editor left untouched, or holding only an invalid value, leaves nothing behind, locally
 * or in the outbox.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { newSessionBody } from '../../../src/shared/domain/factories';
import { loadDataModule } from '../../../src/lib/state/data-module';
import { RecordEditor } from '../../../src/lib/state/record-editor.svelte';
import { cleanup, freshStore } from '../db/helpers';

beforeAll(async () => {
  await loadDataModule();
});
afterEach(cleanup);

const body = () => ({ ...newSessionBody(new Date('2026-12-06T09:00')), facilitatorName: 'Andi' });

describe('editor of a new record', () => {
  it('stores nothing when disposed without input', async () => {
    const store = await freshStore();
    const id = uuidv7();
    const editor = new RecordEditor(store, 'session', id, { newBody: body() });
    expect(editor.unborn).toBe(true);
    expect(editor.missing).toBe(false);
    expect(editor.body?.facilitatorName).toBe('Andi');
    await new Promise((r) => setTimeout(r, 20));
    expect(editor.missing).toBe(false);
    await editor.dispose();
    expect(await store.get('session', id)).toBeUndefined();
    expect(await store.outbox()).toEqual([]);
  });

  it('creates the record at the first save, with the starting values and what was typed', async () => {
    const store = await freshStore();
    const id = uuidv7();
    const editor = new RecordEditor(store, 'session', id, { newBody: body(), debounceMs: 3_600_000 });
    editor.update({ place: 'A' });
    expect(await store.get('session', id)).toBeUndefined();
    await editor.flush();
    expect(editor.unborn).toBe(false);
    expect(editor.record).toMatchObject({
      id,
      place: 'A',
      facilitatorName: 'Andi',
      startsAt: '2026-12-06T09:00',
    });
    // Typing goes on as edits of the stored record; the create waiting in the outbox takes them in.
    editor.update({ place: 'Aula' });
    await editor.dispose();
    expect(await store.get('session', id)).toMatchObject({ place: 'Aula' });
    const entries = await store.outbox();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ recordId: id, op: 'create', values: { place: 'Aula' } });
  });

  it('stores nothing while the only input is invalid (it stays on screen)', async () => {
    const store = await freshStore();
    const id = uuidv7();
    const editor = new RecordEditor(store, 'session', id, { newBody: body(), debounceMs: 3_600_000 });
    editor.update({ startsAt: 'not a date' });
    await editor.flush();
    expect(editor.body?.startsAt).toBe('not a date');
    await editor.dispose();
    expect(await store.get('session', id)).toBeUndefined();
    expect(await store.outbox()).toEqual([]);
  });
});
