/**
 * The keys sync keeps in the store's meta table. A module of their own: the review moves read the pull cursor,
 * and importing it from the engine put the whole engine in the draft screen's chunks.
 */
export const META_CURSOR = 'sync.cursor';
/** The server's digest of what this user may see, as of the stored cursor (see `scope` in protocol.ts). */
export const META_PULL_SCOPE = 'sync.pullScope';
export const META_LAST_SYNC = 'sync.lastSyncAt';
/**
 * Set while a first sync is under way, until it has caught up (survives a restart): 'stream' (protocol 2), or
 * 'summary' for a phone that began it with summaries on a v1 build.
 */
export const META_PULL_VIEW = 'sync.pullView';
