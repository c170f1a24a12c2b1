import { syncSuite } from './suite';
import { commentsSuite } from './comments-suite';
import { openFreshPostgres } from './helpers';

syncSuite('PostgreSQL', openFreshPostgres);
commentsSuite('PostgreSQL', openFreshPostgres);
