/**
 * U+0000 in a request (found by the OpenAPI fuzz, openapi-fuzz.test.ts): PostgreSQL cannot store the character in
 * text or jsonb, so each of these reached the database and answered 500. Now each is a 400 in the error shape,
 * and nothing is written. Run on PGlite and on a real PostgreSQL (both refuse the character).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createApp } from '../../src/server/app';
import type { Database } from '../../src/server/db/types';
import { apiErrorSchema, PROTOCOL_VERSION, type PushResponse } from '../../src/shared/protocol';
import { AUTH_SECRET, CAST, UNIT_A, seedUsers } from '../server/sync/helpers';
import { Device, draftBody } from '../server/sync/fixtures';
import { jpeg, sha256Hex } from '../server/files/fixtures';
import { metadataHeader } from '../server/files/harness';
import { TEST_PASSWORD_HASH_COST } from '../server/support/passwords';

const NUL = '\u0000';

async function expectRefused(res: Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  const { error } = apiErrorSchema.parse(await res.json());
  expect(error.code).toBe(code);
  expect(error.message).not.toBe(error.messageEn);
}

export function nulCharacterSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`U+0000 in requests on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let fileDir: string;
    let tokens: Record<string, string>;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      ({ db, done } = await open());
      fileDir = await mkdtemp(join(tmpdir(), 'rintis-nul-'));
      ({ tokens } = await seedUsers(db, CAST));
      app = createApp({
        db,
        config: {
          authSecret: AUTH_SECRET,
          passwordHashCost: TEST_PASSWORD_HASH_COST,
          logLevel: 'silent',
          fileDir,
        },
      });
    });
    afterAll(async () => {
      await done();
      await rm(fileDir, { recursive: true, force: true });
    });

    const json = (path: string, method: string, body: unknown, as?: string) =>
      app.request(path, {
        method,
        headers: {
          'Content-Type': 'application/json',
          ...(as ? { Authorization: `Bearer ${tokens[as]}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const accountCount = async () =>
      Number((await db.query<{ n: string }>('select count(*) as n from users')).rows[0]!.n);

    it('refuses a sign-in whose login holds NUL with 400 nul-character, not a 500', async () => {
      const res = await json('/api/auth/sign-in', 'POST', {
        login: `kia${NUL}@contoh.go.id`,
        password: 'kata-sandi-rahasia',
      });
      await expectRefused(res, 400, 'nul-character');
    });

    it('refuses an account name holding NUL on create and on change, and writes nothing', async () => {
      const before = await accountCount();
      const created = await json(
        '/api/accounts',
        'POST',
        { name: `Ina${NUL}`, email: 'ina.nul@contoh.go.id', phone: null, role: 'innovator', unitIds: [] },
        'coord',
      );
      await expectRefused(created, 400, 'nul-character');
      expect(await accountCount()).toBe(before);

      const { rows } = await db.query<{ id: string }>(`select id from users where name = 'innoA'`);
      const changed = await json(`/api/accounts/${rows[0]!.id}`, 'PATCH', { name: `A${NUL}B` }, 'coord');
      await expectRefused(changed, 400, 'nul-character');
      const after = await db.query<{ name: string }>('select name from users where id = $1', [rows[0]!.id]);
      expect(after.rows[0]!.name).toBe('innoA');
    });

    it('refuses a push whose device id holds NUL; a NUL in a value is still rejected change by change', async () => {
      const change = new Device(`dev-${uuidv7()}`, 'innoA').create(draftBody(UNIT_A));
      const badDevice = `fuzz${NUL}device`;
      const refused = await json(
        '/api/sync/push',
        'POST',
        {
          protocolVersion: PROTOCOL_VERSION,
          deviceId: badDevice,
          changes: [{ ...change, deviceId: badDevice }],
        },
        'innoA',
      );
      await expectRefused(refused, 400, 'invalid-request');

      // In a value the push answers 200 and rejects that change only, so the phone's other changes go through.
      const device = new Device(`dev-${uuidv7()}`, 'innoA');
      const good = device.create(draftBody(UNIT_A));
      const bad = device.create(draftBody(UNIT_A, { title: `Judul${NUL}` }));
      const res = await json(
        '/api/sync/push',
        'POST',
        { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, changes: [good, bad] },
        'innoA',
      );
      expect(res.status).toBe(200);
      const out = (await res.json()) as PushResponse;
      expect(out.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    });

    it('refuses a tus upload whose file name holds NUL as invalid-upload, not a 500', async () => {
      const parent = new Device(`dev-${uuidv7()}`, 'innoA').create(draftBody(UNIT_A));
      const pushed = await json(
        '/api/sync/push',
        'POST',
        { protocolVersion: PROTOCOL_VERSION, deviceId: parent.deviceId, changes: [parent] },
        'innoA',
      );
      expect(pushed.status).toBe(200);
      const bytes = jpeg(4_000, 21);
      const res = await app.request('/api/files/', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${tokens['innoA']}`,
          'Tus-Resumable': '1.0.0',
          'Upload-Length': String(bytes.length),
          'Upload-Metadata': metadataHeader({
            sha256: sha256Hex(bytes),
            filename: `foto${NUL}.jpg`,
            filetype: 'image/jpeg',
            parentId: parent.recordId,
          }),
        },
      });
      await expectRefused(res, 400, 'invalid-upload');
    });
  });
}
