/**
 * Template versions as tenant data: the template record's schema, what changed between two versions, what a
 * version succeeds, and moving a draft to a newer template with nothing lost.
 */
import { describe, expect, it } from 'vitest';
import { BODY_SCHEMAS, type BodyOf } from '../../../src/shared/records';
import { applyPaths } from '../../../src/shared/fieldPaths';
import { latestProposalTemplate, proposalTemplateJsonSchema } from '../../../src/shared/templates';
import {
  defaultSectionMapping,
  extraSections,
  moveDraftValues,
  predecessorOf,
  shippedTemplateBodies,
  templateChanges,
  templateOfBody,
} from '../../../src/shared/domain/template-versions';
import kipp2027Json from '../../factories/kipp-2027-umum.json';

const kipp2023 = latestProposalTemplate('kipp-2023-umum')!;
const kipp2027 = proposalTemplateJsonSchema.parse(kipp2027Json);

const body2027 = (over: Partial<BodyOf<'template'>> = {}): BodyOf<'template'> => ({
  key: 'kipp-2027-umum',
  version: 1,
  year: 2027,
  status: 'draft',
  replaces: 'kipp-2023-umum',
  template: structuredClone(kipp2027Json) as Record<string, unknown>,
  ...over,
});

describe('the template record', () => {
  it('accepts a valid template and reads back the same template', () => {
    const parsed = BODY_SCHEMAS.template.parse(body2027());
    expect(templateOfBody(parsed)).toEqual(kipp2027);
  });

  it('refuses bad template JSON with the place and a message in Indonesian and English', () => {
    const json = structuredClone(kipp2027Json) as Record<string, unknown>;
    json.sections = [{ key: 'Bukan Kunci', id: 'x', en: 'x' }];
    const result = BODY_SCHEMAS.template.safeParse(body2027({ template: json }));
    expect(result.success).toBe(false);
    const message = result.error!.issues.map((i) => i.message).join('\n');
    expect(message).toContain('Templat tidak sah di sections.0.key');
    expect(message).toContain('/ invalid template at sections.0.key');
    expect(result.error!.issues[0]!.path).toEqual(['template', 'sections', 0, 'key']);
  });

  it('refuses a record whose key or version differs from its template', () => {
    expect(BODY_SCHEMAS.template.safeParse(body2027({ key: 'lain' })).success).toBe(false);
    expect(BODY_SCHEMAS.template.safeParse(body2027({ version: 2 })).success).toBe(false);
    expect(BODY_SCHEMAS.template.safeParse(body2027({ year: 1999 })).success).toBe(false);
  });

  it('seeds every shipped template, active, valid', () => {
    const bodies = shippedTemplateBodies();
    expect(bodies.map((b) => [b.key, b.version, b.status])).toEqual([
      ['kipp-2023-umum', 1, 'active'],
      ['profil-inovasi-daerah', 1, 'active'],
    ]);
    for (const b of bodies) expect(BODY_SCHEMAS.template.safeParse(b).success).toBe(true);
  });
});

describe('templateChanges', () => {
  it('lists sections added, removed and renamed, word limits and weights', () => {
    expect(templateChanges(kipp2023, kipp2027)).toEqual([
      { kind: 'word-limit', key: 'ringkasan', label: { id: 'Ringkasan', en: 'Summary' }, from: 200, to: 250 },
      {
        kind: 'section-renamed',
        key: 'kebaruan',
        from: { id: 'Kebaruan/Nilai Tambah', en: 'Novelty / added value' },
        to: { id: 'Kebaruan dan Keunikan', en: 'Novelty and uniqueness' },
      },
      {
        kind: 'section-added',
        key: 'kolaborasi',
        label: { id: 'Kolaborasi dan Partisipasi', en: 'Collaboration and participation' },
      },
      {
        kind: 'section-removed',
        key: 'implementasi',
        label: { id: 'Implementasi Inovasi', en: 'Implementation' },
      },
    ]);
  });

  it('reports a weight change and nothing for an identical template', () => {
    const heavier = structuredClone(kipp2027Json);
    heavier.sections.find((s) => s.key === 'signifikansi')!.weight = 35;
    const changed = templateChanges(kipp2027, proposalTemplateJsonSchema.parse(heavier));
    expect(changed).toEqual([
      expect.objectContaining({ kind: 'weight', key: 'signifikansi', from: 30, to: 35 }),
    ]);
    expect(templateChanges(kipp2027, kipp2027)).toEqual([]);
  });
});

