/**
 * The phone's proposal templates, live: the tenant's synced template records as a `TemplateCatalog` (the shipped
 * JSON until the first sync has brought any), re-read when a pull brings a new version.
 */
import { TemplateCatalog } from '../../shared/domain/template-catalog';
import type { TemplateRecord } from '../../shared/records';
import type { RecordStore } from '../db/types';
import { Live } from '../state/live.svelte';

export class LiveTemplates {
  readonly #records: Live<TemplateRecord[]>;
  #catalog = $derived.by(() => new TemplateCatalog(this.#records.current ?? []));

  constructor(store: Pick<RecordStore, 'list'>) {
    this.#records = new Live(() => () => store.list('template'));
  }

  get catalog(): TemplateCatalog {
    return this.#catalog;
  }
}
