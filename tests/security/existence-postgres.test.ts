import { existenceSuite } from './existence-suite';
import { openFreshPostgres } from '../server/sync/helpers';

existenceSuite('PostgreSQL', openFreshPostgres);
