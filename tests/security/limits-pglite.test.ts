import { limitsSuite } from './limits-suite';
import { openPglite } from '../server/sync/helpers';

limitsSuite('PGlite', openPglite);
