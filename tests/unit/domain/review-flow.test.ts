/**
 * The regency's review flow with its optional states (approval by the head of the OPD, internal review) switched
 * on per tenant: which moves exist then, and that a draft left in a state switched off afterwards can still leave
 * it. The flow with both off is review.test.ts's (unchanged).
 */
import { describe, expect, it } from 'vitest';
import { PERSON_ROLES, REVIEW_STATUSES, type ReviewFlow } from '../../../src/shared/records';
import {
  REVIEW_FLOW_OFF,
  allowedTransitions,
  canReach,
  canTransition,
  flowStatuses,
  needsConfirmation,
  skippedSteps,
  skippedStepsRefusal,
  type ReviewRole,
} from '../../../src/shared/domain/review';

const BOTH: ReviewFlow = { headApproval: true, internalReview: true };
const HEAD_ONLY: ReviewFlow = { headApproval: true, internalReview: false };
const INTERNAL_ONLY: ReviewFlow = { headApproval: false, internalReview: true };

/** Every move with both optional states on, written out by hand (docs/review.md). */
const EXPECTED_BOTH: Record<ReviewRole, string[]> = {
  innovator: ['draft>diajukan', 'diajukan>draft', 'revisi>diajukan', 'disetujui>disetujui-kepala'],
  facilitator: [
    'diajukan>revisi',
    'diajukan>disetujui',
    'disetujui>revisi',
    'disetujui-kepala>revisi',
    'review-internal>revisi',
  ],
  coordinator: [
    'draft>diajukan',
    'diajukan>draft',
    'diajukan>revisi',
    'diajukan>disetujui',
    'revisi>diajukan',
    'disetujui>revisi',
    'disetujui>disetujui-kepala',
    'disetujui-kepala>revisi',
    'disetujui-kepala>disetujui',
    'disetujui-kepala>review-internal',
    'review-internal>revisi',
    'review-internal>disetujui-kepala',
    'review-internal>siap-kirim',
    'siap-kirim>revisi',
    'siap-kirim>review-internal',
    'siap-kirim>terkirim',
    'terkirim>siap-kirim',
  ],
  viewer: [],
};

describe('review flow with both optional states on', () => {
  for (const role of PERSON_ROLES)
    it(`${role}: exactly the listed moves`, () => {
      const moves = REVIEW_STATUSES.flatMap((from) =>
        REVIEW_STATUSES.filter((to) => to !== from && canTransition(role, from, to, BOTH)).map(
          (to) => `${from}>${to}`,
        ),
      );
      expect(moves.sort()).toEqual([...EXPECTED_BOTH[role]].sort());
    });

  it('passes every step: no approved draft skips the head of the OPD or the internal review', () => {
    expect(canTransition('coordinator', 'disetujui', 'siap-kirim', BOTH)).toBe(false);
    // Not in one change of several moves either: each optional state is a step of its own.
    expect(canReach('coordinator', 'disetujui', 'siap-kirim', BOTH)).toBe(false);
    expect(canReach('coordinator', 'diajukan', 'siap-kirim', BOTH)).toBe(false);
    expect(canReach('coordinator', 'diajukan', 'review-internal', BOTH)).toBe(false);
    expect(canReach('coordinator', 'disetujui-kepala', 'siap-kirim', BOTH)).toBe(false);
    expect(canTransition('coordinator', 'disetujui-kepala', 'siap-kirim', BOTH)).toBe(false);
    expect(canReach('innovator', 'disetujui', 'review-internal', BOTH)).toBe(false);
    expect(canReach('facilitator', 'disetujui', 'disetujui-kepala', BOTH)).toBe(false);
  });

  it('lets one change end in an optional state or leave one, never pass over one', () => {
    // Ending in the step (the coordinator approves and records the head's approval offline) or leaving it.
    expect(canReach('coordinator', 'diajukan', 'disetujui-kepala', BOTH)).toBe(true);
    expect(canReach('coordinator', 'review-internal', 'siap-kirim', BOTH)).toBe(true);
    expect(canReach('coordinator', 'review-internal', 'diajukan', BOTH)).toBe(true);
    expect(canReach('coordinator', 'siap-kirim', 'review-internal', BOTH)).toBe(true);
    // Moves that pass no optional state keep their several steps (resubmit, then withdraw).
    expect(canReach('innovator', 'revisi', 'draft', BOTH)).toBe(true);
    expect(canReach('coordinator', 'draft', 'disetujui', BOTH)).toBe(true);
  });

  it('names the steps a change would pass over, and nothing for a move refused for its role', () => {
    expect(skippedSteps('coordinator', 'diajukan', 'siap-kirim', BOTH)).toEqual([
      'disetujui-kepala',
      'review-internal',
    ]);
    expect(skippedSteps('coordinator', 'disetujui', 'siap-kirim', HEAD_ONLY)).toEqual(['disetujui-kepala']);
    expect(skippedSteps('coordinator', 'disetujui', 'review-internal', BOTH)).toEqual(['disetujui-kepala']);
    expect(skippedSteps('innovator', 'disetujui', 'siap-kirim', BOTH)).toEqual([]);
    expect(skippedSteps('coordinator', 'disetujui-kepala', 'review-internal', BOTH)).toEqual([]);
    expect(skippedSteps('coordinator', 'diajukan', 'siap-kirim', REVIEW_FLOW_OFF)).toEqual([]);
    expect(skippedStepsRefusal('diajukan', 'siap-kirim', ['disetujui-kepala', 'review-internal'])).toBe(
      'Status tidak boleh langsung diubah dari "Diajukan" ke "Siap kirim": proposal harus melewati ' +
        '"Disetujui kepala OPD" dan "Tinjauan internal" lebih dulu, satu per satu. / The status may not jump ' +
        'from "Submitted" to "Ready to send": the proposal must pass "Approved by the head of the OPD" and ' +
        '"Internal review" first, one step at a time.',
    );
  });

  it('asks to confirm the steps the role cannot take back', () => {
    expect(needsConfirmation('innovator', 'disetujui', 'disetujui-kepala', BOTH)).toBe(true);
    // The coordinator may step back from the head's approval, so marking it needs no confirmation.
    expect(needsConfirmation('coordinator', 'disetujui', 'disetujui-kepala', BOTH)).toBe(false);
  });
});

