import { displayFieldsSuite } from './display-fields-suite';
import { openPglite } from '../server/sync/helpers';

displayFieldsSuite('PGlite', openPglite);
