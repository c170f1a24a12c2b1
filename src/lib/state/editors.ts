/**
 * Every open editor registers here, so pending edits can be written at once: when the page is hidden
 * (`visibilitychange`), when it goes away (`pagehide`: reload, close, a killed tab on Android), before the
 * PWA update reloads the page, and before switching to another user's database.
 */
export interface Flushable {
  flush(): Promise<void>;
  /** The editor's save state after a flush ('invalid' or 'error': some input is held, not stored). */
  readonly status?: string;
}

const open = new Set<Flushable>();
const watchers = new Set<() => void>();

export function registerEditor(editor: Flushable): () => void {
  open.add(editor);
  for (const watch of watchers) watch();
  return () => {
    open.delete(editor);
    for (const watch of watchers) watch();
  };
}

/** Calls `listener` whenever an editor opens or closes (the sync status recounts); returns the unsubscribe. */
export function watchEditors(listener: () => void): () => void {
  watchers.add(listener);
  return () => watchers.delete(listener);
}

/**
 * Open editors holding input that is not in the store yet: typing still to be written ('pending', 'saving') or
 * input held back ('invalid', 'error'). Read-only; reading `status` of rune-backed editors makes it reactive.
 */
export function editorsWithUnsavedInput(): number {
  return [...open].filter((e) => e.status !== undefined && e.status !== 'saved').length;
}

/** Writes every editor's pending changes; resolves when all are stored (failures are shown by each editor). */
export async function flushAllEditors(): Promise<void> {
  await Promise.allSettled([...open].map((e) => e.flush()));
}

/** Thrown by `flushAllEditorsOrThrow` when some input could not be stored (invalid, or the write failed). */
export class UnsavedEditsError extends Error {
  constructor(readonly count: number) {
    super(`${count} editor(s) hold input that is not saved`);
    this.name = 'UnsavedEditsError';
  }
}

/**
 * Flushes every editor, then rejects if any still holds input it could not store. The PWA update awaits this
 * before reloading: a reload must never drop what someone typed.
 */
export async function flushAllEditorsOrThrow(): Promise<void> {
  await flushAllEditors();
  const unsaved = [...open].filter((e) => e.status === 'invalid' || e.status === 'error').length;
  if (unsaved > 0) throw new UnsavedEditsError(unsaved);
}

/** Installs the page-level flush triggers; returns the function that removes them. */
export function installFlushTriggers(target: Window = window): () => void {
  const onVisibility = () => {
    if (target.document.visibilityState === 'hidden') void flushAllEditors();
  };
  const onPageHide = () => void flushAllEditors();
  target.document.addEventListener('visibilitychange', onVisibility);
  target.addEventListener('pagehide', onPageHide);
  return () => {
    target.document.removeEventListener('visibilitychange', onVisibility);
    target.removeEventListener('pagehide', onPageHide);
  };
}
