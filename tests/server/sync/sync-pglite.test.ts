import { syncSuite } from './suite';
import { commentsSuite } from './comments-suite';
import { pgliteDatabase } from './helpers';

const open = async () => {
  const db = await pgliteDatabase();
  return { db, done: () => db.close() };
};

syncSuite('PGlite', open);
commentsSuite('PGlite', open);
