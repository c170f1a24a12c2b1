/** English strings of `strings.ts`: in the lazily loaded English chunk (src/lib/i18n/english.ts). */
import type { id } from './strings';

export const en = {
  share: 'Share',
  copy: 'Copy message',
  shareLabel: 'Share: {what}',
  copyLabel: 'Copy message: {what}',
  copied: 'Copied. Paste it into WhatsApp or SMS.',
  failed: 'Could not copy automatically. Select and copy this message:',
  message: 'Message to share',
  draft: 'this proposal',
} satisfies Record<keyof typeof id, string>;
