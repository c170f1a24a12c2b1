import { reviewSuite } from './review-suite';
import { freshPostgres, postgresDatabase } from './helpers';

reviewSuite('PostgreSQL', async () => {
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
