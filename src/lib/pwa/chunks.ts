/**
 * A lazy screen whose chunk is neither cached nor reachable (offline, and the worker did not have it, e.g. before
 * the first install finished) fails with a browser-specific import error. This turns it into a clear message.
 */
import { pt } from './strings';

const IMPORT_FAILURE =
  /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/i;

export function isChunkLoadError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return IMPORT_FAILURE.test(message);
}

/** The message to show for a screen that could not be loaded, or null when the failure is something else. */
export function describeChunkError(err: unknown, online = navigator.onLine): string | null {
  return isChunkLoadError(err) || !online ? pt('chunk.offline') : null;
}
