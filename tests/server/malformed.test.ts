/**
 * Malformed input beyond bodies (issue #7): every query and path parameter in the OpenAPI document with wrong
 * types, huge and broken-escape values; every body route with invalid UTF-8 (inside a string value, where a
 * lenient decoder would store U+FFFD as if typed), overlong and surrogate encodings, and deeply nested objects;
 * garbage query strings on every route. Always a 4xx with the bilingual error shape, never a 5xx, and nothing
 * changed. Runs on PGlite and PostgreSQL. (Broken JSON, wrong types, unknown fields and size limits of bodies:
 * platform.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { createTenant, createUser } from '../../src/server/accounts/service';
import { migrate } from '../../src/server/db/index';
import { MAX_PULL_PAGE, MAX_PUSH_BATCH, PROTOCOL_VERSION, apiErrorSchema } from '../../src/shared/protocol';
import { sessionTokensSchema } from '../../src/shared/api';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './support/databases';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from './support/passwords';

const PASSWORD = 'kata-sandi-rahasia';

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: 'query' | 'path' }[];
  hasBody: boolean;
}

async function expectClientError(res: Response, what: string): Promise<string> {
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  const body = apiErrorSchema.parse(await res.json());
  expect(body.error.message.length, what).toBeGreaterThan(0);
  expect(body.error.messageEn.length, what).toBeGreaterThan(0);
  expect(body.error.message, what).not.toBe(body.error.messageEn);
  return body.error.code;
}

const BAD_QUERY_VALUES = [
  'banana',
  '1.5',
  '-1',
  '1e309',
  '9'.repeat(100_000),
  '%FF',
  '%E0%A4%A',
  '%00',
  '[]',
  '{"$gt":0}',
];
const BAD_PATH_VALUES = [
  'not-a-uuid',
  '%FF',
  '%E0%A4%A',
  'x'.repeat(10_000),
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
];

/** Bytes of `{"name":"<bad>","password":"<bad>","refreshToken":"<bad>","changes":"<bad>"}`. */
function withBytes(bad: number[]): Uint8Array<ArrayBuffer> {
  const enc = new TextEncoder();
  const parts: number[] = [...enc.encode('{')];
  ['name', 'password', 'refreshToken', 'login'].forEach((key, i) => {
    parts.push(...enc.encode(`${i > 0 ? ',' : ''}"${key}":"a`), ...bad, ...enc.encode('"'));
  });
  parts.push(...enc.encode('}'));
  return new Uint8Array(parts);
}
const BAD_UTF8: [string, Uint8Array<ArrayBuffer>][] = [
  ['a broken two-byte sequence', withBytes([0xc3, 0x28])],
  ['a stray continuation byte', withBytes([0x80])],
  ['an overlong slash', withBytes([0xc0, 0xaf])],
  ['an encoded surrogate', withBytes([0xed, 0xa0, 0x80])],
  ['bytes 0xFE 0xFF', withBytes([0xfe, 0xff])],
  ['a sequence cut at the end', new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82])],
];