describe('predecessorOf', () => {
  const known = [
    { key: 'kipp-2023-umum', version: 1 },
    { key: 'kipp-2023-umum', version: 2 },
    { key: 'kipp-2027-umum', version: 1 },
  ];
  it('is the newest older version of the same key', () => {
    expect(predecessorOf({ key: 'kipp-2027-umum', version: 3, replaces: null }, known)).toEqual(known[2]);
  });
  it('is the newest version of the key it replaces when the key is new', () => {
    expect(predecessorOf({ key: 'kipp-2027-umum', version: 1, replaces: 'kipp-2023-umum' }, known)).toEqual(
      known[1],
    );
    expect(predecessorOf({ key: 'baru', version: 1, replaces: null }, known)).toBeUndefined();
  });
});

describe('moving a draft to a newer template', () => {
  const sections = {
    ringkasan: 'Ringkasan kami.',
    'latar-belakang-tujuan': '',
    kebaruan: 'Yang baru.',
    implementasi: 'Cara kami menerapkan.',
    signifikansi: 'Dampaknya besar.',
  };

  it('maps the same keys by default and keeps the others as extras', () => {
    expect(defaultSectionMapping(sections, kipp2027)).toEqual({
      ringkasan: 'ringkasan',
      kebaruan: 'kebaruan',
      implementasi: null,
      signifikansi: 'signifikansi',
    });
  });

  it('writes the template and only the sections that change; an unmapped section stays, nothing is lost', () => {
    const values = moveDraftValues(sections, kipp2027, defaultSectionMapping(sections, kipp2027));
    expect(values).toEqual({
      templateKey: 'kipp-2027-umum',
      templateVersion: 1,
      'sections.adaptabilitas-replikasi': '',
      'sections.adaptabilitas-potensi': '',
      'sections.kolaborasi': '',
      'sections.sumber-daya': '',
      'sections.keberlanjutan': '',
    });
    const after = applyPaths('draft', { sections }, values) as { sections: Record<string, string> };
    expect(after.sections.implementasi).toBe('Cara kami menerapkan.');
    expect(extraSections(after.sections, kipp2027)).toEqual([
      { key: 'implementasi', text: 'Cara kami menerapkan.' },
    ]);
  });

  it('moves a mapped section, joining it after text already there', () => {
    const values = moveDraftValues(sections, kipp2027, {
      implementasi: 'kolaborasi',
      signifikansi: 'kolaborasi',
    });
    const after = applyPaths('draft', { sections }, values) as { sections: Record<string, string> };
    expect(Object.fromEntries(Object.entries(after.sections).filter(([, t]) => t !== ''))).toEqual({
      ringkasan: 'Ringkasan kami.',
      kebaruan: 'Yang baru.',
      kolaborasi: 'Cara kami menerapkan.\n\nDampaknya besar.',
    });
    expect(Object.keys(after.sections).sort()).toEqual(kipp2027.sections.map((s) => s.key).sort());
    expect(extraSections(after.sections, kipp2027)).toEqual([]);
  });

  it('keeps an unmapped section under a new key when the new template uses its key for another section', () => {
    const values = moveDraftValues(sections, kipp2027, { kebaruan: null });
    const after = applyPaths('draft', { sections }, values) as { sections: Record<string, string> };
    expect(after.sections['kebaruan-lama']).toBe('Yang baru.');
    expect(after.sections.kebaruan).toBe('');
    const words = (s: Record<string, string>) =>
      Object.values(s).join(' ').split(/\s+/).filter(Boolean).sort();
    expect(words(after.sections)).toEqual(words(sections));
  });
});
