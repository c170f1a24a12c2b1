/**
 * Every open editor registers here, so pending edits can be written at once: when the page is hidden
 * (`visibilitychange`), when it goes away (`pagehide`: reload, close, a killed tab on Android), before the
 * PWA update reloads the page, and before switching to another user's database.
 */
export interface Flushable {
  flush(): Promise<void>;
}

const open = new Set<Flushable>();

export function registerEditor(editor: Flushable): () => void {
  open.add(editor);
  return () => open.delete(editor);
}

/** Writes every editor's pending changes; resolves when all are stored (failures are shown by each editor). */
export async function flushAllEditors(): Promise<void> {
  await Promise.allSettled([...open].map((e) => e.flush()));
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
