import { existenceSuite } from './existence-suite';
import { openPglite } from '../server/sync/helpers';

existenceSuite('PGlite', openPglite);
