import { filesSuite } from './suite';
import { pgliteDatabase } from '../sync/helpers';

filesSuite('PGlite', async () => {
  const db = await pgliteDatabase();
  return { db, done: () => db.close() };
});
