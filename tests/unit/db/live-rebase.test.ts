/**
 * Live rebase on the phone: another person's change arriving for a path someone is typing in (unsaved in an
 * editor) or that waits in the outbox is merged with the shared rule; the base stays what the text came from.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newDraftBody } from '../../../src/shared/domain/factories';
import { latestProposalTemplate } from '../../../src/shared/templates';
import type { Draft } from '../../../src/shared/records';
import { loadDataModule } from '../../../src/lib/state/data-module';
import { RecordEditor } from '../../../src/lib/state/record-editor.svelte';
import type { DexieLocalStore } from '../../../src/lib/db/store';
import { cleanup, freshStore } from './helpers';

const template = latestProposalTemplate('kipp-2023-umum')!;
const THREE = 'Tiga perawat.\nSatu motor.\nDana BOK.';

/** A draft the server sent at version 5, with "sumber" holding three paragraphs. */
async function syncedDraft(store: DexieLocalStore): Promise<Draft> {
  const d = await store.create('draft', newDraftBody(template, null));
  const synced = { ...d, rev: 5, fieldVersions: { 'sections.sumber': 5, title: 5 } };
  synced.sections = { ...d.sections, sumber: THREE };
  await store.acknowledge(1, synced);
  return (await store.get('draft', d.id))!;
}

/** The server's copy after another person changed paragraph 1 (version 8). */
const theirs = (d: Draft, text = 'Empat perawat.\nSatu motor.\nDana BOK.'): Draft => ({
  ...d,
  rev: 8,
  fieldVersions: { ...d.fieldVersions, 'sections.sumber': 8 },
  sections: { ...d.sections, sumber: text },
});

const settle = async (until: () => boolean) => {
  for (let i = 0; i < 200 && !until(); i++) await new Promise((r) => setTimeout(r, 1));
};

beforeAll(async () => {
  await loadDataModule();
});
afterEach(cleanup);

describe('editor: text typed and not yet saved', () => {
  it('shows another person’s change merged at once and saves on that version', async () => {
    const store = await freshStore();
    const d = await syncedDraft(store);
    const editor = new RecordEditor(store, 'draft', d.id, { debounceMs: 3_600_000 });
    await settle(() => editor.body !== null);
    editor.setEntry('sections', 'sumber', `${THREE}\nMotor kedua dari desa.`);
    // A pull stores the facilitator's change while the innovator keeps typing.
    await store.applyRemote([theirs(d)]);
    await settle(() => editor.body!.sections.sumber!.startsWith('Empat'));
    expect(editor.body!.sections.sumber).toBe(
      'Empat perawat.\nSatu motor.\nDana BOK.\nMotor kedua dari desa.',
    );
    expect(editor.rebased).toBe(1);
    await editor.dispose();
    const [entry] = await store.outbox();
    expect(entry).toMatchObject({
      values: { 'sections.sumber': 'Empat perawat.\nSatu motor.\nDana BOK.\nMotor kedua dari desa.' },
      base: { 'sections.sumber': 8 },
      baseValues: { 'sections.sumber': 'Empat perawat.\nSatu motor.\nDana BOK.' },
    });
  });

  it('keeps the person’s text and the base it was typed on when both changed the same words', async () => {
    const store = await freshStore();
    const d = await syncedDraft(store);
    const editor = new RecordEditor(store, 'draft', d.id, { debounceMs: 3_600_000 });
    await settle(() => editor.body !== null);
    const mine = 'Lima perawat.\nSatu motor.\nDana BOK.';
    editor.setEntry('sections', 'sumber', mine);
    await store.applyRemote([theirs(d)]);
    await settle(() => editor.record?.rev === 8);
    expect(editor.body!.sections.sumber).toBe(mine);
    await editor.dispose();
    // The old base goes with the push, so the server records a conflict with both versions.
    const [entry] = await store.outbox();
    expect(entry).toMatchObject({ values: { 'sections.sumber': mine }, base: { 'sections.sumber': 5 } });
  });

  it('the base is the one seen when typing started, not the one stored when the save runs', async () => {
    const store = await freshStore();
    const d = await syncedDraft(store);
    const editor = new RecordEditor(store, 'draft', d.id, { debounceMs: 3_600_000 });
    await settle(() => editor.body !== null);
    editor.setEntry('sections', 'sumber', `${THREE}\nBaru.`);
    // Stored in the same moment as the save: the save itself sees it and merges (no live query ran between).
    await Promise.all([store.applyRemote([theirs(d)]), editor.flush()]);
    await editor.dispose();
    const final = (await store.get('draft', d.id))!.sections.sumber;
    const entries = await store.outbox();
    // Either the save merged (base 8 with both edits) or it kept base 5 for the server to merge: never base 8
    // with the facilitator's words missing.
    const entry = entries.at(-1)!;
    if (entry.base['sections.sumber'] === 8) expect(final).toContain('Empat perawat.');
    else expect(entry.base['sections.sumber']).toBe(5);
    expect(final).toContain('Baru.');
  });
});

