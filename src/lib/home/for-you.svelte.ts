/**
 * "Untuk Anda" as runes: the records a role's rules read (live queries on the person's own database, so the
 * counts follow every edit and every sync, offline too), the conflicts and refused changes as the sync status
 * lists them, and the counted items (`forYouItems`, src/shared/domain/for-you.ts). Each item and each record in
 * it has a link to the place where it is acted on.
 */
import { currentProgrammeYear } from '../../shared/domain/coverage';
import { activeProgramme, reviewFlowOf } from '../../shared/domain/programme';
import {
  forYouDay,
  forYouItems,
  forYouNeeds,
  type ForYouDay,
  type ForYouItem,
  type ForYouKey,
  type ForYouTarget,
  type ForYouViewer,
} from '../../shared/domain/for-you';
import type {
  Comment,
  Conflict,
  Draft,
  ProgrammeRecord,
  Session,
  Submission,
  TemplateRecord,
  Unit,
} from '../../shared/records';
import type { OutboxEntry, RecordStore } from '../db/types';
import { paths } from '../router/routes';
import type { DraftTab } from '../drafts/draft-tabs';
import { Live } from '../state/live.svelte';
import { locateRecords, type Located } from './locate';
import { directPlace, hrefOf } from './places';

/** The sync status's lists (`syncStatus` has them). */
export interface SyncLists {
  readonly conflicts: readonly Conflict[];
  readonly rejected: readonly OutboxEntry[];
}

export interface ForYouSource {
  store: RecordStore;
  viewer: ForYouViewer;
}

/** Where an item with several records opens: the list where they all are. */
const LIST_PATHS: Partial<Record<ForYouKey, string>> = {
  revisions: paths.drafts(),
  comments: paths.drafts(),
  'to-review': paths.drafts(),
  'head-approval': paths.drafts(),
  'internal-review': paths.drafts(),
  'ready-to-send': paths.drafts(),
  sent: paths.drafts(),
  'my-followups': paths.followups(),
  followups: paths.followups(),
  'sessions-today': paths.sessions(),
  'sessions-week': paths.sessions(),
  'units-without': paths.coverage(),
};

/** Items acted on with the review buttons (the draft's review tab). */
const REVIEW_ITEMS: ReadonlySet<ForYouKey> = new Set<ForYouKey>([
  'to-review',
  'head-approval',
  'internal-review',
  'ready-to-send',
  'sent',
]);
const REVIEW_TAB: DraftTab = 'tinjauan';

interface Records {
  drafts: Draft[];
  sessions: Session[];
  units: Unit[];
  /** The tenant's programme records (its review flow: which optional steps wait for someone). */
  programmes: ProgrammeRecord[];
}

/** What the coverage rule reads besides drafts and units (`units-without`, `sent`). */
interface CoverageExtras {
  templates: TemplateRecord[];
  submissions: Submission[];
}

const NO_EXTRAS: CoverageExtras = { templates: [], submissions: [] };

export class ForYou {
  readonly #source: () => ForYouSource | null;
  readonly #sync: SyncLists;
  /** Today, its calendar year as the programme year until the templates are read. */
  readonly #day: ForYouDay;
  readonly #records: Live<Records>;
  readonly #extras: Live<CoverageExtras>;
  readonly #comments: Live<Comment[]>;
  readonly #located: Live<Map<string, Located>>;

