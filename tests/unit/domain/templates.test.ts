import { describe, expect, it } from 'vitest';
import checklistJson from '../../../src/shared/templates/checklist-templates.json';
import proposalJson from '../../../src/shared/templates/proposal-templates.json';
import {
  CHECKLIST_ITEM_STATUSES,
  CHECKLIST_ITEM_STATUS_LABELS,
  TemplateRegistry,
  checklistTemplateFileSchema,
  checklistTemplateJsonSchema,
  getChecklistTemplate,
  getProposalTemplate,
  latestChecklistTemplate,
  latestProposalTemplate,
  listChecklistTemplates,
  listProposalTemplates,
  optionLabel,
  proposalTemplateFileSchema,
  proposalTemplateJsonSchema,
  type ProposalTemplate,
} from '../../../src/shared/templates';

describe('template JSON validates at load', () => {
  it('the shipped proposal and checklist files pass their schemas', () => {
    expect(proposalTemplateFileSchema.safeParse(proposalJson).success).toBe(true);
    expect(checklistTemplateFileSchema.safeParse(checklistJson).success).toBe(true);
  });

  it('registers the shipped templates as version 1', () => {
    expect(listProposalTemplates().map((t) => [t.key, t.version])).toEqual([
      ['kipp-2023-umum', 1],
      ['profil-inovasi-daerah', 1],
    ]);
    expect(listChecklistTemplates().map((t) => t.key)).toEqual([
      'prinsip-pelayanan-6',
      'asas-uu-25-2009',
      'komponen-standar-pelayanan-14',
      'kriteria-inovasi-5',
    ]);
    expect(listChecklistTemplates().map((t) => t.items.length)).toEqual([6, 12, 14, 5]);
  });

  it('maps sections with limits, weights and guides', () => {
    const kipp = getProposalTemplate('kipp-2023-umum', 1)!;
    expect(kipp.sections).toHaveLength(9);
    expect(kipp.sections.find((s) => s.key === 'signifikansi')).toMatchObject({
      maxWords: 600,
      minWords: null,
      weight: 30,
      label: { id: 'Signifikansi', en: 'Significance (impact)' },
    });
    expect(kipp.groupWeights).toEqual({ adaptabilitas: 20 });
    const sdgs = kipp.metadataFields.find((f) => f.key === 'sdgs')!;
    expect(sdgs.type).toBe('multiselect');
    expect(sdgs.options).toHaveLength(17);
    expect(kipp.metadataFields.find((f) => f.key === 'link-video')?.type).toBe('url');
    expect(kipp.requiredAttachments[0]).toMatchObject({ format: 'pdf', maxBytes: 1048576 });
    const profil = latestProposalTemplate('profil-inovasi-daerah')!;
    expect(profil.sections.find((s) => s.key === 'rancang-bangun')?.minWords).toBe(300);
  });

  it('labels every checklist item status', () => {
    expect(CHECKLIST_ITEM_STATUSES.map((s) => s.key)).toEqual([
      'terpenuhi',
      'sebagian',
      'belum',
      'tidak-relevan',
    ]);
    expect(CHECKLIST_ITEM_STATUS_LABELS.belum).toEqual({ id: 'Belum', en: 'Not yet' });
    expect(getChecklistTemplate('kriteria-inovasi-5', 1)?.items[0]?.hint?.en).toContain('new');
    expect(latestChecklistTemplate('nope')).toBeUndefined();
  });

  it('rejects malformed templates', () => {
    const good = proposalJson.templates[0]!;
    expect(proposalTemplateJsonSchema.safeParse({ ...good, sections: [] }).success).toBe(false);
    expect(proposalTemplateJsonSchema.safeParse({ ...good, key: 'Bad Key' }).success).toBe(false);
    expect(proposalTemplateJsonSchema.safeParse({ ...good, sections: [{ key: 'a', id: 'A' }] }).success).toBe(
      false,
    );
    expect(
      proposalTemplateJsonSchema.safeParse({ ...good, sections: [good.sections[0], good.sections[0]] })
        .success,
    ).toBe(false);
    expect(
      proposalTemplateJsonSchema.safeParse({
        ...good,
        sections: [{ ...good.sections[0], max_words: -5 }],
      }).success,
    ).toBe(false);
    const cl = checklistJson.templates[0]!;
    expect(checklistTemplateJsonSchema.safeParse({ ...cl, items: [{ key: 'x' }] }).success).toBe(false);
    expect(
      checklistTemplateFileSchema.safeParse({
        ...checklistJson,
        item_status: checklistJson.item_status.slice(1),
      }).success,
    ).toBe(false);
  });
});

