import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, type FetchLike } from '../../../src/lib/account/api';
import { exportFilename } from '../../../src/lib/account/export';
import { userSchema } from '../../../src/shared/api';

const answer =
  (res: () => Response): FetchLike =>
  async () =>
    res();

async function failureOf(client: ApiClient) {
  try {
    await client.request('GET', '/api/me', { schema: userSchema });
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).failure;
  }
  throw new Error('expected a failure');
}

describe('ApiClient', () => {
  it('turns the shared error body into a bilingual failure with the Retry-After wait', async () => {
    const body = { error: { code: 'too-many-attempts', message: 'Terlalu banyak', messageEn: 'Too many' } };
    const client = new ApiClient(
      answer(() => Response.json(body, { status: 429, headers: { 'Retry-After': '125' } })),
    );
    expect(await failureOf(client)).toEqual({
      kind: 'http',
      status: 429,
      code: 'too-many-attempts',
      message: { id: 'Terlalu banyak', en: 'Too many' },
      retryAfterSeconds: 125,
    });
  });

  it('reads the wait from details when there is no header, and copes with a non-JSON error page', async () => {
    const withDetails = new ApiClient(
      answer(() =>
        Response.json(
          { error: { code: 'x', message: 'a', messageEn: 'b', details: { retryAfterSeconds: 30 } } },
          { status: 429 },
        ),
      ),
    );
    expect(await failureOf(withDetails)).toMatchObject({ retryAfterSeconds: 30 });

    const proxyPage = new ApiClient(answer(() => new Response('<html>Bad gateway</html>', { status: 502 })));
    expect(await failureOf(proxyPage)).toMatchObject({
      kind: 'http',
      status: 502,
      code: 'http-502',
      message: { id: 'Server menjawab dengan galat 502', en: 'The server answered with error 502' },
    });
  });

  it('reports no answer at all as offline, and an answer that fails the schema as unreadable', async () => {
    const offline = new ApiClient(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await failureOf(offline)).toEqual({ kind: 'offline' });

    const wrongShape = new ApiClient(answer(() => Response.json({ id: 'not a user' })));
    expect(await failureOf(wrongShape)).toMatchObject({ code: 'bad-response' });
  });

  it('returns the validated body and the server clock from the Date header', async () => {
    const user = {
      id: '0190f5c2-7a1b-7c3d-8e4f-123456789abc',
      tenantId: 't',
      tenantName: 'Kabupaten',
      name: 'Sari',
      email: 'sari@contoh.go.id',
      phone: null,
      role: 'coordinator',
      unitIds: [],
    };
    const sent: RequestInit[] = [];
    const client = new ApiClient(async (_url, init) => {
      sent.push(init ?? {});
      return Response.json(user, { headers: { Date: 'Tue, 24 Nov 2026 12:00:00 GMT' } });
    });
    const res = await client.request('GET', '/api/me', { schema: userSchema, token: 'abc' });
    expect(res.data).toEqual(user);
    expect(res.serverTime).toBe(Date.UTC(2026, 10, 24, 12, 0, 0));
    expect(sent[0]?.headers).toMatchObject({ Authorization: 'Bearer abc' });
    expect(sent[0]?.cache).toBe('no-store');
  });
});

describe('exportFilename', () => {
  it('names the file after the database and the local time, safe on any phone', () => {
    expect(exportFilename('rintis-user-0190f5c2-7a1b', new Date(2026, 0, 5, 7, 9))).toBe(
      'rintis-user-0190f5c2-7a1b-2026-01-05-0709.json',
    );
  });
});
