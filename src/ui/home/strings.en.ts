/** English strings of `strings.ts`: in the lazily loaded English chunk (src/lib/i18n/english.ts). */
import type { Translation } from '../../shared/format';
import type { id } from './strings';

export const en = {
  listLabel: 'Waiting for you',
  'item.revisions': 'Revision asked',
  'item.comments': 'Open comments',
  'item.my-followups': 'Your follow-ups due',
  'item.to-review': 'Waiting for your review',
  'item.head-approval': "Waiting for the head of the OPD's approval",
  'item.internal-review': 'Waiting for the internal review',
  'item.followups': 'Follow-ups due',
  'item.sessions-today': 'Sessions today',
  'item.sessions-week': 'Sessions this week',
  'item.units-without': 'Units without an innovation in {year}',
  'item.ready-to-send': 'Proposals ready to send',
  'item.sent': 'Proposals sent in {year}',
  'item.conflicts': 'Conflicts waiting for your choice',
  'item.refused': 'Changes the server refused',
  more: 'See all ({count})',
  commentsOn: { one: '{count} comment', other: '{count} comments' },
  due: 'due {date}',
  newDraft: 'New proposal',
  coverage: 'See innovation coverage',
  nothing: 'Nothing is waiting for you right now.',
  'next.innovator': 'Carry on with your proposal, or start a new one.',
  'next.facilitator': 'Record your next coaching visit with “New session”.',
  'next.coordinator': 'Innovation coverage shows every unit this year.',
  'next.viewer': 'Innovation coverage shows every unit this year.',
} satisfies Translation<typeof id>;
