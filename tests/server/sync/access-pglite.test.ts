import { accessSuite } from './access-suite';
import { openPglite } from './helpers';

accessSuite('PGlite', openPglite);
