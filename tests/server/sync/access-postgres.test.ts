import { accessSuite } from './access-suite';
import { openFreshPostgres } from './helpers';

accessSuite('PostgreSQL', openFreshPostgres);
