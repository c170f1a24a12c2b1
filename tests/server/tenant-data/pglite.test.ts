import { tenantDataSuite } from './suite';
import { programmeKind } from './programme';
import { templateKind } from './templates';
import { openPglite } from '../sync/helpers';

tenantDataSuite(templateKind, 'PGlite', openPglite);
tenantDataSuite(programmeKind, 'PGlite', openPglite);
