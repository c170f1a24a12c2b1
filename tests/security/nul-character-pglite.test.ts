import { nulCharacterSuite } from './nul-character-suite';
import { openPglite } from '../server/sync/helpers';

nulCharacterSuite('PGlite', openPglite);
