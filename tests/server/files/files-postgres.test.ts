import { filesSuite } from './suite';
import { freshPostgres, postgresDatabase } from '../sync/helpers';

filesSuite('PostgreSQL', async () => {
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
