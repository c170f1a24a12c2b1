/** English strings of `programme-strings.ts`: in the lazily loaded English chunk (src/lib/i18n/english.ts). */
import type { id } from './programme-strings';

export const en = {
  title: 'Review flow',
  intro:
    'Extra steps between "Approved" and "Ready to send" for every proposal in this regency (programme {year}). They apply on every device after a sync.',
  headApproval: 'Approval by the head of the OPD',
  headApprovalHint: 'The innovator or a local admin records that the head of the OPD approved the proposal.',
  internalReview: 'Internal review',
  internalReviewHint:
    "A local admin opens and closes the regency's internal review before a proposal is ready to send.",
  notSynced: 'The programme settings are not on this device yet; sync first.',
  saved: 'Saved on this device; sent when online.',
  failed: 'Not saved: {error}',
} satisfies Record<keyof typeof id, string>;