describe('store: an edit waiting in the outbox', () => {
  it('merges another person’s change into a pending entry and moves its base', async () => {
    const store = await freshStore();
    const d = await syncedDraft(store);
    await store.update('draft', d.id, { sections: { ...d.sections, sumber: `${THREE}\nBaru.` } });
    await store.applyRemote([theirs(d)]);
    const merged = 'Empat perawat.\nSatu motor.\nDana BOK.\nBaru.';
    expect((await store.get('draft', d.id))!.sections.sumber).toBe(merged);
    expect((await store.get('draft', d.id))!.fieldVersions['sections.sumber']).toBe(8);
    const [entry] = await store.outbox();
    expect(entry).toMatchObject({
      state: 'pending',
      values: { 'sections.sumber': merged },
      base: { 'sections.sumber': 8 },
    });
  });

  it('leaves a pending entry as it is when the merge is not clean', async () => {
    const store = await freshStore();
    const d = await syncedDraft(store);
    const mine = 'Lima perawat.\nSatu motor.\nDana BOK.';
    await store.update('draft', d.id, { sections: { ...d.sections, sumber: mine } });
    await store.applyRemote([theirs(d)]);
    expect((await store.get('draft', d.id))!.sections.sumber).toBe(mine);
    const [entry] = await store.outbox();
    expect(entry).toMatchObject({ values: { 'sections.sumber': mine }, base: { 'sections.sumber': 5 } });
  });

  it('never rebases an entry already on the wire (the server merges it)', async () => {
    const store = await freshStore();
    const d = await syncedDraft(store);
    const mine = `${THREE}\nBaru.`;
    await store.update('draft', d.id, { sections: { ...d.sections, sumber: mine } });
    const [pending] = await store.outbox();
    await store.markSending([pending!.seq]);
    await store.applyRemote([theirs(d)]);
    expect((await store.get('draft', d.id))!.sections.sumber).toBe(mine);
    expect((await store.outbox())[0]).toMatchObject({ base: { 'sections.sumber': 5 } });
  });

  it('never moves the base of a review move: the server judges it against the status its sender saw', async () => {
    const store = await freshStore();
    const d = await syncedDraft(store);
    await store.applyRemote([
      { ...d, rev: 6, reviewStatus: 'diajukan', fieldVersions: { ...d.fieldVersions, reviewStatus: 6 } },
    ]);
    const seen = (await store.get('draft', d.id))!;
    await store.update('draft', d.id, { reviewStatus: 'disetujui' });
    // Withdrawn and submitted again meanwhile: the same status, a newer version.
    await store.applyRemote([
      {
        ...seen,
        rev: 9,
        reviewStatus: 'diajukan',
        fieldVersions: { ...seen.fieldVersions, reviewStatus: 9 },
      },
    ]);
    expect((await store.outbox())[0]).toMatchObject({
      values: { reviewStatus: 'disetujui' },
      base: { reviewStatus: 6 },
    });
  });
});
