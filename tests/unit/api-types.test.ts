/**
 * The phone's API types (src/lib/api/openapi.d.ts, generated from the server's OpenAPI document) against the zod
 * schemas they come from. The `expectTypeOf` lines are checked by the type checker (`npm run check`): a shared
 * schema changed without `npm run api:types` fails here. The rest runs: values typed from the document pass the
 * zod schemas, and the typed client sends what the document says.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ApiClient } from '../../src/lib/account/api';
import type { ApiUrl, JsonAnswer, JsonBody, PathOfUrl, QueryOf, Schemas } from '../../src/lib/api/types';
import { accountSchema, userSchema, type Account, type UpdateAccountRequest } from '../../src/shared/api';
import {
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  type ApiError,
  type ChangeResult,
  type PullResponse,
  type PushRequest,
  type PushDeltaResponse,
  type PushResponse,
  type RecordsResponse,
} from '../../src/shared/protocol';
import type { AnyRecord } from '../../src/shared/records';

/**
 * A type as JSON carries it: a member that may be undefined may be missing. zod types `z.unknown()` as a required
 * member of type unknown, the document as an optional one; on the wire they are the same.
 */
type AsJson<T> = T extends readonly (infer E)[]
  ? AsJson<E>[]
  : T extends object
    ? { [K in keyof T as undefined extends T[K] ? K : never]?: AsJson<T[K]> } & {
        [K in keyof T as undefined extends T[K] ? never : K]: AsJson<T[K]>;
      }
    : T;

const ACCOUNT_ID = '0190a0b0-0000-7000-8000-000000000001';

describe('the generated API types', () => {
  it('agree with the zod types of the sync protocol and the records', () => {
    expectTypeOf<AsJson<Schemas['PushRequest']>>().toEqualTypeOf<AsJson<PushRequest>>();
    expectTypeOf<AsJson<Schemas['PushResponse']>>().toEqualTypeOf<AsJson<PushResponse>>();
    expectTypeOf<AsJson<Schemas['ChangeResult']>>().toEqualTypeOf<AsJson<ChangeResult>>();
    expectTypeOf<AsJson<Schemas['PushDeltaResponse']>>().toEqualTypeOf<AsJson<PushDeltaResponse>>();
    expectTypeOf<AsJson<Schemas['PullResponse']>>().toEqualTypeOf<AsJson<PullResponse>>();
    expectTypeOf<AsJson<Schemas['RecordsResponse']>>().toEqualTypeOf<AsJson<RecordsResponse>>();
    expectTypeOf<AsJson<Schemas['Record']>>().toEqualTypeOf<AsJson<AnyRecord>>();
    expectTypeOf<Schemas['ApiError']>().toEqualTypeOf<ApiError>();
    // The comparison sees a difference: one member more is not equal.
    expectTypeOf<AsJson<Schemas['PushRequest']>>().not.toEqualTypeOf<AsJson<PushRequest & { extra: 1 }>>();
  });

  it('type the sync routes by path and method', () => {
    expectTypeOf<JsonBody<'/api/sync/push', 'POST'>>().toEqualTypeOf<Schemas['PushRequest']>();
    expectTypeOf<JsonAnswer<'/api/sync/push', 'POST'>>().toEqualTypeOf<
      Schemas['PushResponse'] | Schemas['PushDeltaResponse']
    >();
    expectTypeOf<JsonAnswer<'/api/sync/pull', 'GET'>>().toEqualTypeOf<Schemas['PullResponse']>();
    expectTypeOf<QueryOf<'/api/sync/pull', 'GET'>['protocolVersion']>().toEqualTypeOf<
      typeof PROTOCOL_VERSION
    >();
    expectTypeOf<JsonBody<'/api/sync/pull', 'GET'>>().toBeNever();
  });

  it('find the path template of a URL, and refuse URLs and methods the API does not have', () => {
    expectTypeOf<PathOfUrl<`/api/accounts/${string}`, 'PATCH'>>().toEqualTypeOf<'/api/accounts/{id}'>();
    expectTypeOf<PathOfUrl<'/api/accounts/import', 'POST'>>().toEqualTypeOf<'/api/accounts/import'>();
    expectTypeOf<
      PathOfUrl<`/api/accounts/${string}/reset-password`, 'POST'>
    >().toEqualTypeOf<'/api/accounts/{id}/reset-password'>();
    expectTypeOf<PathOfUrl<`/api/sync/pull?cursor=${number}`, 'GET'>>().toEqualTypeOf<'/api/sync/pull'>();
    expectTypeOf<'/api/acounts'>().not.toExtend<ApiUrl<'GET'>>();
    expectTypeOf<'/api/auth/sign-out'>().not.toExtend<ApiUrl<'GET'>>();
    expectTypeOf<'/api/auth/sign-out'>().toExtend<ApiUrl<'POST'>>();
  });

  it('describe values the zod schemas accept as they are', () => {
    const push: Schemas['PushRequest'] = {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: 'device-0001',
      changes: [
        {
          deviceId: 'device-0001',
          seq: 1,
          recordId: ACCOUNT_ID,
          kind: 'unit',
          op: 'update',
          values: { name: 'Puskesmas Malili' },
          base: { name: 3 },
          editedAt: 1_700_000_000_000,
        },
      ],
    };
    expect(pushRequestSchema.parse(push)).toEqual(push);
    const rejected: Schemas['PushResponse'] = {
      results: [
        { status: 'rejected', seq: 1, recordId: ACCOUNT_ID, code: 'forbidden', message: 'Ditolak / refused' },
      ],
      serverVersion: 7,
    };
    expect(pushResponseSchema.parse(rejected)).toEqual(rejected);
    const empty: Schemas['PullResponse'] = { records: [], cursor: 0, hasMore: false };
    expect(pullResponseSchema.parse(empty)).toEqual(empty);
  });

  it('let the client send a typed call and parse its answer with the shared schema', async () => {
    const sent: { url: string; init: RequestInit | undefined }[] = [];
    const account: Account = {
      id: ACCOUNT_ID,
      tenantId: 'tenant-1',
      tenantName: 'Kabupaten Contoh',
      name: 'Budi',
      email: 'budi@contoh.go.id',
      phone: null,
      role: 'facilitator',
      unitIds: [],
      disabled: false,
      createdAt: 1_700_000_000_000,
    };
    const client = new ApiClient(async (url, init) => {
      sent.push({ url, init });
      return Response.json(account);
    });
    const patch: UpdateAccountRequest = { name: 'Budi' };
    const { data } = await client.request('PATCH', `/api/accounts/${encodeURIComponent(ACCOUNT_ID)}`, {
      body: patch,
      token: 'access-token',
      schema: accountSchema,
    });
    expectTypeOf(data).toEqualTypeOf<Account>();
    expect(data).toEqual(account);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(`/api/accounts/${ACCOUNT_ID}`);
    expect(sent[0]!.init?.method).toBe('PATCH');
    expect(JSON.parse(String(sent[0]!.init?.body))).toEqual(patch);
    // The client takes a schema only when its output fits the answer: an Account does, a User does not.
    expectTypeOf(accountSchema.parse).returns.toExtend<JsonAnswer<'/api/accounts/{id}', 'PATCH'>>();
    expectTypeOf(userSchema.parse).returns.not.toExtend<JsonAnswer<'/api/accounts', 'GET'>>();
  });
});
