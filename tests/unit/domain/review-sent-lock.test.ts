/**
 * A sent draft is read-only until a coordinator reopens it, and which moves ask for a confirmation or for words:
 * the shared rule (`sentDraftLocks`, `needsConfirmation`, `needsRevisionNote`) and the access rule it feeds
 * (`pathRefusal` answers 'sent-draft'), as the server's push and the phone's draft screen ask them.
 */
import { describe, expect, it } from 'vitest';
import { PERSON_ROLES, REVIEW_STATUSES } from '../../../src/shared/records';
import {
  needsConfirmation,
  needsRevisionNote,
  sentDraftLocks,
  type ReviewRole,
} from '../../../src/shared/domain/review';
import { pathRefusal, principalOf, writeRefusalText } from '../../../src/shared/access';
import { DELETED_PATH } from '../../../src/shared/fieldPaths';
import { aDraftBody } from '../../factories';

const CONTENT_PATHS = [
  'title',
  'team',
  'stage',
  'unitId',
  'sections.ringkasan',
  'metadata.lokasi',
  DELETED_PATH,
];

describe('a sent draft is read-only', () => {
  it('locks every content path for every role while the stored status is "terkirim"', () => {
    for (const role of PERSON_ROLES)
      for (const path of CONTENT_PATHS) {
        expect(sentDraftLocks(role, 'terkirim', 'terkirim', path), `${role} ${path}`).toBe(true);
        // A change that names no status leaves the stored one: still locked.
        expect(sentDraftLocks(role, 'terkirim', undefined, path), `${role} ${path}`).toBe(true);
      }
  });

  it('locks nothing in any other status', () => {
    for (const status of REVIEW_STATUSES.filter((s) => s !== 'terkirim'))
      for (const path of CONTENT_PATHS) expect(sentDraftLocks('innovator', status, status, path)).toBe(false);
  });

  it('leaves the review move and its sent details writable (the rules of moves judge those)', () => {
    expect(sentDraftLocks('coordinator', 'terkirim', 'terkirim', 'sent')).toBe(false);
    expect(sentDraftLocks('innovator', 'terkirim', 'siap-kirim', 'reviewStatus')).toBe(false);
  });

  it('opens the content in the same change that a coordinator\'s reopen moves it out of "terkirim"', () => {
    expect(sentDraftLocks('coordinator', 'terkirim', 'siap-kirim', 'sections.ringkasan')).toBe(false);
    // Not a move anyone may make from "terkirim", or not theirs: still locked.
    expect(sentDraftLocks('coordinator', 'terkirim', 'draft', 'sections.ringkasan')).toBe(true);
    for (const role of ['innovator', 'facilitator', 'viewer'] as const)
      expect(sentDraftLocks(role, 'terkirim', 'siap-kirim', 'sections.ringkasan')).toBe(true);
    // The stored status decides, not one the phone claims: "siap-kirim" stored is not locked whatever comes.
    expect(sentDraftLocks('innovator', 'siap-kirim', 'terkirim', 'title')).toBe(false);
  });

  it('answers the access rule with "sent-draft", in Indonesian and English, for the creator and a coordinator too', () => {
    const UNIT = '0190a000-0000-7000-8000-000000000001';
    const innovator = principalOf({ id: 'inno', tenantId: 't', role: 'innovator', unitIds: [UNIT] });
    const coordinator = principalOf({ id: 'coord', tenantId: 't', role: 'coordinator', unitIds: [] });
    const facilitator = principalOf({ id: 'fac', tenantId: 't', role: 'facilitator', unitIds: [UNIT] });
    const sent = {
      ...aDraftBody({ unitId: UNIT }),
      reviewStatus: 'terkirim' as const,
      sent: { competition: 'KIPP 2026', date: '2026-11-20' },
    };
    const scope = { tenantId: 't', kind: 'draft' as const, unitIds: [UNIT], createdBy: 'inno' };
    const edit = { scope, before: sent, after: { ...sent, title: 'Baru' } };
    expect(pathRefusal(innovator, edit, 'title')).toBe('sent-draft');
    expect(pathRefusal(coordinator, edit, 'title')).toBe('sent-draft');
    expect(pathRefusal(facilitator, edit, 'title')).toBe('sent-draft');
    expect(pathRefusal(innovator, edit, DELETED_PATH)).toBe('sent-draft');
    const reopen = {
      scope,
      before: sent,
      after: { ...sent, reviewStatus: 'siap-kirim' as const, title: 'Baru' },
    };
    expect(pathRefusal(coordinator, reopen, 'title')).toBeNull();
    expect(pathRefusal(coordinator, reopen, 'reviewStatus')).toBeNull();
    // A new draft is never "sent before": a coordinator may create one already sent (a backup restore).
    expect(pathRefusal(coordinator, { scope, before: null, after: sent }, 'title')).toBeNull();
    expect(writeRefusalText('sent-draft')).toMatch(
      /^Proposal ini sudah terkirim ke kompetisi; .* \/ This proposal has been sent to a competition; .*$/,
    );
  });
});

describe('moves that ask first', () => {
  const confirmed = (role: ReviewRole) =>
    REVIEW_STATUSES.flatMap((from) =>
      REVIEW_STATUSES.filter((to) => to !== from && needsConfirmation(role, from, to)).map(
        (to) => `${from}>${to}`,
      ),
    );

  it('confirms an approval, a move to or from "terkirim" and what the role cannot take straight back', () => {
    // Only moves a role may make matter; the list is filtered by the rule below.
    const allowedConfirmed = (role: ReviewRole, moves: string[]) =>
      confirmed(role).filter((m) => moves.includes(m));
    expect(
      allowedConfirmed('facilitator', ['diajukan>revisi', 'diajukan>disetujui', 'disetujui>revisi']),
    ).toEqual(['diajukan>disetujui']);
    expect(allowedConfirmed('innovator', ['draft>diajukan', 'diajukan>draft', 'revisi>diajukan'])).toEqual([
      'revisi>diajukan',
    ]);
    expect(
      allowedConfirmed('coordinator', [
        'disetujui>siap-kirim',
        'siap-kirim>disetujui',
        'siap-kirim>terkirim',
        'terkirim>siap-kirim',
        'diajukan>disetujui',
      ]),
    ).toEqual(['diajukan>disetujui', 'siap-kirim>terkirim', 'terkirim>siap-kirim']);
  });

  it('asks for words on a revision request only, which is never a bare confirmation', () => {
    expect(REVIEW_STATUSES.filter(needsRevisionNote)).toEqual(['revisi']);
    for (const role of PERSON_ROLES)
      for (const from of REVIEW_STATUSES) expect(needsConfirmation(role, from, 'revisi')).toBe(false);
  });
});
