import { describe, expect, it } from 'vitest';
import { sectionStatus } from '../../../src/shared/domain/completeness';
import { checklistSummary } from '../../../src/shared/domain/checklist';
import { newChecklistBody, newDraftBody, newSessionBody } from '../../../src/shared/domain/factories';
import { latestChecklistTemplate, latestProposalTemplate } from '../../../src/shared/templates';
import { checklistBodySchema, draftBodySchema, sessionBodySchema } from '../../../src/shared/records';

const kipp = latestProposalTemplate('kipp-2023-umum')!;
const words = (n: number) => Array.from({ length: n }, () => 'kata').join(' ');

describe('sectionStatus', () => {
  it('reports over the limit without clipping', () => {
    expect(sectionStatus({ maxWords: 3, minWords: null }, 'satu dua tiga empat')).toEqual({
      words: 4,
      max: 3,
      min: null,
      over: true,
      under: false,
      filled: true,
    });
  });
  it('exactly at the limit is not over', () => {
    expect(sectionStatus({ maxWords: 3, minWords: null }, 'satu dua tiga').over).toBe(false);
  });
  it('under a minimum, also when empty', () => {
    expect(sectionStatus({ maxWords: null, minWords: 300 }, words(299))).toMatchObject({
      under: true,
      filled: true,
    });
    expect(sectionStatus({ maxWords: null, minWords: 300 }, '')).toMatchObject({
      under: true,
      filled: false,
    });
    expect(sectionStatus({ maxWords: null, minWords: 300 }, words(300)).under).toBe(false);
  });
});

describe('checklistSummary', () => {
  const tpl = latestChecklistTemplate('kriteria-inovasi-5')!;

  it('counts statuses, answered and score', () => {
    const body = newChecklistBody(tpl, '0190f5d2-7a3c-7c4e-8d3b-1f2a3b4c5d6e', null);
    expect(checklistSummary(body, tpl)).toMatchObject({ answered: 0, total: 5, unanswered: 5, score: null });
    body.items.kebaruan = { status: 'terpenuhi', evidence: 'SK Bupati' };
    body.items.efektif = { status: 'sebagian', evidence: '' };
    body.items.bermanfaat = { status: 'belum', evidence: ' ' };
    body.items['dapat-direplikasi'] = { status: 'tidak-relevan', evidence: '' };
    body.items.lama = { status: 'terpenuhi', evidence: 'tidak dihitung' };
    const s = checklistSummary(body, tpl);
    expect(s.counts).toEqual({ terpenuhi: 1, sebagian: 1, belum: 1, 'tidak-relevan': 1 });
    expect(s).toMatchObject({ answered: 4, unanswered: 1, total: 5, withEvidence: 1 });
    expect(s.score).toBeCloseTo(1.5 / 4);
  });

  it('score is null when nothing applies', () => {
    const body = newChecklistBody(tpl, '0190f5d2-7a3c-7c4e-8d3b-1f2a3b4c5d6e', null);
    for (const k of Object.keys(body.items)) body.items[k] = { status: 'tidak-relevan', evidence: '' };
    expect(checklistSummary(body, tpl).score).toBeNull();
  });
});

describe('factories produce valid bodies', () => {
  it('draft, checklist and session bodies pass their schemas', () => {
    const draft = newDraftBody(kipp, null);
    expect(draftBodySchema.parse(draft)).toEqual(draft);
    expect(Object.keys(draft.sections)).toHaveLength(9);
    expect(draft).toMatchObject({ templateKey: 'kipp-2023-umum', templateVersion: 1, stage: 'inisiatif' });
    const cl = newChecklistBody(
      latestChecklistTemplate('asas-uu-25-2009')!,
      '0190f5d2-7a3c-7c4e-8d3b-1f2a3b4c5d6e',
      null,
    );
    expect(checklistBodySchema.parse(cl)).toEqual(cl);
    expect(Object.keys(cl.items)).toHaveLength(12);
    const session = newSessionBody(new Date(2025, 7, 26, 9, 5));
    expect(session.startsAt).toBe('2025-08-26T09:05');
    expect(sessionBodySchema.parse(session)).toEqual(session);
  });
});
