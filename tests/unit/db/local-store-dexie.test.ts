/**
 * Every role suite of the local store, against each implementation in role-fixtures.ts: each role's own Dexie
 * class, and `DexieLocalStore`, which joins them. The backup suite runs in backup-store-dexie.test.ts (its export
 * library needs a browser global).
 */
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { IMPLEMENTATIONS, closeRoles } from './role-fixtures';
import { recordStoreSuite } from './record-store-suite';
import { metaStoreSuite } from './meta-store-suite';
import { syncStoreSuite } from './sync-store-suite';
import { quarantineStoreSuite } from './quarantine-store-suite';
import { blobStoreSuite } from './blob-store-suite';

afterEach(closeRoles);

for (const [implementation, open] of IMPLEMENTATIONS) {
  recordStoreSuite(implementation, open);
  metaStoreSuite(implementation, open);
  syncStoreSuite(implementation, open);
  quarantineStoreSuite(implementation, open);
  blobStoreSuite(implementation, open);
}
