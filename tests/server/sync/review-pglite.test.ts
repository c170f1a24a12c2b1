import { reviewSuite } from './review-suite';
import { openPglite } from './helpers';

reviewSuite('PGlite', openPglite);
