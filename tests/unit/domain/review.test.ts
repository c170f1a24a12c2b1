import { describe, expect, it } from 'vitest';
import { PERSON_ROLES, REVIEW_STATUSES } from '../../../src/shared/records';
import {
  allowedTransitions,
  canReach,
  canSubmit,
  canTransition,
  isOptionalReviewStatus,
  staleMoveRefusal,
  transitionRefusal,
  type ReviewRole,
  type ReviewStatus,
} from '../../../src/shared/domain/review';

/**
 * The rule written out again by hand, move by move: every (role, from, to) not listed here must be refused.
 * Keep it in step with docs/review.md. This is the flow of a tenant with no optional state switched on; the
 * optional states (and a draft left in one after it is switched off) are review-flow.test.ts's.
 */
const BASE_STATUSES = REVIEW_STATUSES.filter((s) => !isOptionalReviewStatus(s));
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
    for (const from of BASE_STATUSES) {
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

  it('says what happened since a person opened the draft, telling a resubmission from the submission they saw', () => {
    const [id, en] = staleMoveRefusal('diajukan', ['draft', 'diajukan'], 'diajukan').split(' / ');
    expect(id).toBe(
      'Proposal ini sudah berubah sejak Anda membukanya: ditarik kembali, lalu diajukan lagi. Status sekarang "Diajukan". Buang perubahan ini untuk memuat versi terbaru, lalu tinjau lagi.',
    );
    expect(en).toBe(
      'This proposal changed after you opened it: withdrawn, then submitted again. It is now "Submitted". Discard this change to load the latest version, then review it again.',
    );
    // Exactly one " / ": the phone splits the sentence into its two languages there.
    expect(staleMoveRefusal('revisi', ['diajukan'], 'diajukan').split(' / ')).toHaveLength(2);
    // A first submission is not "again"; a phone that never had the server's status names every move plainly.
    expect(staleMoveRefusal('draft', ['diajukan'], 'diajukan')).toContain('membukanya: diajukan. Status');
    expect(staleMoveRefusal(null, ['diajukan', 'revisi'], 'revisi')).toContain(
      'submitted, then sent back for revision. It is now "Revision asked".',
    );
  });

  it('names only the last four moves of a long history', () => {
    const since: ReviewStatus[] = ['draft', 'diajukan', 'revisi', 'diajukan', 'disetujui', 'siap-kirim'];
    const message = staleMoveRefusal('diajukan', since, 'siap-kirim');
    expect(message).toContain(
      'membukanya: …, lalu diminta revisi, lalu diajukan lagi, lalu disetujui, lalu ditandai siap kirim. Status sekarang "Siap kirim".',
    );
    expect(message).toContain('after you opened it: …, then sent back for revision, then submitted again');
  });
});
