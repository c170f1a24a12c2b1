import { reviewSuite } from './review-suite';
import { openFreshPostgres } from './helpers';

reviewSuite('PostgreSQL', openFreshPostgres);
