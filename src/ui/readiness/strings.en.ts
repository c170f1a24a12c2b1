/** English strings of `strings.ts`: in the lazily loaded English chunk (src/lib/i18n/english.ts). */
import type { id } from './strings';

export const en = {
  title: 'Proposal readiness',
  score: 'Readiness score: {score} of 100',
  sections: '{done} of {total} sections complete',
  missingTitle: 'Still missing',
  nothingMissing: 'Nothing is missing. The proposal is ready to submit.',
  attachmentsNote:
    'Attach the required files below, under "Required attachments". Attachments do not affect the score.',
  howScored:
    'The score comes from the proposal sections by their scoring weights; checklists count for {share}% when there are any.',
} satisfies Record<keyof typeof id, string>;
