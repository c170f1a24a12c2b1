/** English strings of `strings.ts`: in the lazily loaded English chunk (src/lib/i18n/english.ts). */
import type { Translation } from '../../shared/format';
import type { id } from './strings';

export const en = {
  newer: 'A newer template is active: {title} (year {year}).',
  move: 'Move to the new template',
  mapTitle: 'Where each section goes',
  mapHint:
    'Sections with the same key go to the same section. No text is lost: a section you do not map is kept as an extra section.',
  mapLabel: 'Text of the section {section}',
  keepExtra: 'Keep as an extra section',
  confirm: 'Move now',
  cancel: 'Cancel',
  moved: 'The proposal now uses {title}.',
  failed: 'Could not move: {error}',
  extrasTitle: 'Extra sections',
  extrasHint:
    'Text from the earlier template that has no place in this one. Copy it to the right section if needed.',
} satisfies Translation<typeof id>;
