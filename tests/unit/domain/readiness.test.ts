import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_SHARE,
  proposalReadiness,
  readinessVerdict,
  sectionWeights,
  shownWeight,
} from '../../../src/shared/domain/readiness';
import { newChecklistBody, newDraftBody } from '../../../src/shared/domain/factories';
import { latestChecklistTemplate, latestProposalTemplate } from '../../../src/shared/templates';
import type { ProposalTemplate } from '../../../src/shared/templates';

const kipp = latestProposalTemplate('kipp-2023-umum')!;
const profil = latestProposalTemplate('profil-inovasi-daerah')!;
const anyChecklist = latestChecklistTemplate('prinsip-pelayanan-6')!;
const words = (n: number) => Array.from({ length: n }, () => 'kata').join(' ');

/** Every KIPP section written within its limit. */
function fullKipp() {
  const body = newDraftBody(kipp, null);
  for (const s of kipp.sections) body.sections[s.key] = words(Math.min(s.maxWords ?? 50, 50));
  return body;
}

describe('sectionWeights', () => {
  it('uses the competition weights, splits a group weight, and gives unscored sections the smallest weight', () => {
    const w = Object.fromEntries(kipp.sections.map((s, i) => [s.key, sectionWeights(kipp)[i]]));
    expect(w).toEqual({
      ringkasan: 5, // weight 0 in the competition: smallest positive weight (5)
      'latar-belakang-tujuan': 10,
      kebaruan: 15,
      implementasi: 5,
      signifikansi: 30,
      'adaptabilitas-replikasi': 10, // group "adaptabilitas" 20, two sections
      'adaptabilitas-potensi': 10,
      'sumber-daya': 5,
      keberlanjutan: 15,
    });
  });
  it('weighs sections equally in a template without weights', () => {
    expect(sectionWeights(profil)).toEqual(profil.sections.map(() => 1));
  });
});

