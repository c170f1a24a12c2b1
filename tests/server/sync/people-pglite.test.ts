import { backfillSuite, peopleSuite } from './people-suite';
import { openPglite } from './helpers';
import { openDatabase } from '../../../src/server/db/index';

peopleSuite('PGlite', openPglite);
// Unmigrated: the backfill suite runs the migrations itself.
backfillSuite('PGlite', async () => {
  const db = await openDatabase({ dataDir: 'memory://' });
  return { db, done: () => db.close() };
});
