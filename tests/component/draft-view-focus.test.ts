/**
 * Going to a missing item's field: a field that cannot be changed gives the focus to its block. When it was
 * disabled only for a moment (what decides it still arriving, as on a phone just after its first sync), the focus moves on
 * to the field, unless the person has moved it meanwhile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/svelte';
import { DraftView } from '../../src/lib/drafts/draft-view.svelte';

function disabledSection() {
  document.body.innerHTML = `
    <fieldset id="wrap" disabled><div class="field"><textarea id="section-x"></textarea></div></fieldset>
    <button id="elsewhere">Lain</button>`;
  return {
    wrap: document.getElementById('wrap') as HTMLFieldSetElement,
    field: document.getElementById('section-x')!,
    block: document.querySelector<HTMLElement>('.field')!,
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('going to a field', () => {
  it('focuses the block of a disabled field, then the field once it may be changed', async () => {
    const { wrap, field, block } = disabledSection();
    const going = new DraftView().goTo({ tab: 'tulisan', id: 'section-x' });
    await waitFor(() => expect(document.activeElement).toBe(block));
    wrap.disabled = false;
    await waitFor(() => expect(document.activeElement).toBe(field));
    await going;
  });

  it('leaves the focus where the person moved it', async () => {
    const { wrap, block } = disabledSection();
    const going = new DraftView().goTo({ tab: 'tulisan', id: 'section-x' });
    await waitFor(() => expect(document.activeElement).toBe(block));
    document.getElementById('elsewhere')!.focus();
    wrap.disabled = false;
    await going;
    expect(document.activeElement?.id).toBe('elsewhere');
  });
});
