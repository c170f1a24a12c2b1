import { cleanupSuite } from './cleanup-suite';
import { pgliteDatabase } from '../sync/helpers';

cleanupSuite('PGlite', async () => {
  const db = await pgliteDatabase();
  return { db, done: () => db.close() };
});