describe.each(DATABASE_KINDS)('malformed parameters and bytes on %s', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let auth: Record<string, string>;
  let operations: Operation[];
  let accountId = '';

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await migrate(t.db);
    const tenant = await createTenant(t.db, 'Kabupaten Contoh');
    await createUser(t.db, {
      tenantId: tenant.id,
      name: 'Kia Koordinator',
      email: 'koordinator@contoh.go.id',
      phone: null,
      passwordHash: await testPasswordHash(PASSWORD),
      role: 'coordinator',
      unitIds: [],
    });
    accountId = (
      await createUser(t.db, {
        tenantId: tenant.id,
        name: 'Ina Inovator',
        email: 'inovator@contoh.go.id',
        phone: null,
        passwordHash: await testPasswordHash(PASSWORD),
        role: 'innovator',
        unitIds: [],
      })
    ).id;
    app = createApp({ db: t.db, config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' } });
    const res = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'koordinator@contoh.go.id', password: PASSWORD }),
    });
    auth = { Authorization: `Bearer ${sessionTokensSchema.parse(await res.json()).accessToken}` };
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: unknown }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        hasBody: op.requestBody !== undefined,
      })),
    );
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const url = (op: Operation, path: Record<string, string> = {}, query = '') =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => path[name] ?? accountId) + (query ? `?${query}` : '');
  const validQuery = (op: Operation) =>
    op.parameters
      .filter((p) => p.in === 'query')
      .map((p) => `${p.name}=${p.name === 'protocolVersion' ? 1 : 0}`)
      .join('&');
  const call = (op: Operation, target: string, body?: Uint8Array<ArrayBuffer> | string) =>
    app.request(target, {
      method: op.method,
      headers: { ...auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body }),
    });

  it('answers every query parameter with a wrong, huge or broken value with a 4xx', async () => {
    let checked = 0;
    for (const op of operations) {
      for (const param of op.parameters.filter((p) => p.in === 'query')) {
        for (const value of BAD_QUERY_VALUES) {
          const others = validQuery(op)
            .split('&')
            .filter((kv) => !kv.startsWith(`${param.name}=`));
          const target = url(op, {}, [...others, `${param.name}=${value}`].join('&'));
          await expectClientError(
            await call(op, target),
            `${op.method} ${op.path} ${param.name}=${value.slice(0, 20)}`,
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3 * BAD_QUERY_VALUES.length);
  });

  it('answers every path parameter that is not an id with a 4xx, and changes nothing', async () => {
    let checked = 0;
    for (const op of operations) {
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        for (const value of BAD_PATH_VALUES) {
          const target = url(op, { [param.name]: value }, validQuery(op));
          const res = await call(op, target, op.hasBody ? JSON.stringify({ name: 'Diganti' }) : undefined);
          await expectClientError(res, `${op.method} ${op.path} ${param.name}=${value.slice(0, 20)}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(BAD_PATH_VALUES.length);
    const list = (await (await app.request('/api/accounts', { headers: auth })).json()) as {
      accounts: { name: string }[];
    };
    expect(list.accounts.map((a) => a.name).sort()).toEqual(['Ina Inovator', 'Kia Koordinator']);
  });

  it('refuses invalid UTF-8 on every body route with 400 invalid-utf8, storing nothing', async () => {
    let checked = 0;
    for (const op of operations.filter((o) => o.hasBody)) {
      for (const [label, bytes] of BAD_UTF8) {
        const res = await call(op, url(op, {}, validQuery(op)), bytes);
        expect(await expectClientError(res, `${op.method} ${op.path}: ${label}`)).toBe('invalid-utf8');
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5 * BAD_UTF8.length);
    const list = (await (await app.request('/api/accounts', { headers: auth })).json()) as {
      accounts: { name: string }[];
    };
    expect(list.accounts.every((a) => !a.name.includes('\ufffd'))).toBe(true);
    expect(list.accounts).toHaveLength(2);
  });

  it('refuses deeply nested objects (not only arrays) on every body route', async () => {
    const deep = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    const justOver = `${'{"a":'.repeat(65)}1${'}'.repeat(65)}`;
    for (const op of operations.filter((o) => o.hasBody)) {
      for (const body of [deep, justOver]) {
        const res = await call(op, url(op, {}, validQuery(op)), body);
        expect(await expectClientError(res, `${op.method} ${op.path}`)).toBe('too-deep');
      }
    }
  });

  it('never answers a garbage query string with a 5xx, on any route', async () => {
    const garbage = [
      '%FF=%FF',
      'a[b][c][d]=1&a[b][c][d]=2',
      '__proto__[admin]=1',
      `${'x'.repeat(8000)}=1`,
      '&&&==&',
    ];
    for (const op of operations) {
      for (const q of garbage) {
        const target = url(op, {}, [validQuery(op), q].filter(Boolean).join('&'));
        const res = await call(op, target, op.hasBody ? '{}' : undefined);
        expect(res.status, `${op.method} ${op.path}?${q.slice(0, 20)}`).toBeLessThan(500);
        if (res.headers.get('Content-Type')?.includes('text/event-stream')) await res.body?.cancel();
        else if (res.status >= 400) await expectClientError(res, `${op.method} ${op.path}?${q.slice(0, 20)}`);
        else await res.arrayBuffer();
      }
    }
  });

  it('holds the batch and page limits: one change or one record more is a 4xx', async () => {
    const change = (seq: number) => ({
      deviceId: 'limit-device-1',
      seq,
      recordId: '0190a000-0000-7000-8000-000000000001',
      kind: 'session',
      op: 'update',
      values: { notes: 'x' },
      base: { notes: 1 },
      editedAt: 0,
    });
    const push = (n: number) =>
      app.request('/api/sync/push', {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: 'limit-device-1',
          changes: Array.from({ length: n }, (_, i) => change(i + 1)),
        }),
      });
    await expectClientError(await push(MAX_PUSH_BATCH + 1), 'a push of one change too many');
    const full = await push(MAX_PUSH_BATCH);
    expect(full.status).toBe(200);
    expect(((await full.json()) as { results: unknown[] }).results).toHaveLength(MAX_PUSH_BATCH);
    const pull = (limit: number) =>
      app.request(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&limit=${limit}`, { headers: auth });
    await expectClientError(await pull(MAX_PULL_PAGE + 1), 'a page one record too large');
    await expectClientError(await pull(0), 'an empty page');
    expect((await pull(MAX_PULL_PAGE)).status).toBe(200);
  });
});
