/**
 * The person typing in a section keeps their caret when another person's change is merged into it: the real
 * draft screen, a real (fake-indexeddb) store, and a pull storing the other person's paragraph mid-typing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newDraftBody } from '../../src/shared/domain';
import { latestProposalTemplate } from '../../src/shared/templates';
import { applyValue } from '../../src/ui/shell/keep-caret';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

describe('caret kept through a merged change', () => {
  it('maps the caret and the selection; an unfocused field just takes the value', () => {
    const el = document.createElement('textarea');
    document.body.append(el);
    el.value = 'Tiga perawat.\nSatu motor.';
    el.focus();
    const at = el.value.indexOf('motor');
    el.setSelectionRange(at, at + 'motor'.length);
    applyValue(el, 'Empat perawat.\nSatu motor.');
    expect(el.value).toBe('Empat perawat.\nSatu motor.');
    expect(el.value.slice(el.selectionStart, el.selectionEnd)).toBe('motor');
    el.blur();
    applyValue(el, 'Lain.');
    expect(el.value).toBe('Lain.');
    el.remove();
  });

  it(
    'another person’s paragraph appears while the innovator types, and the typing goes on in place',
    {
      timeout: 20_000,
    },
    async () => {
      const store = await freshWorkspace();
      const template = latestProposalTemplate('kipp-2023-umum')!;
      const key = template.sections[0]!.key;
      const body = newDraftBody(template, null);
      body.sections[key] = 'Tiga perawat.\nSatu motor.';
      const draft = await store.create('draft', body);
      await store.acknowledge(1, { ...draft, rev: 4, fieldVersions: { [`sections.${key}`]: 4 } });
      renderApp(`/rancangan/${draft.id}`);
      const field = (await screen.findByLabelText(template.sections[0]!.label.id)) as HTMLTextAreaElement;
      const user = userEvent.setup();
      await user.click(field);
      field.setSelectionRange(field.value.length, field.value.length);
      await user.keyboard(' Dua');
      // The facilitator's change of paragraph 1 arrives by a pull.
      const stored = (await store.get('draft', draft.id))!;
      await store.applyRemote([
        {
          ...stored,
          rev: 7,
          fieldVersions: { ...stored.fieldVersions, [`sections.${key}`]: 7 },
          sections: { ...stored.sections, [key]: 'Empat perawat.\nSatu motor.' },
        },
      ]);
      await waitFor(() => expect(field.value).toBe('Empat perawat.\nSatu motor. Dua'));
      expect(field.selectionStart).toBe(field.value.length);
      await user.keyboard(' motor');
      expect(field.value).toBe('Empat perawat.\nSatu motor. Dua motor');
    },
  );
});
