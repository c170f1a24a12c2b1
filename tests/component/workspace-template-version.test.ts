// Registers a newer template version in the shared registry: kept in its own file (module state is per file).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { newDraftBody } from '../../src/shared/domain';
import { getProposalTemplate, proposalTemplates } from '../../src/shared/templates';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

beforeAll(() => {
  const v1 = getProposalTemplate('kipp-2023-umum', 1)!;
  proposalTemplates.add({
    ...v1,
    version: 2,
    sections: [
      ...v1.sections.filter((s) => s.key !== 'ringkasan'),
      {
        key: 'pembelajaran',
        label: { id: 'Pembelajaran', en: 'Lessons' },
        maxWords: 150,
        minWords: null,
        weight: 5,
        guide: null,
        group: null,
      },
    ],
  });
});

describe('template versions', () => {
  it('a draft written with version 1 opens with version 1 after version 2 arrives', async () => {
    const store = await freshWorkspace();
    const draft = await store.create('draft', {
      ...newDraftBody(getProposalTemplate('kipp-2023-umum', 1)!, null),
      title: 'Lama',
      sections: { ringkasan: 'Ringkasan lama' },
    });
    renderApp(`/rancangan/${draft.id}#data`);
    expect(await screen.findByTestId('template-info')).toHaveTextContent('versi 1');
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Tulisan' }));
    expect(await screen.findByLabelText('Ringkasan')).toHaveValue('Ringkasan lama');
    expect(screen.getByTestId('word-count-ringkasan')).toHaveTextContent('2/200 kata');
    expect(screen.queryByLabelText('Pembelajaran')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Ringkasan'), ' tambah');
    await waitFor(async () =>
      expect(await store.get('draft', draft.id)).toMatchObject({
        templateVersion: 1,
        sections: { ringkasan: 'Ringkasan lama tambah' },
      }),
    );
  });

  // Which template a new draft starts on is the tenant's active one, synced (issue #15): see
  // template-move.test.ts, 'offers only active templates for a new draft'.
});
