import { nulCharacterSuite } from './nul-character-suite';
import { openFreshPostgres } from '../server/sync/helpers';

nulCharacterSuite('PostgreSQL', openFreshPostgres);
