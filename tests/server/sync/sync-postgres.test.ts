import { syncSuite } from './suite';
import { commentsSuite } from './comments-suite';
import { freshPostgres, postgresDatabase } from './helpers';

const open = async () => {
  const fresh = await freshPostgres();
  const db = await postgresDatabase(fresh.url);
  return {
    db,
    done: async () => {
      await db.close();
      await fresh.drop();
    },
  };
};

syncSuite('PostgreSQL', open);
commentsSuite('PostgreSQL', open);
