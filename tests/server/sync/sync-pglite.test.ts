import { syncSuite } from './suite';
import { commentsSuite } from './comments-suite';
import { openPglite } from './helpers';

syncSuite('PGlite', openPglite);
commentsSuite('PGlite', openPglite);
