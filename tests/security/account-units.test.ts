/**
 * Account unit ids are checked against the tenant (security finding): a coordinator creating or changing an
 * account could give it another tenant's unit, or an id no unit has, and the account's units decide what it reads
 * and writes. Now both are refused with 400 `unknown-units`, one message naming the ids for either case, and
 * nothing is written. Through the real app, on PGlite and on a fresh PostgreSQL database. (The bulk import names
 * units by name, resolved in the tenant: tests/server/import/suite.ts, "another tenant's units of the same name…".)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createApp } from '../../src/server/app';
import { migrate } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';
import { accountSchema } from '../../src/shared/api';
import { apiErrorSchema } from '../../src/shared/protocol';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../server/support/databases';
import { AUTH_SECRET, seedUnits, seedUsers } from '../server/sync/helpers';
import { TEST_PASSWORD_HASH_COST } from '../server/support/passwords';

describe.each(DATABASE_KINDS)('account units belong to the tenant, on %s', (kind) => {
  let t: TestDatabase;
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let token = '';
  const own = uuidv7();
  const foreign = uuidv7();

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    db = t.db;
    await migrate(db);
    const seeded = await seedUsers(db, {
      coord: { tenant: 'Kabupaten Contoh', role: 'coordinator', unitIds: [] },
      other: { tenant: 'Kota Lain', role: 'coordinator', unitIds: [] },
    });
    token = seeded.tokens.coord!;
    await seedUnits(db, seeded.tenants['Kabupaten Contoh']!, [own]);
    await seedUnits(db, seeded.tenants['Kota Lain']!, [foreign]);
    app = createApp({
      db,
      config: { authSecret: AUTH_SECRET, passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent' },
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const send = (method: 'POST' | 'PATCH', path: string, body: unknown) =>
    app.request(`/api/accounts${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const newAccount = (unitIds: string[]) => ({
    name: 'Nia Baru',
    email: `nia-${uuidv7()}@contoh.go.id`,
    phone: null,
    role: 'innovator',
    unitIds,
  });
  async function refusal(res: Response) {
    expect(res.status).toBe(400);
    const { error } = apiErrorSchema.parse(await res.json());
    expect(error.code).toBe('unknown-units');
    return error;
  }

  it('refuses a new account given another tenant’s unit or a missing one, alike, and creates nothing', async () => {
    const missing = uuidv7();
    const request = newAccount([own, foreign]);
    const other = await refusal(await send('POST', '', request));
    expect(other.message).toBe(`Unit tidak dikenal di kabupaten ini: ${foreign}`);
    expect(other.messageEn).toBe(`Units unknown in this regency: ${foreign}`);
    const gone = await refusal(await send('POST', '', newAccount([missing, own])));
    expect(gone.message.replace(missing, 'ID')).toBe(other.message.replace(foreign, 'ID'));
    // Nothing was created: the same login is still free, and with its own unit it is made.
    const made = await send('POST', '', { ...request, unitIds: [own] });
    expect(made.status).toBe(201);
    expect(accountSchema.parse(await made.json()).unitIds).toEqual([own]);
  });

  it('refuses moving an account to another tenant’s unit, leaving it as it was', async () => {
    const made = accountSchema.parse(await (await send('POST', '', newAccount([own]))).json());
    const both = await refusal(await send('PATCH', `/${made.id}`, { unitIds: [foreign, uuidv7()] }));
    expect(both.messageEn).toContain(foreign);
    const { rows } = await db.query<{ unit_ids: string[] }>('select unit_ids from users where id = $1', [
      made.id,
    ]);
    expect(rows[0]!.unit_ids).toEqual([own]);
    const renamed = await send('PATCH', `/${made.id}`, { name: 'Nia Lestari', unitIds: [own] });
    expect(renamed.status).toBe(200);
  });
});
