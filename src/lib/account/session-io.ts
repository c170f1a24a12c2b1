/**
 * Everything the session needs that pulls in zod or Dexie, in one module the session loads on first use, so
 * the first screen's JavaScript stays small (the shell only needs the session's state to paint).
 */
export { sessionTokensSchema, signInRequestSchema, userSchema } from '../../shared/api';
export { AccountsDb } from './accounts-db';
export { ApiClient, ApiError } from './api';
export { clearApiCaches, unsyncedChanges } from './signout';
