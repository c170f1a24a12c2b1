/**
 * Body fields whose entries sync one by one (see records.ts). Apart from the schemas so that field paths and the
 * access rules, which the app's shell needs at once, do not pull zod into the first screen. Pure.
 */
import type { z } from 'zod';
import type { BODY_SCHEMAS, RecordKind } from './records';

export const MAP_FIELDS = {
  unit: [],
  person: [],
  session: ['participants', 'actions'],
  draft: ['sections', 'metadata'],
  checklist: ['items'],
  conflict: [],
  comment: ['resolutions'],
  submission: [],
  attachment: [],
  template: [],
  programme: [],
} as const satisfies { [K in RecordKind]: readonly (keyof z.infer<(typeof BODY_SCHEMAS)[K]>)[] };
