/**
 * The OpenAPI document the server serves at GET /api/openapi.json, built in memory without a server or a
 * database: scripts/api-types.ts writes the phone's API types from it, and tests compare it with what is served.
 * The routes are those of `createApp` with the file routes on (they need a folder, made and removed here).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_VERSION, createApp } from './app';
import type { Database } from './db/types';
import { apiDocumentConfig } from './http/openapi';

/** Building the document reads no data: a query here would make it depend on a database's contents. */
function noDatabase(): never {
  throw new Error('the OpenAPI document is built without a database');
}
const documentOnly: Database = {
  kind: 'pglite',
  query: async () => noDatabase(),
  transaction: async () => noDatabase(),
  close: async () => undefined,
};

/** The document as JSON text exactly as served (`c.json` drops undefined members too). */
export async function buildApiDocument(): Promise<string> {
  const fileDir = await mkdtemp(join(tmpdir(), 'rintis-api-document-'));
  try {
    const app = createApp({ db: documentOnly, config: { fileDir, logLevel: 'silent' } });
    return JSON.stringify(app.getOpenAPI31Document(apiDocumentConfig(APP_VERSION)));
  } finally {
    await rm(fileDir, { recursive: true, force: true });
  }
}
