import { tenantVersionsSuite } from './tenants-suite';
import { openDatabase } from '../../../src/server/db/index';

// Unmigrated: the suite runs the migrations itself.
tenantVersionsSuite('PGlite', async () => {
  const db = await openDatabase({ dataDir: 'memory://' });
  return { db, done: () => db.close() };
});
