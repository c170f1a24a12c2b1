import { cleanupSuite } from './cleanup-suite';
import { openFreshPostgres } from '../sync/helpers';

cleanupSuite('PostgreSQL', openFreshPostgres);
