import { tenantDataSuite } from './suite';
import { programmeKind } from './programme';
import { templateKind } from './templates';
import { openFreshPostgres } from '../sync/helpers';

tenantDataSuite(templateKind, 'PostgreSQL', openFreshPostgres);
tenantDataSuite(programmeKind, 'PostgreSQL', openFreshPostgres);
