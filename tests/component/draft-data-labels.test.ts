/**
 * The draft's Data tab shows every option by its label from the template, never as its stored slug (nor the slug
 * with its dashes turned into spaces), in both languages; old drafts' stored keys (SDGs as numbers) still select.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/svelte';
import { newDraftBody } from '../../src/shared/domain';
import { locale } from '../../src/lib/i18n/index.svelte';
import { latestProposalTemplate, type ProposalTemplate } from '../../src/shared/templates';
import { freshWorkspace, renderApp, teardown } from './workspace-helpers';

afterEach(teardown);

/** Option keys with dashes: a slug as stored, which must never reach the screen. */
function dashedKeys(template: ProposalTemplate): string[] {
  return template.metadataFields.flatMap((f) => f.options.map((o) => o.key)).filter((k) => k.includes('-'));
}

/**
 * No stored slug anywhere on screen, and each choice field offers exactly its labels in the current language (so
 * neither a slug nor a slug with its dashes turned into spaces can stand in for one).
 */
function expectLabelsOnly(template: ProposalTemplate, lang: 'id' | 'en'): void {
  const text = document.body.textContent ?? '';
  for (const key of dashedKeys(template)) expect(text, key).not.toContain(key);
  for (const field of template.metadataFields) {
    const labels = field.options.map((o) => o.label[lang]);
    if (field.type === 'select') {
      const select = screen.getByLabelText<HTMLSelectElement>(field.label[lang]);
      expect([...select.options].slice(1).map((o) => o.text.trim())).toEqual(labels);
    } else if (field.type === 'multiselect') {
      const group = screen.getByRole('group', { name: field.label[lang] });
      expect([...group.querySelectorAll('label')].map((l) => l.textContent?.trim())).toEqual(labels);
    }
  }
}

describe('draft Data tab option labels', () => {
  it('shows the Profil Inovasi Daerah options by their labels in Indonesian and English', async () => {
    const store = await freshWorkspace();
    const template = latestProposalTemplate('profil-inovasi-daerah')!;
    expect(dashedKeys(template).length).toBeGreaterThan(5);
    const body = newDraftBody(template, null);
    body.metadata = { inisiator: 'anggota-dprd', jenis: 'non-digital', bentuk: 'pelayanan-publik' };
    const draft = await store.create('draft', body);
    renderApp(`/rancangan/${draft.id}#data`);

    const inisiator = await screen.findByLabelText<HTMLSelectElement>('Inisiator');
    expect(inisiator.selectedOptions[0]).toHaveTextContent('Anggota DPRD');
    expect(screen.getByRole('option', { name: 'Non-digital' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Pelayanan publik' })).toBeInTheDocument();
    expectLabelsOnly(template, 'id');

    locale.set('en');
    await waitFor(() =>
      expect(inisiator.selectedOptions[0]).toHaveTextContent('Member of the regional parliament (DPRD)'),
    );
    expect(screen.getByRole('option', { name: 'Public service' })).toBeInTheDocument();
    expectLabelsOnly(template, 'en');
  });

  it('names SDGs and KIPP categories, and ticks SDGs an old draft stored as numbers', async () => {
    const store = await freshWorkspace();
    const template = latestProposalTemplate('kipp-2023-umum')!;
    const body = newDraftBody(template, null);
    body.metadata = { kategori: 'pengentasan-kemiskinan', sdgs: [1, '3'] };
    const draft = await store.create('draft', body);
    renderApp(`/rancangan/${draft.id}#data`);

    const kategori = await screen.findByLabelText<HTMLSelectElement>('Kategori');
    expect(kategori.selectedOptions[0]).toHaveTextContent('Pengentasan kemiskinan');
    expect(screen.getByRole('checkbox', { name: '1. Tanpa Kemiskinan' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: '3. Kehidupan Sehat dan Sejahtera' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: '2. Tanpa Kelaparan' })).not.toBeChecked();
    expectLabelsOnly(template, 'id');

    locale.set('en');
    expect(await screen.findByRole('checkbox', { name: '1. No Poverty' })).toBeChecked();
    expect(kategori.selectedOptions[0]).toHaveTextContent('Poverty reduction');
    expectLabelsOnly(template, 'en');
  });
});
