import { programmeSuite } from './programme-suite';
import { openPglite } from '../sync/helpers';

programmeSuite('PGlite', openPglite);
