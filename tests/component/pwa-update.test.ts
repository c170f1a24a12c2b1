import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AppUpdate } from '../../src/lib/pwa/update.svelte';
import UpdatePrompt from '../../src/ui/pwa/UpdatePrompt.svelte';
import { flushAllEditorsOrThrow, registerEditor, UnsavedEditsError } from '../../src/lib/state/editors';

/** Records the order in which the update flow calls the outside world. */
function fakeWorld(opts: { flushFails?: boolean } = {}) {
  const calls: string[] = [];
  let flushes = 0;
  return {
    calls,
    deps: {
      flush: async () => {
        flushes += 1;
        calls.push(`flush${flushes}`);
        await Promise.resolve();
        if (opts.flushFails) throw new DOMException('full', 'QuotaExceededError');
      },
      skipWaiting: () => calls.push('skipWaiting'),
      reload: () => calls.push('reload'),
    },
  };
}

describe('update prompt', () => {
  const update = new AppUpdate();
  afterEach(() => update.reset());

  it('shows nothing until a new version waits, then offers Perbarui and Nanti in a status region', async () => {
    render(UpdatePrompt, { update });
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    update.onWaiting();
    await Promise.resolve();
    expect(screen.getByRole('status')).toHaveTextContent('Versi baru tersedia');
    expect(screen.getByRole('button', { name: 'Perbarui' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Nanti' })).toBeInTheDocument();
  });

  it('on Perbarui flushes edits before activating, and reloads only once the new worker controls', async () => {
    const world = fakeWorld();
    update.connect(world.deps);
    update.onWaiting();
    render(UpdatePrompt, { update });
    await userEvent.click(screen.getByRole('button', { name: 'Perbarui' }));
    expect(world.calls).toEqual(['flush1', 'skipWaiting']);
    await update.onControlling();
    // Flushed again right before the reload: typing after the click is not lost either.
    expect(world.calls).toEqual(['flush1', 'skipWaiting', 'flush2', 'reload']);
  });

  it('never reloads when edits cannot be saved, and says why', async () => {
    const world = fakeWorld({ flushFails: true });
    update.connect(world.deps);
    update.onWaiting();
    render(UpdatePrompt, { update });
    await userEvent.click(screen.getByRole('button', { name: 'Perbarui' }));
    expect(world.calls).toEqual(['flush1']);
    expect(update.phase).toBe('failed');
    expect(screen.getByRole('status')).toHaveTextContent(/Pembaruan ditunda.*penuh/);
    expect(screen.getByRole('button', { name: 'Coba lagi' })).toBeInTheDocument();
  });

  it('Nanti hides the prompt and changes nothing', async () => {
    const world = fakeWorld();
    update.connect(world.deps);
    update.onWaiting();
    render(UpdatePrompt, { update });
    await userEvent.click(screen.getByRole('button', { name: 'Nanti' }));
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    expect(update.pending).toBe(true);
    expect(world.calls).toEqual([]);
  });

  it('when another tab switched versions, it offers a reload that still flushes first', async () => {
    const world = fakeWorld();
    update.connect(world.deps);
    await update.onControlling();
    render(UpdatePrompt, { update });
    expect(screen.getByRole('status')).toHaveTextContent('tab lain');
    expect(world.calls).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Perbarui' }));
    expect(world.calls).toEqual(['flush1', 'reload']);
  });
});

describe('flushAllEditorsOrThrow', () => {
  it('rejects when an editor still holds input it could not store, so the update does not reload', async () => {
    const flushed: string[] = [];
    const ok = registerEditor({ status: 'saved', flush: () => Promise.resolve(void flushed.push('ok')) });
    const held = registerEditor({
      status: 'invalid',
      flush: () => Promise.resolve(void flushed.push('held')),
    });
    await expect(flushAllEditorsOrThrow()).rejects.toBeInstanceOf(UnsavedEditsError);
    expect(flushed.sort()).toEqual(['held', 'ok']);

    const update = new AppUpdate();
    const calls: string[] = [];
    update.connect({
      flush: flushAllEditorsOrThrow,
      skipWaiting: () => calls.push('skipWaiting'),
      reload: () => calls.push('reload'),
    });
    update.onWaiting();
    render(UpdatePrompt, { update });
    await userEvent.click(screen.getByRole('button', { name: 'Perbarui' }));
    expect(calls).toEqual([]);
    expect(screen.getByRole('status')).toHaveTextContent('ada isian yang belum tersimpan');

    held();
    await expect(flushAllEditorsOrThrow()).resolves.toBeUndefined();
    ok();
  });
});
