import { syncSuite } from './suite';
import { pgliteDatabase } from './helpers';

syncSuite('PGlite', async () => {
  const db = await pgliteDatabase();
  return { db, done: () => db.close() };
});