describe('proposalReadiness', () => {
  it('a new draft scores 0 and lists every section as not written and every attachment as not attached', () => {
    const r = proposalReadiness(newDraftBody(kipp, null), kipp);
    expect(r.score).toBe(0);
    expect(r.sections.every((s) => s.state === 'empty')).toBe(true);
    expect(r.missing.filter((m) => m.kind === 'section-empty')).toHaveLength(kipp.sections.length);
    expect(r.attachments.map((a) => [a.key, a.attached])).toEqual([
      ['surat-implementasi', false],
      ['surat-identitas', false],
      ['surat-replikasi', false],
    ]);
    expect(r.missing.find((m) => m.key === 'surat-implementasi')?.label).toEqual({
      id: 'Surat pernyataan implementasi: belum dilampirkan',
      en: 'Signed statement of implementation: not attached yet',
    });
    expect(r.missing.find((m) => m.key === 'ringkasan')?.label).toEqual({
      id: `${kipp.sections[0]!.label.id}: belum diisi`,
      en: `${kipp.sections[0]!.label.en}: not written yet`,
    });
  });

  it('every section within its limits scores 100; attachments stay listed but do not lower the score', () => {
    const r = proposalReadiness(fullKipp(), kipp);
    expect(r.score).toBe(100);
    expect(r.missing.map((m) => m.kind)).toEqual(['attachment', 'attachment', 'attachment']);
  });

  it('weights a missing section by its competition weight', () => {
    const body = fullKipp();
    body.sections.signifikansi = ''; // 30 of 105
    expect(proposalReadiness(body, kipp).score).toBe(Math.floor((75 / 105) * 100));
    const body2 = fullKipp();
    body2.sections.implementasi = ''; // 5 of 105
    expect(proposalReadiness(body2, kipp).score).toBe(Math.floor((100 / 105) * 100));
  });

  it('a section over its maximum earns half its weight and is listed with its count and limit', () => {
    const body = fullKipp();
    body.sections.signifikansi = words(601);
    const r = proposalReadiness(body, kipp);
    expect(r.sections.find((s) => s.key === 'signifikansi')).toMatchObject({
      state: 'over',
      words: 601,
      max: 600,
      credit: 0.5,
    });
    expect(r.score).toBe(Math.floor((90 / 105) * 100));
    const over = r.missing.find((m) => m.kind === 'section-over');
    expect(over?.key).toBe('signifikansi');
    expect(over?.label.id).toContain('601 kata, lebih dari batas 600');
    expect(over?.label.en).toContain('601 words, over the limit of 600');
  });

  it('a section under its minimum earns words/minimum and is listed', () => {
    const body = newDraftBody(profil, null);
    for (const s of profil.sections) body.sections[s.key] = words(10);
    body.sections['rancang-bangun'] = words(150); // minimum 300
    const r = proposalReadiness(body, profil);
    expect(r.sections[0]).toMatchObject({ state: 'under', credit: 0.5 });
    expect(r.score).toBe(Math.floor(((3 + 0.5) / 4) * 100));
    expect(r.missing).toEqual([
      expect.objectContaining({
        kind: 'section-under',
        key: 'rancang-bangun',
        label: expect.objectContaining({ id: expect.stringContaining('150 dari minimal 300 kata') }),
      }),
    ]);
  });

  it('checklists count for their share: met 1, partly 1/2, not met or unanswered 0, not relevant left out', () => {
    const template = anyChecklist;
    const checklist = newChecklistBody(template, '0190a5f0-0000-7000-8000-000000000001', null);
    const keys = template.items.map((i) => i.key);
    checklist.items[keys[0]!] = { status: 'terpenuhi', evidence: '' };
    checklist.items[keys[1]!] = { status: 'sebagian', evidence: '' };
    checklist.items[keys[2]!] = { status: 'belum', evidence: '' };
    checklist.items[keys[3]!] = { status: 'tidak-relevan', evidence: '' };
    const applicable = keys.length - 1;
    const r = proposalReadiness(fullKipp(), kipp, [{ checklist, template }]);
    const checklistScore = 1.5 / applicable;
    expect(r.checklists[0]).toMatchObject({
      score: checklistScore,
      notMet: 1,
      partlyMet: 1,
      unanswered: keys.length - 4,
    });
    expect(r.score).toBe(
      Math.floor(((1 - CHECKLIST_SHARE) * 1 + CHECKLIST_SHARE * checklistScore) * 100 + 1e-9),
    );
    const item = r.missing.find((m) => m.kind === 'checklist');
    expect(item?.label.id).toBe(
      `${template.title.id}: 1 belum terpenuhi, 1 sebagian, ${keys.length - 4} belum dinilai`,
    );
    expect(item?.label.en).toBe(
      `${template.title.en}: 1 not met, 1 partly met, ${keys.length - 4} not assessed`,
    );
  });

  it('a fully met checklist is not listed and keeps 100; one where nothing applies is left out', () => {
    const template = anyChecklist;
    const met = newChecklistBody(template, '0190a5f0-0000-7000-8000-000000000001', null);
    for (const k of Object.keys(met.items)) met.items[k] = { status: 'terpenuhi', evidence: 'foto' };
    const none = newChecklistBody(template, '0190a5f0-0000-7000-8000-000000000001', null);
    for (const k of Object.keys(none.items)) none.items[k] = { status: 'tidak-relevan', evidence: '' };
    const r = proposalReadiness(fullKipp(), kipp, [
      { checklist: met, template },
      { checklist: none, template },
    ]);
    expect(r.score).toBe(100);
    expect(r.checklists.map((c) => c.score)).toEqual([1, null]);
    expect(r.missing.some((m) => m.kind === 'checklist')).toBe(false);
  });

  it('a checklist of an unknown template version is listed, not scored', () => {
    const checklist = {
      items: {},
      templateKey: 'prinsip-baru',
      templateVersion: 9,
    };
    const r = proposalReadiness(fullKipp(), kipp, [{ checklist, template: undefined }]);
    expect(r.score).toBe(100);
    expect(r.missing[0]).toMatchObject({
      kind: 'checklist-unknown',
      label: { id: 'Daftar periksa prinsip-baru v9: templat tidak dikenal' },
    });
  });

  it('reads the template it is given (the recorded version), not the latest', () => {
    const older: Pick<ProposalTemplate, 'sections' | 'requiredAttachments' | 'groupWeights'> = {
      sections: [kipp.sections[0]!],
      requiredAttachments: [],
      groupWeights: {},
    };
    const body = newDraftBody(kipp, null);
    body.sections.ringkasan = 'Ringkasan singkat inovasi';
    const r = proposalReadiness(body, older);
    expect(r.score).toBe(100);
    expect(r.missing).toEqual([]);
  });
});

