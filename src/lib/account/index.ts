/**
 * Accounts on the phone: the session (sign-in, offline reopen, token refresh, sign-out that keeps unsynced
 * work), guest data moves, export, and the coordinator's management. See README.md in this folder.
 */
export { accountSession, getAccessToken, AccountSession, UnsyncedChangesError } from './session.svelte';
export type { SessionStatus, SessionMessage, SessionDeps } from './session.svelte';
