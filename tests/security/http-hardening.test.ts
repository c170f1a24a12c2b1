/**
 * Security findings about what every API response carries and how long a live stream lives (issue #17):
 * no `Cache-Control` on responses with tokens or personal data; `/api/metrics` public; a client-chosen
 * `X-Request-Id` logged as given; a token without `exp` accepted; 300 event streams from one account accepted and
 * kept delivering after the account was disabled or the token expired; two advisory locks sharing one key space.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from 'hono/jwt';
import { createApp } from '../../src/server/app';
import { TEST_PASSWORD_HASH_COST } from '../server/support/passwords';
import type { Database } from '../../src/server/db/types';
import { signAccessToken } from '../../src/server/auth/tokens';
import { DEVICE_LOCK, WRITERS_LOCK, UNITS_LOCK } from '../../src/server/sync/locks';
import { IMPORT_LOCK } from '../../src/server/accounts/import';
import { QUOTA_LOCK } from '../../src/server/files/repository';
import { MAX_EVENT_STREAMS_PER_USER } from '../../src/server/sync/routes';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { AUTH_SECRET, CAST, openPglite, seedUsers } from '../server/sync/helpers';

const METRICS_TOKEN = 'metrics-token-0123456789';

describe('API responses, metrics, request ids, tokens and live streams', () => {
  let db: Database;
  let done: () => Promise<void>;
  let seeded: Awaited<ReturnType<typeof seedUsers>>;
  let app: ReturnType<typeof createApp>;
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    ({ db, done } = await openPglite());
    seeded = await seedUsers(db, CAST);
    app = createApp({
      db,
      config: {
        passwordHashCost: TEST_PASSWORD_HASH_COST,
        authSecret: AUTH_SECRET,
        logLevel: 'silent',
        metricsToken: METRICS_TOKEN,
        liveKeepAliveMs: 100,
      },
    });
  });
  afterAll(async () => {
    await done();
  });

  it('marks every API response no-store: answers, refusals and errors alike', async () => {
    const responses = [
      await app.request('/api/health'),
      await app.request('/api/me', bearer(seeded.tokens.innoA!)),
      await app.request('/api/me'),
      await app.request(
        `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0`,
        bearer(seeded.tokens.innoA!),
      ),
      await app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'nobody@contoh.go.id', password: 'salah-sekali-123' }),
      }),
      await app.request('/api/no-such-route'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 401, 200, 401, 404]);
    for (const res of responses) expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('serves metrics only with the metrics token, and not at all without one configured', async () => {
    expect((await app.request('/api/metrics')).status).toBe(401);
    expect((await app.request('/api/metrics', bearer('wrong-token-0123456789'))).status).toBe(401);
    // An account's own access token is no metrics token.
    expect((await app.request('/api/metrics', bearer(seeded.tokens.coord!))).status).toBe(401);
    const ok = await app.request('/api/metrics', bearer(METRICS_TOKEN));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('rintis_http_requests_total');
    const unset = createApp({
      db,
      config: { passwordHashCost: TEST_PASSWORD_HASH_COST, authSecret: AUTH_SECRET, logLevel: 'silent' },
    });
    expect((await unset.request('/api/metrics', bearer(METRICS_TOKEN))).status).toBe(404);
  });

  it('answers with its own request id, never the one a client sent', async () => {
    const res = await app.request('/api/health', { headers: { 'X-Request-Id': 'forged-id-from-client' } });
    const id = res.headers.get('X-Request-Id');
    expect(id).not.toBe('forged-id-from-client');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a correctly signed access token that has no expiry', async () => {
    const { userId, tenantId } = seeded.auth.innoA!;
    const forever = await sign({ sub: userId, tid: tenantId, typ: 'access', iat: 1 }, AUTH_SECRET, 'HS256');
    const res = await app.request('/api/me', bearer(forever));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid-token');
  });

  /** Opens a live stream; resolves with the response (its body is left open). */
  const openStream = (token: string) => app.request('/api/sync/events', bearer(token));
  /** Reads a stream to its end; rejects if it is still open after `ms`. */
  async function endsWithin(res: Response, ms: number): Promise<void> {
    const reader = res.body!.getReader();
    const deadline = Date.now() + ms;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('the stream is still open');
      const chunk = await Promise.race([
        reader.read(),
        new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), left)),
      ]);
      if (chunk === 'timeout') throw new Error('the stream is still open');
      if (chunk.done) return;
    }
  }

  it(`holds at most ${MAX_EVENT_STREAMS_PER_USER} live streams per account, and gives a place back when one ends`, async () => {
    const token = seeded.tokens.facA!;
    const open = await Promise.all(
      Array.from({ length: MAX_EVENT_STREAMS_PER_USER }, () => openStream(token)),
    );
    expect(open.map((r) => r.status)).toEqual(open.map(() => 200));
    const refused = await Promise.all(Array.from({ length: 20 }, () => openStream(token)));
    expect(new Set(refused.map((r) => r.status))).toEqual(new Set([429]));
    const body = (await refused[0]!.json()) as {
      error: { code: string; message: string; messageEn: string };
    };
    expect(body.error.code).toBe('too-many-streams');
    expect(body.error.message).toMatch(/Terlalu banyak/);
    // Another account is not affected.
    const other = await openStream(seeded.tokens.innoA!);
    expect(other.status).toBe(200);
    await other.body!.cancel();
    await open[0]!.body!.cancel();
    await expect
      .poll(async () => {
        const again = await openStream(token);
        if (again.status === 200) await again.body!.cancel();
        return again.status;
      })
      .toBe(200);
    for (const res of open.slice(1)) await res.body!.cancel();
  });

  it('ends a live stream when its account is disabled', async () => {
    const res = await openStream(seeded.tokens.innoB!);
    expect(res.status).toBe(200);
    await db.query('update users set disabled = true where id = $1', [seeded.auth.innoB!.userId]);
    await endsWithin(res, 3_000);
  });

  it('ends a live stream when the token that opened it expires', async () => {
    const { userId, tenantId } = seeded.auth.viewer!;
    // A token with one second left (signed 15 minutes minus one second ago).
    const { token } = await signAccessToken(
      AUTH_SECRET,
      { userId, tenantId },
      Date.now() - 15 * 60 * 1000 + 1_000,
    );
    const res = await openStream(token);
    expect(res.status).toBe(200);
    await endsWithin(res, 4_000);
  });

  it('answers an anonymous push before reading its body (a body that never ends still gets a 401 at once)', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 64 KB, then nothing more ever: a reader that waits for the end waits for ever.
        if (pulled++ === 0) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        return new Promise<void>(() => undefined);
      },
    });
    const answer = app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    const res = await Promise.race([
      answer,
      new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 2_000)),
    ]);
    expect(res).not.toBe('waiting');
    expect((res as Response).status).toBe(401);
    await endless.cancel().catch(() => undefined);
  });

  it('gives every advisory lock its own key space', () => {
    const keys = [WRITERS_LOCK, DEVICE_LOCK, QUOTA_LOCK, UNITS_LOCK, IMPORT_LOCK];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
