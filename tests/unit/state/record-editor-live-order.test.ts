/**
 * A live query may answer with a read made just before the editor's own save committed, after the save was
 * taken in (Dexie re-runs the query, but only a moment later). Such an answer must not step the screen back to
 * the text from before the save: a key typed in that moment would build on the old text and lose the new one.
 * The live query here is driven by hand, so the answers come in exactly the order under test.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newSessionBody } from '../../../src/shared/domain/factories';
import { loadDataModule } from '../../../src/lib/state/data-module';
import { RecordEditor, type LiveQuery } from '../../../src/lib/state/record-editor.svelte';
import { cleanup, freshStore } from '../db/helpers';

beforeAll(async () => {
  await loadDataModule();
});
afterEach(cleanup);

/** A live query that reads when asked (`read`) and answers when told (`answer`). */
function handDriven() {
  let query: (() => Promise<unknown>) | null = null;
  let next: ((value: unknown) => void) | null = null;
  const observe: LiveQuery = (fn, observer) => {
    query = fn;
    next = observer.next as (value: unknown) => void;
    return () => {
      next = null;
    };
  };
  return {
    observe,
    /** Runs the query now; the result is answered later, or never. */
    read: () => query!(),
    answer: (value: unknown) => next?.(value),
  };
}

const settle = async (until: () => boolean) => {
  for (let i = 0; i < 200 && !until(); i++) await new Promise((r) => setTimeout(r, 1));
};

/** A session at "Aula" in an editor on a hand-driven live query, its first answer taken in. */
async function sessionEditor() {
  const store = await freshStore();
  const session = await store.create('session', { ...newSessionBody(), place: 'Aula' });
  const live = handDriven();
  const editor = new RecordEditor(store, 'session', session.id, {
    debounceMs: 3_600_000,
    observe: live.observe,
  });
  live.answer(await live.read());
  return { store, session, live, editor };
}

describe('editor: live answers out of order', () => {
  it('does not step back to a read made before its own save', async () => {
    const { store, session, live, editor } = await sessionEditor();
    expect(editor.body?.place).toBe('Aula');

    // The query re-runs and reads "Aula"; its answer is late.
    const early = live.read();
    editor.update({ place: 'Aula desa' });
    await editor.flush();
    expect(editor.status).toBe('saved');
    live.answer(await early);
    expect(editor.body?.place).toBe('Aula desa');
    await settle(() => editor.record?.place === 'Aula desa');
    expect(editor.record?.place).toBe('Aula desa');
    expect(editor.body?.place).toBe('Aula desa');

    // A read begun after the save is taken in as it comes, another tab's change with it.
    await store.update('session', session.id, { topics: 'Dari tab lain' });
    live.answer(await live.read());
    expect(editor.body).toMatchObject({ place: 'Aula desa', topics: 'Dari tab lain' });
    await editor.dispose();
  });

  it('reads again, and so shows a change another tab stored meanwhile', async () => {
    const { store, session, live, editor } = await sessionEditor();

    const early = live.read();
    editor.update({ place: 'Aula desa' });
    await editor.flush();
    // Another tab writes before the late answer arrives; the read made again finds it.
    await store.update('session', session.id, { topics: 'Dari tab lain' });
    live.answer(await early);
    await settle(() => editor.body?.topics === 'Dari tab lain');
    expect(editor.body).toMatchObject({ place: 'Aula desa', topics: 'Dari tab lain' });
    await editor.dispose();
  });
});
