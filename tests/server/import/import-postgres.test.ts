import { importSuite } from './suite';
import { openFreshPostgres } from '../sync/helpers';

importSuite('PostgreSQL', openFreshPostgres);
