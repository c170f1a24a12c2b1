import { unitMergeSuite } from './merge-suite';
import { openPglite } from '../sync/helpers';

unitMergeSuite('PGlite', openPglite);
