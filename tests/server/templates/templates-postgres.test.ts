import { templateSuite } from './templates-suite';
import { openFreshPostgres } from '../sync/helpers';

templateSuite('PostgreSQL', openFreshPostgres);
