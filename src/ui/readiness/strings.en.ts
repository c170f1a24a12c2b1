/** English strings of `strings.ts`: in the lazily loaded English chunk (src/lib/i18n/english.ts). */
import type { id } from './strings';

export const en = {
  title: 'Proposal readiness',
  score: 'Readiness score: {score} of 100',
  scoreShort: 'Readiness {score}/100',
  sections: '{done} of {total} sections complete',
  missingTitle: 'Still missing',
  nothingMissing: 'Nothing is missing. The proposal is ready to submit.',
  attachmentsNote:
    'Attach the required files below, under "Required attachments". Attachments do not affect the score.',
  howScored:
    'The score comes from the proposal sections by their scoring weights; checklists count for {share}% when there are any.',
  howTitle: 'How is the score worked out?',
  howSections:
    'A complete section earns its whole weight, one over the word limit half, one under its minimum in proportion to its words, an empty one nothing. Score = weight earned ÷ all weights ({total}) × 100.',
  howChecklists: 'Checklists: {checklists} of 100, counting for {share}% of the score.',
  howUnscored: '{section} is not scored by the jury but must be written: it weighs {weight} in this score.',
  colSection: 'Section',
  colWeight: 'Weight',
  colEarned: 'Earned',
  completeNotEligible:
    'The text is complete, but the proposal does not meet its group requirement yet (see the warning above), so it is not ready to submit.',
  eligibilityLabel: 'Group requirement',
  tooRecent: '{group} group: the innovation must have run for at least {min}; it has run for {run}.',
  startAfter:
    '{group} group: the implementation start date falls after {date}; the innovation must have run for at least {min}.',
  startMissing: '{group} group: fill in the implementation start date to check the minimum of {min} running.',
  groupMissing: 'No group chosen: the minimum time in implementation cannot be checked yet.',
  countedToDeadline: 'Counted to the submission deadline, {date}.',
  today: 'today',
  year: '{n} year',
  years: '{n} years',
  month: '{n} month',
  months: '{n} months',
  underAMonth: 'less than a month',
  decimalMark: '.',
} satisfies Record<keyof typeof id, string>;
