/**
 * Helpers for the workspace screen tests: a fresh database per test (its own user id), the app rendered at a
 * path, a way to wait for the autosave to reach the store, and a record's first sync as the engine stores it.
 */
import { configure, render } from '@testing-library/svelte';
import { uuidv7 } from 'uuidv7';
import { tick } from 'svelte';
import App from '../../src/App.svelte';
import { locale } from '../../src/lib/i18n/index.svelte';
import { router } from '../../src/lib/router/router.svelte';
import { snackbar } from '../../src/lib/state/snackbar.svelte';
import { workspace } from '../../src/lib/state/workspace.svelte';
import type { LocalStore } from '../../src/lib/db/types';
import type { AnyRecord } from '../../src/shared/records';

// Screens are lazy chunks: the first import of one under a busy parallel run can take more than a second.
configure({ asyncUtilTimeout: 5_000 });

/** Opens a database no other test uses and makes it the app's current store. */
export async function freshWorkspace(): Promise<LocalStore> {
  workspace.reset();
  localStorage.clear();
  locale.reset();
  snackbar.dismiss();
  await workspace.switchUser(`test-${uuidv7()}`, null);
  return workspace.requireStore();
}

/** Renders the whole app (shell, router, screens) at `path`. */
export function renderApp(path: string) {
  history.replaceState(null, '', path);
  router.reset();
  return render(App);
}

export async function settle(): Promise<void> {
  await tick();
  await new Promise((r) => setTimeout(r, 0));
}

export function teardown(): void {
  workspace.reset();
  snackbar.dismiss();
}

/** The server accepted the record's creation: what the sync engine stores (outbox entry gone, rev 1). */
export async function acknowledgeCreation(store: LocalStore, record: AnyRecord): Promise<void> {
  const entry = (await store.outbox()).find((e) => e.recordId === record.id);
  if (!entry) throw new Error(`nothing waits to sync for ${record.id}`);
  await store.acknowledge(entry.seq, { ...record, rev: 1 });
}