describe('review flow with one optional state on', () => {
  it('head approval only: approved, then the head of the OPD, then ready to send', () => {
    expect(allowedTransitions('coordinator', 'disetujui', HEAD_ONLY)).toEqual(['revisi', 'disetujui-kepala']);
    expect(allowedTransitions('coordinator', 'disetujui-kepala', HEAD_ONLY)).toEqual([
      'revisi',
      'disetujui',
      'siap-kirim',
    ]);
    expect(allowedTransitions('coordinator', 'siap-kirim', HEAD_ONLY)).toEqual([
      'revisi',
      'disetujui-kepala',
      'terkirim',
    ]);
    expect(allowedTransitions('innovator', 'disetujui', HEAD_ONLY)).toEqual(['disetujui-kepala']);
  });

  it('internal review only: approved, then the internal review, then ready to send', () => {
    expect(allowedTransitions('coordinator', 'disetujui', INTERNAL_ONLY)).toEqual([
      'revisi',
      'review-internal',
    ]);
    expect(allowedTransitions('coordinator', 'review-internal', INTERNAL_ONLY)).toEqual([
      'revisi',
      'disetujui',
      'siap-kirim',
    ]);
    expect(allowedTransitions('innovator', 'disetujui', INTERNAL_ONLY)).toEqual([]);
    expect(allowedTransitions('facilitator', 'review-internal', INTERNAL_ONLY)).toEqual(['revisi']);
  });
});

describe('flowStatuses', () => {
  it('lists the statuses of the flow, and a switched-off one only while drafts are in it', () => {
    const loop = ['draft', 'diajukan', 'revisi', 'disetujui', 'siap-kirim', 'terkirim'];
    expect(flowStatuses(REVIEW_FLOW_OFF)).toEqual(loop);
    expect(flowStatuses(BOTH)).toEqual(REVIEW_STATUSES);
    expect(flowStatuses(HEAD_ONLY)).toEqual([...loop.slice(0, 4), 'disetujui-kepala', ...loop.slice(4)]);
    expect(flowStatuses(INTERNAL_ONLY)).toEqual([...loop.slice(0, 4), 'review-internal', ...loop.slice(4)]);
    expect(flowStatuses(REVIEW_FLOW_OFF, (s) => s === 'review-internal')).toEqual(
      flowStatuses(INTERNAL_ONLY),
    );
  });
});

describe('review flow with the optional states off', () => {
  it('is the flow of a tenant that never had them', () => {
    for (const role of PERSON_ROLES)
      for (const from of ['draft', 'diajukan', 'revisi', 'disetujui', 'siap-kirim', 'terkirim'] as const)
        expect(allowedTransitions(role, from, REVIEW_FLOW_OFF)).toEqual(allowedTransitions(role, from));
    expect(allowedTransitions('coordinator', 'disetujui')).toEqual(['revisi', 'siap-kirim']);
  });

  it('enters no optional state', () => {
    for (const role of PERSON_ROLES)
      for (const from of REVIEW_STATUSES) {
        if (from === 'disetujui-kepala' || from === 'review-internal') continue;
        expect(canReach(role, from, 'disetujui-kepala')).toBe(false);
        expect(canReach(role, from, 'review-internal')).toBe(false);
      }
  });

  it('lets a draft left in a state switched off afterwards leave it, never return', () => {
    expect(allowedTransitions('coordinator', 'review-internal')).toEqual([
      'revisi',
      'disetujui',
      'siap-kirim',
    ]);
    expect(allowedTransitions('facilitator', 'disetujui-kepala')).toEqual(['revisi']);
    expect(canReach('coordinator', 'disetujui-kepala', 'terkirim')).toBe(true);
    expect(canReach('coordinator', 'review-internal', 'review-internal')).toBe(true);
    expect(allowedTransitions('coordinator', 'siap-kirim')).toEqual(['revisi', 'disetujui', 'terkirim']);
  });
});
