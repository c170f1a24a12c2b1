import { displayFieldsSuite } from './display-fields-suite';
import { openFreshPostgres } from '../server/sync/helpers';

displayFieldsSuite('PostgreSQL', openFreshPostgres);
