import { attachmentSecuritySuite } from './attachments-suite';
import { openPglite } from '../server/sync/helpers';

attachmentSecuritySuite('PGlite', openPglite);
