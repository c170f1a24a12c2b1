import { filesSuite } from './suite';
import { openPglite } from '../sync/helpers';

filesSuite('PGlite', openPglite);
