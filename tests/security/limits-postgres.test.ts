import { limitsSuite } from './limits-suite';
import { openFreshPostgres } from '../server/sync/helpers';

limitsSuite('PostgreSQL', openFreshPostgres);
