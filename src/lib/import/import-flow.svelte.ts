/**
 * The import screen's state: a file is read in the browser (rows checked with the shared schemas at once), then
 * the server's dry run says what would be created, changed or left as it is; only "Impor" writes, in one
 * transaction. The one-time passwords of new accounts live here, in memory only, until the screen is left.
 */
import {
  countPlan,
  importPreviewSchema,
  importResultSchema,
  planIsEmpty,
  validateImportRows,
  type ImportAccountRow,
  type ImportPreview,
  type ImportResult,
  type ImportSheet,
  type ImportUnitRow,
  type RowError,
} from '../../shared/import';
import { ApiError } from '../account/api';
import type { AccountSession } from '../account/session.svelte';
import { readImportFile, type ReadImportFile } from './read-file';

export type ImportStep = 'choose' | 'reading' | 'checking' | 'preview' | 'committing' | 'done';

/** Why the server refused or could not be reached, in both languages. */
export type ImportFailure = { kind: 'offline' } | { kind: 'server'; message: { id: string; en: string } };

export class ImportFlow {
  #step = $state<ImportStep>('choose');
  #fileName = $state<string | null>(null);
  /** Problems of the whole file, or row errors found in the browser before asking the server. */
  #problems = $state.raw<RowError[]>([]);
  #preview = $state.raw<ImportPreview | null>(null);
  #result = $state.raw<ImportResult | null>(null);
  #failure = $state.raw<ImportFailure | null>(null);
  #rows: { units: ImportUnitRow[]; accounts: ImportAccountRow[] } | null = null;

  constructor(
    private readonly session: AccountSession,
    private readonly read: (file: File, csvSheet: ImportSheet) => Promise<ReadImportFile> = readImportFile,
  ) {}

  get step(): ImportStep {
    return this.#step;
  }
  get fileName(): string | null {
    return this.#fileName;
  }
  get problems(): RowError[] {
    return this.#problems;
  }
  get preview(): ImportPreview | null {
    return this.#preview;
  }
  get result(): ImportResult | null {
    return this.#result;
  }
  get failure(): ImportFailure | null {
    return this.#failure;
  }
  /** Row errors to show: the server's once it answered (it checks everything the browser did, and more). */
  get errors(): RowError[] {
    return this.#preview?.errors ?? this.#problems;
  }
  /** Units and accounts the import would create or change. */
  get writes(): { units: number; accounts: number } {
    const counts = countPlan(this.#preview ?? { units: [], accounts: [] });
    return {
      units: counts.units.create + counts.units.update,
      accounts: counts.accounts.create + counts.accounts.update,
    };
  }
  get nothingToDo(): boolean {
    return this.#preview !== null && planIsEmpty(this.#preview);
  }
  get canCommit(): boolean {
    return (
      this.#step === 'preview' && this.errors.length === 0 && !this.nothingToDo && this.#preview !== null
    );
  }

  /** Reads the chosen file and asks the server for the preview. */
  async choose(file: File, csvSheet: ImportSheet): Promise<void> {
    this.reset();
    this.#fileName = file.name;
    this.#step = 'reading';
    const read = await this.read(file, csvSheet);
    if (read.problems.length > 0) {
      this.#problems = read.problems;
      this.#step = 'choose';
      return;
    }
    this.#rows = { units: read.units, accounts: read.accounts };
    // Shown at once, and still if the server cannot be reached.
    this.#problems = validateImportRows(this.#rows).errors;
    this.#step = 'checking';
    try {
      this.#preview = await this.session.authorized('POST', '/api/accounts/import', {
        body: { ...this.#rows, dryRun: true },
        schema: importPreviewSchema,
      });
    } catch (err) {
      this.#failure = failureOf(err);
    }
    this.#step = 'preview';
  }

  /** Writes everything the preview showed, in one transaction on the server. */
  async commit(): Promise<void> {
    if (!this.canCommit || !this.#rows) return;
    this.#step = 'committing';
    this.#failure = null;
    try {
      this.#result = await this.session.authorized('POST', '/api/accounts/import', {
        body: { ...this.#rows, dryRun: false },
        schema: importResultSchema,
      });
      this.#step = 'done';
    } catch (err) {
      this.#failure = failureOf(err);
      this.#step = 'preview';
    }
  }

  reset(): void {
    this.#step = 'choose';
    this.#fileName = null;
    this.#problems = [];
    this.#preview = null;
    this.#result = null;
    this.#failure = null;
    this.#rows = null;
  }
}

function failureOf(err: unknown): ImportFailure {
  if (err instanceof ApiError) {
    return err.failure.kind === 'offline'
      ? { kind: 'offline' }
      : { kind: 'server', message: err.failure.message };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { kind: 'server', message: { id: text, en: text } };
}
