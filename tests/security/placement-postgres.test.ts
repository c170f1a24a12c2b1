import { placementSuite } from './placement-suite';
import { openFreshPostgres } from '../server/sync/helpers';

placementSuite('PostgreSQL', openFreshPostgres);
