import { cleanupSuite } from './cleanup-suite';
import { openPglite } from '../sync/helpers';

cleanupSuite('PGlite', openPglite);
