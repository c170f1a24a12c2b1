/**
 * Every lazily loaded English table, by namespace: one chunk, fetched when English is chosen (src/lib/i18n/
 * index.svelte.ts says why) and kept by the service worker once fetched. A strings file names its namespace in
 * `defineStrings({ id, en: '<namespace>' })`; tests/unit/i18n/tables.test.ts checks both sides have the same keys.
 */
import { en as main } from './en';
import { en as account } from '../account/strings.en';
import { en as sync } from '../sync/strings.en';
import { en as pwa } from '../pwa/strings.en';
import { en as attachments } from '../../ui/attachments/strings.en';
import { en as people } from '../../ui/people/strings.en';
import { en as review } from '../../ui/review/strings.en';
import { en as comments } from '../../ui/comments/strings.en';
import { en as home } from '../../ui/home/strings.en';
import { en as shell } from '../../ui/shell/strings.en';
import { en as followups } from '../../ui/followups/strings.en';
import { en as readiness } from '../../ui/readiness/strings.en';
import { en as templates } from '../../ui/templates/strings.en';
import { en as share } from '../share/strings.en';
import { en as programme } from '../../ui/settings/programme-strings.en';
import { en as outputs } from '../export/strings.en';

export const ENGLISH = {
  main,
  account,
  sync,
  pwa,
  attachments,
  people,
  review,
  comments,
  home,
  shell,
  followups,
  readiness,
  templates,
  share,
  programme,
  outputs,
};

export type EnglishNamespace = keyof typeof ENGLISH;
