import { filesSuite } from './suite';
import { openFreshPostgres } from '../sync/helpers';

filesSuite('PostgreSQL', openFreshPostgres);
