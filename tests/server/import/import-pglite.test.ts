import { importSuite } from './suite';
import { openPglite } from '../sync/helpers';

importSuite('PGlite', openPglite);
