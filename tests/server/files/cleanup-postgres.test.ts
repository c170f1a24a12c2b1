import { cleanupSuite } from './cleanup-suite';
import { freshPostgres, postgresDatabase } from '../sync/helpers';

cleanupSuite('PostgreSQL', async () => {
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
