/**
 * The header's sync state in one icon and one word, from the same headline the details say in full (headline.ts):
 * the word never claims more than the sentence ("Tersinkron" only when the headline is "synced"). The button's
 * accessible name is the full sentence, and it contains the word people see (WCAG 2.5.3, label in name). Pure.
 */
import type { SyncHeadline } from '../../lib/sync/headline';
import type { SyncKey } from '../../lib/sync/strings';
import type { IconName } from '../shell/icons';

/** How the chip is coloured: settled, working, no network or paused, waiting to send, needing the person. */
export type ChipTone = 'ok' | 'busy' | 'quiet' | 'waiting' | 'problem';

export interface SyncChip {
  icon: IconName;
  word: SyncKey;
  /** The number beside the word (changes waiting or refused); null when there is none to show. */
  count: number | null;
  tone: ChipTone;
}

const counted = (n: number): number | null => (n > 0 ? n : null);

export function syncChip(h: SyncHeadline): SyncChip {
  switch (h.state) {
    case 'synced':
      return { icon: 'synced', word: 'chip.synced', count: null, tone: 'ok' };
    case 'syncing':
      return { icon: 'syncing', word: 'chip.syncing', count: null, tone: 'busy' };
    case 'offline':
      return { icon: 'offline', word: 'chip.offline', count: counted(h.waiting), tone: 'quiet' };
    case 'waiting':
      return { icon: 'waiting', word: 'chip.waiting', count: counted(h.waiting), tone: 'waiting' };
    case 'unconfirmed':
      return { icon: 'waiting', word: 'chip.unconfirmed', count: null, tone: 'quiet' };
    case 'signed-out':
      return { icon: 'paused', word: 'chip.paused', count: null, tone: 'waiting' };
    case 'error':
      return { icon: 'problem', word: 'chip.error', count: counted(h.waiting), tone: 'problem' };
    case 'rejected':
      return { icon: 'problem', word: 'chip.rejected', count: counted(h.count), tone: 'problem' };
  }
}

/** The button's name: the full sentence, led by the word when the sentence does not already hold it. */
export function chipName(word: string, sentence: string): string {
  return sentence.toLocaleLowerCase().includes(word.toLocaleLowerCase()) ? sentence : `${word} — ${sentence}`;
}