  readonly #items = $derived.by((): ForYouItem[] | undefined => {
    const source = this.#source();
    const records = this.#records.current;
    if (!source || !records) return undefined;
    const extras = forYouNeeds(source.viewer.role).units ? this.#extras.current : NO_EXTRAS;
    if (!extras) return undefined;
    const comments = this.#needsComments(source) ? this.#comments.current : [];
    if (!comments) return undefined;
    const { programmes, ...rest } = records;
    return forYouItems(
      source.viewer,
      {
        ...rest,
        reviewFlow: reviewFlowOf(activeProgramme(programmes)),
        ...extras,
        comments,
        conflicts: this.#sync.conflicts,
        refused: this.#sync.rejected.map((e) => ({ recordId: e.recordId, kind: e.kind })),
      },
      { today: this.#day.today, year: this.year },
    );
  });

  /**
   * `source` is read inside effects (the current store and who is signed in); `sync` gives the conflicts and
   * refused changes; `now` fixes "today" (tests).
   */
  constructor(source: () => ForYouSource | null, sync: SyncLists, now: number = Date.now()) {
    this.#source = source;
    this.#sync = sync;
    this.#day = forYouDay(now);

    this.#records = new Live(() => {
      const src = this.#source();
      if (!src) return null;
      const { store } = src;
      const needs = forYouNeeds(src.viewer.role);
      return async () => {
        // All reads start at once, inside the live query's zone; then they are awaited.
        const drafts = store.list('draft');
        const sessions = needs.sessions ? store.list('session') : null;
        const units = needs.units ? store.list('unit') : null;
        const programmes = needs.programme ? store.list('programme') : null;
        return {
          drafts: await drafts,
          sessions: sessions ? await sessions : [],
          units: units ? await units : [],
          programmes: programmes ? await programmes : [],
        };
      };
    });

    // A query of its own: every submission is a snapshot of a draft's sections, so they are read once and again
    // only when one is added, not on every change of a draft.
    this.#extras = new Live(() => {
      const src = this.#source();
      if (!src || !forYouNeeds(src.viewer.role).units) return null;
      const { store } = src;
      return async () => {
        const templates = store.list('template');
        const submissions = store.list('submission');
        return { templates: await templates, submissions: await submissions };
      };
    });

    this.#comments = new Live(() => {
      const src = this.#source();
      const drafts = this.#records.current?.drafts;
      if (!src || !drafts || !this.#needsComments(src)) return null;
      const recordIds = drafts.map((d) => d.id);
      return async () => (recordIds.length > 0 ? src.store.list('comment', { recordIds }) : []);
    });

    // Conflicts and refused changes name records the rules have not read: their names and places.
    this.#located = new Live(() => {
      const src = this.#source();
      if (!src) return null;
      const refs = [
        ...this.#sync.conflicts.map((c) => ({ kind: c.recordKind, id: c.recordId })),
        ...this.#sync.rejected.map((e) => ({ kind: e.kind, id: e.recordId })),
      ];
      return () => locateRecords(src.store, refs);
    });
  }

  /** The items, in the role's order; undefined until the records are read. */
  get items(): ForYouItem[] | undefined {
    return this.#items;
  }

  get loaded(): boolean {
    return this.#items !== undefined;
  }

  /** The programme year counted: the phone's local year, or a newer active template's (`currentProgrammeYear`). */
  get year(): number {
    return currentProgrammeYear(this.#extras.current?.templates ?? [], this.#day.year);
  }

  /** Where the item opens: its one record's place, or the list of them all. */
  hrefOf(item: ForYouItem): string | null {
    const list = LIST_PATHS[item.key];
    if (item.key === 'units-without') return list ?? null;
    const [first] = item.targets;
    if (item.targets.length === 1 && first) return this.targetHref(first, item.key) ?? list ?? null;
    return list ?? (first ? this.targetHref(first, item.key) : null);
  }

  /**
   * Where one record of an item is acted on (null: not known on this phone yet). A review item opens the draft's
   * review tab, where its buttons are; every other item opens the draft's writing.
   */
  targetHref(target: ForYouTarget, key?: ForYouKey): string | null {
    const place = directPlace(target.kind, target.id) ?? this.#located.current?.get(target.id)?.place;
    if (!place) return null;
    const href = hrefOf(place);
    return place.screen === 'draft' && key && REVIEW_ITEMS.has(key) ? `${href}#${REVIEW_TAB}` : href;
  }

  /** The record's name ('' when it has none: the screen names it by its kind). */
  targetLabel(target: ForYouTarget): string {
    return target.label || this.#located.current?.get(target.id)?.label || '';
  }

  #needsComments(source: ForYouSource): boolean {
    return source.viewer.role === 'innovator';
  }
}
