import { backfillSuite, peopleSuite } from './people-suite';
import { freshPostgres, openFreshPostgres, postgresDatabase } from './helpers';

peopleSuite('PostgreSQL', openFreshPostgres);
// Unmigrated: the backfill suite runs the migrations itself.
backfillSuite('PostgreSQL', async () => {
  const fresh = await freshPostgres();
  const db = await postgresDatabase(fresh.url, false);
  return {
    db,
    done: async () => {
      await db.close();
      await fresh.drop();
    },
  };
});
