import { programmeSuite } from './programme-suite';
import { openFreshPostgres } from '../sync/helpers';

programmeSuite('PostgreSQL', openFreshPostgres);
