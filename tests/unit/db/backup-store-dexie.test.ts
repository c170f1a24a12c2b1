// @vitest-environment jsdom
/**
 * The backup suite against each implementation in role-fixtures.ts, in jsdom: `dexie-export-import` reads
 * browser globals (`self`), as it does on the phone.
 */
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { IMPLEMENTATIONS, closeRoles } from './role-fixtures';
import { backupStoreSuite } from './backup-store-suite';

afterEach(closeRoles);

for (const [implementation, open] of IMPLEMENTATIONS) backupStoreSuite(implementation, open);