describe('option labels', () => {
  it('labels every option of every template in both languages, never as its slug', () => {
    const all = listProposalTemplates().flatMap((t) => t.metadataFields.flatMap((f) => f.options));
    expect(all.length).toBeGreaterThan(40);
    for (const o of all) {
      for (const text of [o.label.id, o.label.en]) {
        expect(text, o.key).not.toBe(o.key);
        expect(text, o.key).not.toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(text, o.key).not.toBe(o.key.replace(/-/g, ' '));
      }
    }
  });

  it('keeps the keys old drafts stored and names SDGs officially', () => {
    const kipp = getProposalTemplate('kipp-2023-umum', 1)!;
    const kategori = kipp.metadataFields.find((f) => f.key === 'kategori')!;
    expect(optionLabel(kategori, 'pengentasan-kemiskinan')).toEqual({
      id: 'Pengentasan kemiskinan',
      en: 'Poverty reduction',
    });
    const sdgs = kipp.metadataFields.find((f) => f.key === 'sdgs')!;
    expect(sdgs.options.map((o) => o.key)).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 1)));
    // Early drafts stored SDG numbers as numbers.
    expect(optionLabel(sdgs, 1)).toEqual({ id: '1. Tanpa Kemiskinan', en: '1. No Poverty' });
    expect(optionLabel(sdgs, '17')?.en).toBe('17. Partnerships for the Goals');
    expect(optionLabel(sdgs, '18')).toBeNull();
    const profil = latestProposalTemplate('profil-inovasi-daerah')!;
    const inisiator = profil.metadataFields.find((f) => f.key === 'inisiator')!;
    expect(optionLabel(inisiator, 'anggota-dprd')?.id).toBe('Anggota DPRD');
    const jenis = profil.metadataFields.find((f) => f.key === 'jenis')!;
    expect(optionLabel(jenis, 'non-digital')?.id).toBe('Non-digital');
  });

  it('rejects options without labels or with a repeated key', () => {
    const good = proposalJson.templates[0]!;
    const field = good.metadata_fields[0]!;
    // Without the eligibility rule, which names fields this one-field template lacks.
    const withOptions = (options: unknown[]) => ({
      ...good,
      eligibility: undefined,
      metadata_fields: [{ ...field, options }],
    });
    expect(proposalTemplateJsonSchema.safeParse(withOptions(['umum'])).success).toBe(false);
    expect(proposalTemplateJsonSchema.safeParse(withOptions([{ key: 'umum', id: 'Umum' }])).success).toBe(
      false,
    );
    const umum = { key: 'umum', id: 'Umum', en: 'General' };
    expect(proposalTemplateJsonSchema.safeParse(withOptions([umum, umum])).success).toBe(false);
    expect(proposalTemplateJsonSchema.safeParse(withOptions([umum])).success).toBe(true);
  });
});

describe('versioned registry', () => {
  it('keeps every version: an old draft opens with its own version after a newer one arrives', () => {
    const v1 = proposalTemplateJsonSchema.parse(proposalJson.templates[0]);
    const v2: ProposalTemplate = proposalTemplateJsonSchema.parse({
      ...proposalJson.templates[0],
      version: 2,
      sections: [{ key: 'ringkasan', id: 'Ringkasan', en: 'Summary', max_words: 150 }],
    });
    const registry = new TemplateRegistry<ProposalTemplate>([v1]);
    registry.add(v2);
    expect(registry.latest('kipp-2023-umum')?.version).toBe(2);
    expect(registry.get('kipp-2023-umum', 1)?.sections).toHaveLength(9);
    expect(registry.get('kipp-2023-umum', 2)?.sections[0]?.maxWords).toBe(150);
    expect(registry.listLatest()).toHaveLength(1);
    expect(registry.listAll()).toHaveLength(2);
    expect(() => registry.add(v2)).toThrow(/twice/);
  });
});
