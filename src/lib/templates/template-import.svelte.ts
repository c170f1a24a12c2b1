/**
 * The template import screen's state (issue #15): a JSON file is read and checked on the phone with the shared
 * schema, previewed with what changed from the version it replaces, uploaded as a draft version, then activated.
 * Uploading and activating need the server; after each, a sync brings the records to the phone.
 */
import {
  checkTemplateFile,
  TEMPLATE_FILE_MAX_BYTES,
  type TemplateFileProblem,
} from '../../shared/domain/template-file';
import type { CatalogEntry, TemplateCatalog } from '../../shared/domain/template-catalog';
import { predecessorOf, templateChanges, type TemplateChange } from '../../shared/domain/template-changes';
import type { TemplateRecord } from '../../shared/records';
import type { ProposalTemplate } from '../../shared/templates';
import { activateTemplateResponseSchema, importTemplateResponseSchema } from '../../shared/templateApi';
import { ApiError } from '../account/api';
import type { AccountSession } from '../account/session.svelte';

export type TemplateImportStep = 'choose' | 'preview' | 'uploading' | 'uploaded' | 'activating' | 'active';

export type TemplateImportFailure =
  { kind: 'offline' } | { kind: 'server'; message: { id: string; en: string } };

export class TemplateImportFlow {
  #step = $state<TemplateImportStep>('choose');
  #problems = $state.raw<TemplateFileProblem[]>([]);
  #template = $state.raw<ProposalTemplate | null>(null);
  #json: Record<string, unknown> | null = null;
  #failure = $state.raw<TemplateImportFailure | null>(null);
  #uploaded = $state.raw<TemplateRecord | null>(null);
  year = $state<number | null>(null);
  /** The template key this one succeeds when its own key is new ('' for none). */
  replaces = $state('');

  constructor(
    private readonly session: Pick<AccountSession, 'authorized'>,
    private readonly catalog: () => TemplateCatalog,
    private readonly syncNow: () => Promise<void> = async () => {},
  ) {}

  get step(): TemplateImportStep {
    return this.#step;
  }
  get problems(): TemplateFileProblem[] {
    return this.#problems;
  }
  get template(): ProposalTemplate | null {
    return this.#template;
  }
  get failure(): TemplateImportFailure | null {
    return this.#failure;
  }
  get uploaded(): TemplateRecord | null {
    return this.#uploaded;
  }

  /** The version the chosen template succeeds (same key, older; else the newest of `replaces`). */
  get predecessor(): CatalogEntry | undefined {
    const next = this.#template;
    if (!next) return undefined;
    const entries = this.catalog().entries();
    const found = predecessorOf(
      { key: next.key, version: next.version, replaces: this.replaces || null },
      entries.map((e) => ({ key: e.template.key, version: e.template.version, entry: e })),
    );
    return found?.entry;
  }

  get changes(): TemplateChange[] {
    const prev = this.predecessor;
    return prev && this.#template ? templateChanges(prev.template, this.#template) : [];
  }

  /** The same key and version is already in the tenant: the server would refuse it (not ours once uploaded). */
  get exists(): boolean {
    const next = this.#template;
    return (
      next !== null && this.#uploaded === null && this.catalog().entry(next.key, next.version) !== undefined
    );
  }

  get yearValid(): boolean {
    return this.year !== null && Number.isInteger(this.year) && this.year >= 2000 && this.year <= 2100;
  }

  get canUpload(): boolean {
    return this.#step === 'preview' && this.#template !== null && !this.exists && this.yearValid;
  }

  /** Reads and checks the chosen file on the phone; nothing is sent. */
  async choose(file: File): Promise<void> {
    this.reset();
    if (file.size > TEMPLATE_FILE_MAX_BYTES) {
      this.#problems = [
        {
          place: '',
          message: {
            id: `Berkas terlalu besar (maks. ${TEMPLATE_FILE_MAX_BYTES / 1024} KB)`,
            en: `The file is too big (max. ${TEMPLATE_FILE_MAX_BYTES / 1024} KB)`,
          },
        },
      ];
      return;
    }
    const checked = checkTemplateFile(await readText(file));
    if (!checked.ok) {
      this.#problems = checked.problems;
      return;
    }
    this.#template = checked.template;
    this.#json = checked.json;
    // A new key most likely succeeds the active template of the newest year (2027 after 2023).
    const sameKey = this.catalog()
      .entries()
      .some((e) => e.template.key === checked.template.key);
    const newest = this.catalog().active()[0];
    this.replaces = !sameKey && newest ? newest.key : '';
    this.#step = 'preview';
  }

  /** Stores the template on the server as a draft version (not offered to anyone until activated). */
  async upload(): Promise<void> {
    if (!this.canUpload || !this.#json || this.year === null) return;
    this.#step = 'uploading';
    this.#failure = null;
    try {
      const out = await this.session.authorized('POST', '/api/templates', {
        body: { year: this.year, replaces: this.replaces || null, template: this.#json },
        schema: importTemplateResponseSchema,
      });
      this.#uploaded = out.template;
      this.#step = 'uploaded';
      await this.syncNow();
    } catch (err) {
      this.#failure = failureOf(err);
      this.#step = 'preview';
    }
  }

  /** Makes the uploaded version the active one; the version it succeeds is retired by the server. */
  async activate(): Promise<void> {
    const uploaded = this.#uploaded;
    if (this.#step !== 'uploaded' || !uploaded) return;
    this.#step = 'activating';
    this.#failure = null;
    try {
      await this.session.authorized('POST', `/api/templates/${uploaded.id}/activate`, {
        schema: activateTemplateResponseSchema,
      });
      this.#step = 'active';
      await this.syncNow();
    } catch (err) {
      this.#failure = failureOf(err);
      this.#step = 'uploaded';
    }
  }

  reset(): void {
    this.#step = 'choose';
    this.#problems = [];
    this.#template = null;
    this.#json = null;
    this.#failure = null;
    this.#uploaded = null;
    this.replaces = '';
  }
}

/** The file's text through FileReader: every browser (and the test DOM) has it, unlike `Blob.text` on old WebViews. */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

function failureOf(err: unknown): TemplateImportFailure {
  if (err instanceof ApiError) {
    return err.failure.kind === 'offline'
      ? { kind: 'offline' }
      : { kind: 'server', message: err.failure.message };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { kind: 'server', message: { id: text, en: text } };
}
