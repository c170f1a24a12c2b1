import { placementSuite } from './placement-suite';
import { openPglite } from '../server/sync/helpers';

placementSuite('PGlite', openPglite);
