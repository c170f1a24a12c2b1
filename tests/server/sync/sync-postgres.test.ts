import { syncSuite } from './suite';
import { freshPostgres, postgresDatabase } from './helpers';

syncSuite('PostgreSQL', async () => {
  const fresh = await freshPostgres();
  const db = await postgresDatabase(fresh.url);
  return {
    db,
    done: async () => {
      await db.close();
      await fresh.drop();
    },
  };
});
