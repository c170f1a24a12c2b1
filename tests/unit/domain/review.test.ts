import { describe, expect, it } from 'vitest';
import { PERSON_ROLES, REVIEW_STATUSES } from '../../../src/shared/records';
import {
  allowedTransitions,
  canReach,
  canSubmit,
  canTransition,
  transitionRefusal,
  type ReviewRole,
  type ReviewStatus,
} from '../../../src/shared/domain/review';

/**
 * The rule written out again by hand, move by move: every (role, from, to) not listed here must be refused.
 * Keep it in step with docs/review.md.
 */
const EXPECTED: Record<ReviewRole, string[]> = {
  innovator: ['draft>diajukan', 'diajukan>draft', 'revisi>diajukan'],
  facilitator: ['diajukan>revisi', 'diajukan>disetujui', 'disetujui>revisi'],
  coordinator: [
    'draft>diajukan',
    'diajukan>draft',
    'diajukan>revisi',
    'diajukan>disetujui',
    'revisi>diajukan',
    'disetujui>revisi',
    'disetujui>siap-kirim',
    'siap-kirim>revisi',
    'siap-kirim>disetujui',
    'siap-kirim>terkirim',
    'terkirim>siap-kirim',
  ],
  viewer: [],
};

describe('review rule', () => {
  for (const role of PERSON_ROLES) {
    for (const from of REVIEW_STATUSES) {
      for (const to of REVIEW_STATUSES) {
        if (from === to) continue;
        const allowed = EXPECTED[role].includes(`${from}>${to}`);
        it(`${role}: ${from} -> ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
          expect(canTransition(role, from, to)).toBe(allowed);
          expect(allowedTransitions(role, from).includes(to)).toBe(allowed);
        });
      }
    }
  }

  it('never offers staying put as a move', () => {
    for (const role of PERSON_ROLES)
      for (const s of REVIEW_STATUSES) expect(allowedTransitions(role, s)).not.toContain(s);
  });

  it('lists the moves in the order of the statuses', () => {
    expect(allowedTransitions('coordinator', 'siap-kirim')).toEqual(['revisi', 'disetujui', 'terkirim']);
    expect(allowedTransitions('facilitator', 'diajukan')).toEqual(['revisi', 'disetujui']);
  });

  it("reaches a status through several of the same role's own moves, never through another role's", () => {
    expect(canReach('innovator', 'revisi', 'draft')).toBe(true); // resubmit, then withdraw
    expect(canReach('innovator', 'draft', 'disetujui')).toBe(false);
    expect(canReach('facilitator', 'draft', 'revisi')).toBe(false);
    expect(canReach('facilitator', 'disetujui', 'siap-kirim')).toBe(false);
    expect(canReach('coordinator', 'draft', 'terkirim')).toBe(true);
    for (const s of REVIEW_STATUSES) {
      expect(canReach('viewer', s, s)).toBe(true);
      for (const t of REVIEW_STATUSES) if (t !== s) expect(canReach('viewer', s, t)).toBe(false);
    }
  });

  it('reaches every direct move', () => {
    for (const role of PERSON_ROLES)
      for (const from of REVIEW_STATUSES)
        for (const to of allowedTransitions(role, from)) expect(canReach(role, from, to)).toBe(true);
  });

  it('says who may submit', () => {
    expect(PERSON_ROLES.filter(canSubmit)).toEqual(['innovator', 'coordinator']);
  });

  it('explains a refusal in Indonesian and English', () => {
    const from: ReviewStatus = 'diajukan';
    expect(transitionRefusal('innovator', from, 'disetujui')).toBe(
      'Status tidak boleh diubah dari "Diajukan" ke "Disetujui" oleh inovator. / ' +
        'An innovator may not move the status from "Submitted" to "Approved".',
    );
    expect(transitionRefusal('facilitator', 'disetujui', 'siap-kirim')).toContain('A facilitator may not');
  });
});
