/**
 * Messages never cover what the person is doing and show only on the screen they belong to: a message is dropped
 * on the way to another screen, except a delete's "Urungkan", which belongs to the list the delete lands on; the
 * snackbar moves off a focused field it would cover; its action is a full 48 px button.
 */
import { screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { newSessionBody } from '../../src/shared/domain';
import { router } from '../../src/lib/router/router.svelte';
import { Snackbar, snackbar } from '../../src/lib/state/snackbar.svelte';
import { removeWithUndo } from '../../src/lib/state/undo';
import { placeClearOfFocus } from '../../src/ui/shell/keep-clear';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(() => teardown());

describe('which screen a message belongs to', () => {
  it('drops a message when the app leaves the screen it was shown on', () => {
    let screen = '1';
    const bar = new Snackbar(() => screen);
    bar.show('Ani disimpan.');
    bar.navigated('1'); // the same screen (a new record taking its own address): kept
    expect(bar.message).toBe('Ani disimpan.');
    screen = '2';
    bar.navigated(screen);
    expect(bar.message).toBeNull();
  });

  it('gives a message shown before moving on to the next screen, and drops it on the way to any other', () => {
    const bar = new Snackbar(() => '1');
    bar.show('Sesi dihapus.', { label: 'Urungkan', run: () => {} }, { belongsTo: 'next' });
    bar.navigated('2');
    expect(bar.message).toBe('Sesi dihapus.');
    expect(bar.action?.label).toBe('Urungkan');
    bar.navigated('3');
    expect(bar.message).toBeNull();
  });

  it('in the app: "Urungkan" after a delete shows on the list, and is gone once another screen opens', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', { ...newSessionBody(), place: 'Balai Desa' });
    renderApp(`/sesi/${session.id}`);
    await screen.findByRole('heading', { level: 1 });
    // What a record's screen does on "Hapus": tombstone with undo, then on to the list.
    await removeWithUndo(store, 'session', session.id, { message: 'Sesi dihapus.' });
    router.navigate('/sesi');
    const status = screen.getByRole('status', { name: 'Pemberitahuan' });
    await waitFor(() => expect(within(status).getByText('Sesi dihapus.')).toBeInTheDocument());
    expect(within(status).getByRole('button', { name: 'Urungkan' })).toBeInTheDocument();

    router.navigate('/rancangan');
    await waitFor(() => expect(within(status).queryByText('Sesi dihapus.')).toBeNull());
    expect(snackbar.message).toBeNull();
    expect((await store.get('session', session.id))?.deleted).toBe(true);
  });

  it('in the app: a file deleted on a record stays with that record’s screen', async () => {
    const store = await freshWorkspace();
    const session = await store.create('session', { ...newSessionBody(), place: 'Balai Desa' });
    renderApp(`/sesi/${session.id}`);
    await screen.findByRole('heading', { level: 1 });
    snackbar.show('Lampiran dihapus', { label: 'Urungkan', run: () => {} });
    flushSync();
    const status = screen.getByRole('status', { name: 'Pemberitahuan' });
    expect(within(status).getByText('Lampiran dihapus')).toBeInTheDocument();
    const undo = within(status).getByRole('button', { name: 'Urungkan' });
    expect(undo).toHaveClass('snackbar-action');
    router.navigate('/sesi');
    await waitFor(() => expect(snackbar.message).toBeNull());
  });
});

describe('keeping clear of the field being typed in', () => {
  /** A region and a field with the boxes Chromium would give them on a 360 x 740 phone. */
  function layout(fieldTop: number, fieldHeight = 48) {
    const region = document.createElement('div');
    region.dataset.place = 'bottom';
    const box = document.createElement('div');
    region.append(box);
    const field = document.createElement('input');
    document.body.append(region, field);
    // Bottom: above a 56 px bar; top: under a 56 px header. 56 px tall either way.
    box.getBoundingClientRect = () =>
      region.dataset.place === 'top' ? new DOMRect(8, 64, 344, 56) : new DOMRect(8, 620, 344, 56);
    field.getBoundingClientRect = () => new DOMRect(16, fieldTop, 328, fieldHeight);
    return { region, field, remove: () => (region.remove(), field.remove()) };
  }

  it('stays at the bottom when nothing is focused, or the focused field is clear of it', () => {
    const under = layout(630);
    expect(placeClearOfFocus(under.region)).toBe('bottom');
    under.remove();
    const clear = layout(300);
    clear.field.focus();
    expect(placeClearOfFocus(clear.region)).toBe('bottom');
    clear.remove();
  });

  it('moves to the top while it would cover the focused field ("Judul inovasi" low on the screen)', () => {
    const { region, field, remove } = layout(630);
    field.focus();
    expect(placeClearOfFocus(region)).toBe('top');
    expect(region.dataset.place).toBe('top');
    field.blur();
    expect(placeClearOfFocus(region)).toBe('bottom');
    remove();
  });

  it('stays at the bottom for a tall field it covers less there than at the top', () => {
    const { region, field, remove } = layout(40, 600);
    field.focus();
    expect(placeClearOfFocus(region)).toBe('bottom');
    remove();
  });
});
