import { describe, expect, it } from 'vitest';
import { newDraftBody, proposalReadiness } from '../../../src/shared/domain';
import { latestProposalTemplate } from '../../../src/shared/templates';
import { DRAFT_TABS, hashOfTab, placeOfMissing, tabOfHash } from '../../../src/lib/drafts/draft-tabs';

describe('the draft screen’s tabs in the address', () => {
  it('opens the writing without a #part, and each other tab by its own', () => {
    expect(tabOfHash('')).toBe('tulisan');
    for (const tab of DRAFT_TABS) expect(tabOfHash(hashOfTab(tab))).toBe(tab);
    expect(hashOfTab('tulisan')).toBe('');
    expect(hashOfTab('kesiapan')).toBe('#kesiapan');
  });

  it('keeps the writing open for a part it does not know (a comment named by a search hit)', () => {
    expect(tabOfHash('#komentar-ringkasan')).toBe('tulisan');
    expect(tabOfHash('#DATA')).toBe('tulisan');
  });
});

describe('where a missing item is fixed', () => {
  it('names the tab and the element of every item readiness lists', () => {
    const template = latestProposalTemplate('kipp-2023-umum')!;
    const body = newDraftBody(template, null);
    body.sections.ringkasan = Array.from({ length: 201 }, () => 'kata').join(' ');
    const readiness = proposalReadiness(body, template, [
      {
        checklist: { items: {}, templateKey: 'prinsip-pelayanan-6', templateVersion: 9 },
        template: undefined,
      },
    ]);
    const places = readiness.missing.map((item) => [item.kind, placeOfMissing(item)]);
    expect(places).toContainEqual(['section-over', { tab: 'tulisan', id: 'section-ringkasan' }]);
    expect(places).toContainEqual(['section-empty', { tab: 'tulisan', id: 'section-signifikansi' }]);
    expect(places).toContainEqual([
      'checklist-unknown',
      { tab: 'kesiapan', id: 'draft-checklist-prinsip-pelayanan-6' },
    ]);
    expect(places).toContainEqual([
      'attachment',
      { tab: 'kesiapan', id: 'required-surat-implementasi-file' },
    ]);
    expect(placeOfMissing({ kind: 'section-under', key: 'tujuan' })).toEqual({
      tab: 'tulisan',
      id: 'section-tujuan',
    });
    expect(placeOfMissing({ kind: 'checklist', key: 'kriteria-inovasi-5' })).toEqual({
      tab: 'kesiapan',
      id: 'draft-checklist-kriteria-inovasi-5',
    });
  });
});
