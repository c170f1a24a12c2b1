import { attachmentSecuritySuite } from './attachments-suite';
import { openFreshPostgres } from '../server/sync/helpers';

attachmentSecuritySuite('PostgreSQL', openFreshPostgres);
