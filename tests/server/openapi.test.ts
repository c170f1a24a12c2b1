/**
 * The OpenAPI document (GET /api/openapi.json) as others build on it: valid OpenAPI 3.1, the same as the
 * in-memory build the phone's types come from (src/server/apiDocument.ts), and linted: a unique camelCase
 * operationId and a stated security requirement on every operation, errors in the ApiError schema, the shared
 * schemas named once. Which statuses each operation declares is checked against real answers by the fuzz
 * (tests/security/openapi-fuzz.test.ts); the cross-origin refusal, which the fuzz never provokes, is checked here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { buildApiDocument } from '../../src/server/apiDocument';
import { openDatabase } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  [key: string]: unknown;
}
interface OperationObject {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
}

/** Operations anyone may call; every other one names a security scheme. */
const PUBLIC_OPERATIONS = ['getHealth', 'signIn', 'refreshSession', 'signOut'];

/** Schemas the document must name once and refer to (`.meta({ id })` in src/shared). */
const NAMED_SCHEMAS = [
  'Record',
  'DraftRecord',
  'UnitRecord',
  'Change',
  'ChangeResult',
  'PushRequest',
  'PushResponse',
  'PullResponse',
  'RecordsRequest',
  'RecordsResponse',
  'HistoryResponse',
  'ApiError',
  'SignInRequest',
  'RefreshTokenRequest',
  'SessionTokens',
  'User',
  'Account',
  'AccountList',
  'CreateAccountRequest',
  'CreateAccountResponse',
  'UpdateAccountRequest',
  'ResetPasswordResponse',
  'ChangePasswordRequest',
  'SignedInDeviceList',
  'MergeUnitsRequest',
  'MergeUnitsResponse',
  'ImportRequest',
  'ImportResult',
];

const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      op,
    })),
  );

/** Every schema object in `value`, with where it is. */
function schemasIn(value: unknown, at: string, out: { at: string; schema: Schema }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => schemasIn(v, `${at}/${i}`, out));
  else if (value && typeof value === 'object') {
    out.push({ at, schema: value as Schema });
    for (const [k, v] of Object.entries(value)) schemasIn(v, `${at}/${k}`, out);
  }
  return out;
}

describe('the OpenAPI document', () => {
  let db: Database;
  let fileDir: string;
  let app: ReturnType<typeof createApp>;
  let doc: Document;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    fileDir = await mkdtemp(join(tmpdir(), 'rintis-openapi-'));
    app = createApp({
      db,
      config: { authSecret: 'openapi-test-secret-0123456789abc', fileDir, logLevel: 'silent' },
    });
    doc = (await (await app.request('/api/openapi.json')).json()) as Document;
  });

  afterAll(async () => {
    await db?.close();
    if (fileDir) await rm(fileDir, { recursive: true, force: true });
  });

  it('is what the generated client types are built from', async () => {
    expect(JSON.parse(await buildApiDocument())).toEqual(doc);
  });

  it('is valid OpenAPI 3.1 with every $ref resolving', async () => {
    expect(doc.openapi).toBe('3.1.0');
    // The validator's only strictness option concerns AJV compiling the OpenAPI meta-schema (it forces it off);
    // all errors are collected, and the lint below adds what the meta-schema cannot say.
    const result = await new Validator({ allErrors: true }).validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives every operation a unique camelCase operationId', () => {
    const ids = operationsOf(doc).map(({ key, op }) => op.operationId ?? `(none on ${key})`);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['pushChanges', 'pullChanges', 'fetchRecords', 'getRecordHistory']),
    );
  });

  it('states a security requirement on every operation, naming a declared scheme; none only where public', () => {
    const schemes = Object.keys(doc.components.securitySchemes);
    expect(schemes.sort()).toEqual(['bearerAuth', 'metricsToken']);
    for (const { key, op } of operationsOf(doc)) {
      expect(op.security, `${key} states no security`).toBeInstanceOf(Array);
      for (const requirement of op.security!)
        for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
      const isPublic = op.security!.length === 0;
      expect(isPublic, `${key} public: ${isPublic}`).toBe(PUBLIC_OPERATIONS.includes(op.operationId!));
    }
    const sync = operationsOf(doc).filter(({ path }) => path.startsWith('/api/sync/'));
    expect(sync.length).toBe(6); // push, pull, records, history, events, stream (protocol 2)
    for (const { op } of sync) expect(op.security).toEqual([{ bearerAuth: [] }]);
  });

  it('answers every error with the ApiError schema (HEAD answers have no body)', () => {
    for (const { key, method, op } of operationsOf(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        if (method === 'head') {
          expect(response.content, `${key} ${status}`).toBeUndefined();
          continue;
        }
        expect(response.content?.['application/json']?.schema, `${key} ${status}`).toEqual({
          $ref: '#/components/schemas/ApiError',
        });
      }
    }
  });

  it('names the shared schemas once and refers to them: the record union is not inlined', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(NAMED_SCHEMAS));
    const draftShapes = schemasIn(doc, '#').filter(
      ({ schema }) => schema.type === 'object' && schema.properties?.['kind']?.enum?.[0] === 'draft',
    );
    expect(draftShapes.map((s) => s.at)).toEqual(['#/components/schemas/DraftRecord']);
    const pull = doc.paths['/api/sync/pull']!['get']!.responses['200']!.content!['application/json']!.schema;
    expect(pull).toEqual({ $ref: '#/components/schemas/PullResponse' });
  });

  it('declares the cross-origin refusal (403) on every operation, as corsPolicy answers it', async () => {
    for (const { key, method, path, op } of operationsOf(doc)) {
      const res = await app.request(path.replace(/\{\w+\}/g, '0190a0b0-0000-7000-8000-000000000000'), {
        method: method.toUpperCase(),
        headers: { Origin: 'https://jahat.example' },
      });
      expect(res.status, key).toBe(403);
      expect(op.responses, key).toHaveProperty('403');
    }
  });
});
