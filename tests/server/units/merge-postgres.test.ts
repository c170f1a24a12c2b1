import { unitMergeSuite } from './merge-suite';
import { openFreshPostgres } from '../sync/helpers';

unitMergeSuite('PostgreSQL', openFreshPostgres);
