import { templateSuite } from './templates-suite';
import { openPglite } from '../sync/helpers';

templateSuite('PGlite', openPglite);
