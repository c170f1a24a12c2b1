/**
 * Every account is a person of its tenant, on PGlite and on a real PostgreSQL (called from people-pglite /
 * people-postgres): creating, renaming, re-roling, moving and disabling an account through the accounts API
 * writes the person record (id = the user id) that a pull then returns to everyone of the tenant and to nobody
 * else; accounts made before get theirs from migration 009.
 */
import { mkdtempSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { migrate } from '../../../src/server/db/index';
import type { Database } from '../../../src/server/db/types';
import { anyRecordSchema, type AnyRecord, type Person } from '../../../src/shared/records';
import type { Account } from '../../../src/shared/api';
import { CAST, UNIT_A, UNIT_B, seedUnits, seedUsers, syncApp, type SyncTestApp } from './helpers';
import { Device, pull, pullAll, push } from './fixtures';

const persons = (records: AnyRecord[]) => records.filter((r): r is Person => r.kind === 'person');

export function peopleSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`account people on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let app: SyncTestApp;

    beforeAll(async () => {
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CAST);
      // Accounts may only be given units of their tenant.
      await seedUnits(db, seeded.tenants['Kabupaten Contoh']!, [UNIT_A, UNIT_B]);
      app = syncApp(db, seeded.tokens);
    });
    afterAll(() => done());

    const accounts = async (method: 'POST' | 'PATCH', path: string, body: unknown) => {
      const res = await app.request(`/api/accounts${path}`, {
        method,
        headers: { authorization: 'Bearer coord', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(method === 'POST' ? 201 : 200);
      return (await res.json()) as Account;
    };
    const personOf = async (key: string, id: string, cursor = 0) => {
      const page = await pull(app, key, cursor);
      return { person: persons(page.records).find((p) => p.id === id), cursor: page.cursor };
    };

    it('creating an account writes its person record, pulled by the tenant and never by another tenant', async () => {
      const account = await accounts('POST', '', {
        name: 'Siti Pendamping',
        email: `siti-${uuidv7()}@contoh.go.id`,
        phone: null,
        password: 'kata sandi panjang',
        role: 'facilitator',
        unitIds: [UNIT_A],
      });
      for (const key of ['innoB', 'facA', 'viewer', 'coord']) {
        const records = await pullAll(app, key);
        const person = persons(records).find((p) => p.id === account.id);
        expect(person, key).toMatchObject({
          name: 'Siti Pendamping',
          role: 'facilitator',
          unitIds: [UNIT_A],
          hasAccount: true,
          position: '',
          demo: false,
          deleted: false,
        });
        // What phones store must pass the shared schema.
        expect(anyRecordSchema.safeParse(person).success).toBe(true);
      }
      const other = await pullAll(app, 'other');
      expect(other.some((r) => r.id === account.id)).toBe(false);
    });

    it('renaming, changing role and units, and disabling rewrite it; an unchanged save writes nothing', async () => {
      const account = await accounts('POST', '', {
        name: 'Budi',
        email: null,
        phone: `0812${String(Date.now()).slice(-8)}`,
        password: 'kata sandi panjang',
        role: 'innovator',
        unitIds: [UNIT_A],
      });
      const first = await personOf('innoA', account.id);
      expect(first.person?.name).toBe('Budi');

      await accounts('PATCH', `/${account.id}`, {
        name: 'Budi Santoso',
        role: 'facilitator',
        unitIds: [UNIT_B],
      });
      const renamed = await personOf('innoA', account.id, first.cursor);
      expect(renamed.person).toMatchObject({ name: 'Budi Santoso', role: 'facilitator', unitIds: [UNIT_B] });
      // Only the changed paths got the new version: a phone's edit of another field does not collide.
      expect(renamed.person!.fieldVersions.position).toBe(first.person!.fieldVersions.position);
      expect(renamed.person!.fieldVersions.name).toBe(renamed.person!.rev);

      await accounts('PATCH', `/${account.id}`, { name: 'Budi Santoso' });
      const unchanged = await pull(app, 'innoA', renamed.cursor);
      expect(unchanged.records.some((r) => r.id === account.id)).toBe(false);

      await accounts('PATCH', `/${account.id}`, { disabled: true });
      const disabled = await personOf('innoA', account.id, renamed.cursor);
      expect(disabled.person?.deleted).toBe(true);
      await accounts('PATCH', `/${account.id}`, { disabled: false });
      const enabled = await personOf('innoA', account.id, disabled.cursor);
      expect(enabled.person).toMatchObject({ deleted: false, name: 'Budi Santoso' });
      expect((await pullAll(app, 'other')).some((r) => r.id === account.id)).toBe(false);
    });

    it('keeps the position a coordinator set on the record when the account changes', async () => {
      const account = await accounts('POST', '', {
        name: 'Rina',
        email: `rina-${uuidv7()}@contoh.go.id`,
        phone: null,
        password: 'kata sandi panjang',
        role: 'facilitator',
        unitIds: [UNIT_A],
      });
      const { person } = await personOf('coord', account.id);
      const phone = new Device(`phone-people-${uuidv7()}`, 'coord');
      const result = await push(app, 'coord', [
        phone.update(account.id, { position: 'Pendamping kecamatan' }, person!.fieldVersions, 'person'),
      ]);
      expect(result.results[0]?.status).toBe('applied');
      await accounts('PATCH', `/${account.id}`, { name: 'Rina Wati' });
      const after = persons(await pullAll(app, 'facA')).find((p) => p.id === account.id);
      expect(after).toMatchObject({ name: 'Rina Wati', position: 'Pendamping kecamatan', hasAccount: true });
    });

    it('a facilitator cannot take over an account person record by a push', async () => {
      const account = await accounts('POST', '', {
        name: 'Dewi Inovator',
        email: `dewi-${uuidv7()}@contoh.go.id`,
        phone: null,
        password: 'kata sandi panjang',
        role: 'innovator',
        unitIds: [UNIT_A],
      });
      const { person } = await personOf('facA', account.id);
      const phone = new Device(`phone-people-${uuidv7()}`, 'facA');
      const result = await push(app, 'facA', [
        phone.update(person!.id, { name: 'Bukan dia' }, person!.fieldVersions, 'person'),
      ]);
      expect(result.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    });
  });
}

/**
 * Migration 009 on a database that already has accounts: run the migrations before it, add accounts, then
 * migrate to the end.
 */
export function backfillSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`migration 009 on ${name}`, () => {
    it('gives accounts made before their person record (a disabled one as a tombstone), once', async () => {
      const { db, done } = await open();
      try {
        const all = fileURLToPath(new URL('../../../src/server/db/migrations/', import.meta.url));
        const before = mkdtempSync(join(tmpdir(), 'rintis-migrations-'));
        for (const f of readdirSync(all).filter((f) => /^\d+_/.test(f) && Number.parseInt(f, 10) < 9))
          copyFileSync(join(all, f), join(before, f));
        await migrate(db, before);
        const seeded = await seedUsers(db, CAST);
        await db.query('update users set disabled = true where id = $1', [seeded.auth.viewer!.userId]);
        const applied = await migrate(db);
        expect(applied).toContain('009_account_people.sql');
        const app = syncApp(db, seeded.tokens);

        const records = await pullAll(app, 'innoA');
        for (const record of records) expect(anyRecordSchema.safeParse(record).success).toBe(true);
        const people = persons(records);
        const tenantKeys = ['coord', 'innoA', 'facA', 'innoB', 'viewer'];
        expect(people.map((p) => p.id).sort()).toEqual(tenantKeys.map((k) => seeded.auth[k]!.userId).sort());
        expect(people.find((p) => p.id === seeded.auth.facA!.userId)).toMatchObject({
          name: 'facA',
          role: 'facilitator',
          unitIds: [UNIT_A],
          hasAccount: true,
          deleted: false,
        });
        expect(people.find((p) => p.id === seeded.auth.viewer!.userId)?.deleted).toBe(true);
        expect((await pullAll(app, 'other')).map((r) => r.id)).toEqual([seeded.auth.other!.userId]);

        // A later change of the account versions on top of the backfilled record.
        const res = await app.request(`/api/accounts/${seeded.auth.facA!.userId}`, {
          method: 'PATCH',
          headers: { authorization: 'Bearer coord', 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Fasilitator A' }),
        });
        expect(res.status).toBe(200);
        const after = persons(await pullAll(app, 'innoA')).find((p) => p.id === seeded.auth.facA!.userId);
        expect(after?.name).toBe('Fasilitator A');
        expect(after!.rev).toBeGreaterThan(Math.max(...people.map((p) => p.rev)));
      } finally {
        await done();
      }
    });
  });
}
