import { reviewSuite } from './review-suite';
import { pgliteDatabase } from './helpers';

reviewSuite('PGlite', async () => {
  const db = await pgliteDatabase();
  return { db, done: () => db.close() };
});