describe('shownWeight (what the writer sees beside a section)', () => {
  const shown = (key: string) =>
    shownWeight(
      kipp,
      kipp.sections.find((s) => s.key === key)!,
    );
  it("shows the competition's own weights, a group's weight as shared, and the summary as not scored", () => {
    expect(shown('signifikansi')).toEqual({ kind: 'weight', weight: 30 });
    expect(shown('kebaruan')).toEqual({ kind: 'weight', weight: 15 });
    expect(shown('adaptabilitas-replikasi')).toEqual({ kind: 'shared', weight: 20 });
    expect(shown('ringkasan')).toEqual({ kind: 'unscored' });
  });
  it('shows nothing for a template without weights', () => {
    expect(profil.sections.map((s) => shownWeight(profil, s))).toEqual(profil.sections.map(() => null));
  });
  it('marks the sections the competition does not score in the readiness', () => {
    const r = proposalReadiness(fullKipp(), kipp);
    expect(r.sections.filter((s) => s.unscored).map((s) => s.key)).toEqual(['ringkasan']);
    expect(proposalReadiness(newDraftBody(profil, null), profil).sections.some((s) => s.unscored)).toBe(
      false,
    );
  });
});

describe('readinessVerdict', () => {
  const warning = {
    kind: 'too-recent' as const,
    breach: true,
    field: 'tanggal-mulai',
    group: { id: 'Umum', en: 'General' },
    minMonths: 24,
    monthsRun: 15,
  };
  it('is ready only with nothing missing and no eligibility warning', () => {
    expect(readinessVerdict({ score: 100, missing: [] }, { warnings: [] })).toBe('ready');
    expect(readinessVerdict({ score: 100, missing: [] }, null)).toBe('ready');
  });
  it('says complete but not eligible at 100 while a warning stands, attachments missing or not', () => {
    expect(readinessVerdict({ score: 100, missing: [] }, { warnings: [warning] })).toBe(
      'complete-not-eligible',
    );
    const attachment = {
      kind: 'attachment' as const,
      key: 'surat-implementasi',
      label: { id: 'x', en: 'x' },
    };
    expect(readinessVerdict({ score: 100, missing: [attachment] }, { warnings: [warning] })).toBe(
      'complete-not-eligible',
    );
  });
  it('is incomplete, not "not eligible", while the rule cannot be checked yet (no date, no group)', () => {
    const unchecked = { ...warning, kind: 'start-missing' as const, breach: false };
    expect(readinessVerdict({ score: 100, missing: [] }, { warnings: [unchecked] })).toBe('incomplete');
  });
  it('is incomplete below 100 or with something missing', () => {
    expect(readinessVerdict({ score: 99, missing: [] }, { warnings: [warning] })).toBe('incomplete');
    const attachment = {
      kind: 'attachment' as const,
      key: 'surat-implementasi',
      label: { id: 'x', en: 'x' },
    };
    expect(readinessVerdict({ score: 100, missing: [attachment] }, { warnings: [] })).toBe('incomplete');
  });
});
