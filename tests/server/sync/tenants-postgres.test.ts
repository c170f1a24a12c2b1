import { tenantVersionsSuite } from './tenants-suite';
import { freshPostgres, postgresDatabase } from './helpers';

// Unmigrated: the suite runs the migrations itself.
tenantVersionsSuite('PostgreSQL', async () => {
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
