/**
 * Bulk import on the server (POST /api/accounts/import), run on PGlite and on a real PostgreSQL: a dry run writes
 * nothing, a commit writes everything or nothing, re-importing changes nothing, 100 parallel commits create each
 * unit and account once, the limits, coordinators only, and another tenant's units and logins stay apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database, Queryable } from '../../../src/server/db/types';
import type { AuthContext } from '../../../src/server/auth/types';
import { commitImport } from '../../../src/server/accounts/import';
import {
  IMPORT_MAX_ROWS,
  importPreviewSchema,
  importResultSchema,
  type ImportAccountRow,
  type ImportRequest,
  type ImportUnitRow,
} from '../../../src/shared/import';
import { CAST, seedUsers, syncApp, type SyncTestApp } from '../sync/helpers';
import { pullAll } from '../sync/fixtures';
import { testPasswords } from '../support/passwords';
import type { Unit } from '../../../src/shared/records';

const unitRows = (names: [string, string][], from = 2): ImportUnitRow[] =>
  names.map(([name, type], i) => ({ row: from + i, name, type }));
const accountRow = (
  row: number,
  name: string,
  login: string,
  role: string,
  units: string,
): ImportAccountRow => ({
  row,
  name,
  email: login.includes('@') ? login : '',
  phone: login.includes('@') ? '' : login,
  role,
  units,
});

export function importSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`bulk import on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let app: SyncTestApp;
    let users: Record<string, AuthContext>;
    beforeAll(async () => {
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CAST);
      users = seeded.auth;
      app = syncApp(db, seeded.tokens);
    });
    afterAll(async () => {
      await done();
    });

    const send = (who: string, body: unknown) =>
      app.request('/api/accounts/import', {
        method: 'POST',
        headers: { authorization: `Bearer ${who}`, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const counts = async () => {
      const { rows } = await db.query<{
        records: number;
        users: number;
        changes: number;
        top: string | null;
      }>(
        `SELECT (SELECT count(*)::int FROM sync_records) AS records, (SELECT count(*)::int FROM users) AS users,
           (SELECT count(*)::int FROM sync_changes) AS changes, (SELECT max(version) FROM sync_records) AS top`,
      );
      return rows[0]!;
    };
    const pulledUnits = async (who: string) =>
      (await pullAll(app, who)).filter((r): r is Unit => r.kind === 'unit');
    const unitNames = async (tenant: string) =>
      (
        await db.query<{ name: string }>(
          `SELECT body->>'name' AS name FROM sync_records WHERE tenant_id = $1 AND kind = 'unit' ORDER BY 1`,
          [tenant],
        )
      ).rows.map((r) => r.name);

    const file = (tag: string): Omit<ImportRequest, 'dryRun'> => ({
      units: unitRows([
        [`Dinas Kesehatan ${tag}`, 'OPD'],
        [`Puskesmas Malili ${tag}`, 'Puskesmas'],
        [`Kecamatan Nuha ${tag}`, 'kecamatan'],
      ]),
      accounts: [
        accountRow(2, 'Siti Rahma', `siti-${tag}@contoh.go.id`, 'Inovator', `puskesmas malili ${tag}`),
        accountRow(
          3,
          'Andi Saputra',
          `0812${tag.padStart(8, '0').slice(-8)}`,
          'Pendamping',
          `Dinas Kesehatan ${tag}; Kecamatan Nuha ${tag}`,
        ),
        accountRow(4, 'Ibu Kepala', `kepala-${tag}@contoh.go.id`, 'Pimpinan', ''),
      ],
    });

    it('is for coordinators only: 403 for others, 401 without a token', async () => {
      for (const who of ['innoA', 'facA', 'viewer']) {
        const res = await send(who, { ...file('1'), dryRun: true });
        expect(res.status).toBe(403);
        const body = (await res.json()) as { error: { message: string; messageEn: string } };
        expect(body.error.messageEn).toBe('Only local admins can import units and accounts');
        expect(body.error.message).toBe('Hanya admin lokal yang dapat mengimpor unit dan akun');
      }
      expect((await send('nobody', { ...file('1'), dryRun: false })).status).toBe(401);
    });

    it('a dry run says what would be created and writes nothing', async () => {
      const before = await counts();
      const res = await send('coord', { ...file('11'), dryRun: true });
      expect(res.status).toBe(200);
      const preview = importPreviewSchema.parse(await res.json());
      expect(preview.errors).toEqual([]);
      expect(preview.units.map((u) => u.status)).toEqual(['create', 'create', 'create']);
      expect(preview.accounts.map((a) => [a.status, a.role])).toEqual([
        ['create', 'innovator'],
        ['create', 'facilitator'],
        ['create', 'viewer'],
      ]);
      expect('passwords' in preview).toBe(false);
      expect(await counts()).toEqual(before);
    });

    it('a commit writes every unit and account; phones pull the units; new accounts sign in once', async () => {
      const res = await send('coord', { ...file('12'), dryRun: false });
      expect(res.status).toBe(200);
      const result = importResultSchema.parse(await res.json());
      expect(result.passwords).toHaveLength(3);
      expect(result.passwords.map((p) => p.login)).toEqual([
        'siti-12@contoh.go.id',
        '6281200000012',
        'kepala-12@contoh.go.id',
      ]);
      for (const p of result.passwords) expect(p.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(new Set(result.passwords.map((p) => p.password)).size).toBe(3);

      // Units are synced records: an innovator's phone pulls them with versions like any other record.
      const pulled = (await pulledUnits('innoA')).filter((r) => r.name.endsWith(' 12'));
      expect(pulled.map((r) => r.name).sort()).toEqual([
        'Dinas Kesehatan 12',
        'Kecamatan Nuha 12',
        'Puskesmas Malili 12',
      ]);
      for (const unit of pulled) {
        expect(unit).toMatchObject({
          tenantId: users.coord!.tenantId,
          deleted: false,
          demo: false,
          createdBy: users.coord!.userId,
        });
        expect(unit.rev).toBeGreaterThan(0);
        expect(unit.fieldVersions).toMatchObject({ name: unit.rev, type: unit.rev, demo: unit.rev });
      }

      // The accounts hold the units named in the file, by their new record ids.
      const idOf = (n: string) => pulled.find((u) => u.name === n)!.id;
      const { rows } = await db.query<{
        email: string | null;
        phone: string | null;
        role: string;
        unit_ids: string[];
        tenant_id: string;
      }>(
        `SELECT email, phone, role, unit_ids, tenant_id FROM users WHERE email LIKE '%-12@contoh.go.id' OR phone = '6281200000012' ORDER BY role`,
      );
      expect(rows).toEqual([
        {
          email: null,
          phone: '6281200000012',
          role: 'facilitator',
          unit_ids: [idOf('Dinas Kesehatan 12'), idOf('Kecamatan Nuha 12')],
          tenant_id: users.coord!.tenantId,
        },
        {
          email: 'siti-12@contoh.go.id',
          phone: null,
          role: 'innovator',
          unit_ids: [idOf('Puskesmas Malili 12')],
          tenant_id: users.coord!.tenantId,
        },
        {
          email: 'kepala-12@contoh.go.id',
          phone: null,
          role: 'viewer',
          unit_ids: [],
          tenant_id: users.coord!.tenantId,
        },
      ]);

      const signIn = await app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: '0812-0000-0012', password: result.passwords[1]!.password }),
      });
      expect(signIn.status).toBe(200);
    });

    it('re-importing the same file creates nothing and changes nothing', async () => {
      await send('coord', { ...file('13'), dryRun: false });
      const before = await counts();
      const preview = importPreviewSchema.parse(
        await (await send('coord', { ...file('13'), dryRun: true })).json(),
      );
      expect([...preview.units, ...preview.accounts].every((r) => r.status === 'unchanged')).toBe(true);
      // Names typed differently (case, spaces) are the same unit; the same phone written another way is one login.
      const again = file('13');
      again.units[0]!.name = '  dinas   KESEHATAN 13 ';
      again.accounts[1]!.phone = '+62 812-0000-0013';
      again.accounts[1]!.units = 'kecamatan nuha 13;DINAS KESEHATAN 13';
      const res = await send('coord', { ...again, dryRun: false });
      expect(res.status).toBe(200);
      const result = importResultSchema.parse(await res.json());
      expect(result.passwords).toEqual([]);
      expect([...result.units, ...result.accounts].every((r) => r.status === 'unchanged')).toBe(true);
      expect(await counts()).toEqual(before);
    });

    it('a changed file updates only what changed (a unit type, a role, units)', async () => {
      await send('coord', { ...file('14'), dryRun: false });
      const changed = file('14');
      changed.units[2]!.type = 'Lainnya';
      changed.accounts[0]!.role = 'Pendamping';
      changed.accounts[0]!.units = 'Puskesmas Malili 14; Dinas Kesehatan 14';
      const preview = importPreviewSchema.parse(
        await (await send('coord', { ...changed, dryRun: true })).json(),
      );
      expect(preview.units.map((u) => u.status)).toEqual(['unchanged', 'unchanged', 'update']);
      expect(preview.accounts.map((a) => [a.status, a.changes])).toEqual([
        ['update', ['role', 'units']],
        ['unchanged', []],
        ['unchanged', []],
      ]);
      const before = await counts();
      const result = importResultSchema.parse(
        await (await send('coord', { ...changed, dryRun: false })).json(),
      );
      expect(result.passwords).toEqual([]);
      const after = await counts();
      expect(after.records).toBe(before.records);
      expect(after.users).toBe(before.users);
      // Three change-log rows: the unit's type, and the role and units of the changed account's person record.
      expect(after.changes).toBe(before.changes + 3);
      const unit = (await pulledUnits('innoA')).find((r) => r.name === 'Kecamatan Nuha 14')!;
      expect(unit).toMatchObject({ type: 'lainnya' });
      expect(unit.fieldVersions.type).toBe(unit.rev);
      expect(unit.fieldVersions.name).toBeLessThan(unit.rev);
      const { rows } = await db.query<{ role: string }>(
        `SELECT role FROM users WHERE email = 'siti-14@contoh.go.id'`,
      );
      expect(rows[0]!.role).toBe('facilitator');
    });

    it('a file with any row error is refused whole: 400 with the rows, nothing written', async () => {
      const bad = file('15');
      bad.accounts.push(accountRow(5, 'Tanpa Unit', 'x-15@contoh.go.id', 'Inovator', 'Puskesmas Entah'));
      bad.units.push({ row: 5, name: 'Unit Aneh', type: 'Kantor Pos' });
      const before = await counts();
      const preview = importPreviewSchema.parse(await (await send('coord', { ...bad, dryRun: true })).json());
      expect(preview.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
        ['unit', 5, 'jenis'],
        ['account', 5, 'unit'],
      ]);
      const res = await send('coord', { ...bad, dryRun: false });
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        error: { code: string; messageEn: string; details: { errors: unknown[] } };
      };
      expect(body.error.code).toBe('import-rows-invalid');
      expect(body.error.messageEn).toBe('2 rows have errors; fix them first, nothing was imported');
      expect(body.error.details.errors).toHaveLength(2);
      expect(await counts()).toEqual(before);
    });

    it('a failure in the middle of a commit rolls back everything written before it', async () => {
      const before = await counts();
      // The units go last, after the accounts: failing there must take the accounts back too.
      const failing: Database = {
        ...db,
        kind: db.kind,
        query: db.query.bind(db),
        close: db.close.bind(db),
        transaction: (fn) =>
          db.transaction((tx) =>
            fn({
              query: (sql, params) =>
                sql.includes('INSERT INTO sync_records')
                  ? Promise.reject(new Error('disk full'))
                  : tx.query(sql, params),
            } satisfies Queryable),
          ),
      };
      await expect(
        commitImport(failing, users.coord!, { ...file('16'), dryRun: false }, testPasswords),
      ).rejects.toThrow('disk full');
      expect(await counts()).toEqual(before);
    });

    it('100 parallel commits of the same file create each unit and account once', async () => {
      const before = await counts();
      const responses = await Promise.all(
        Array.from({ length: 100 }, () => send('coord', { ...file('17'), dryRun: false })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
      const results = await Promise.all(responses.map(async (r) => importResultSchema.parse(await r.json())));
      expect(results.filter((r) => r.passwords.length > 0)).toHaveLength(1);
      expect(results.flatMap((r) => r.passwords)).toHaveLength(3);
      const after = await counts();
      // Each unit once, and each account once with its person record.
      expect(after.records - before.records).toBe(3 + 3);
      expect(after.users - before.users).toBe(3);
      expect((await unitNames(users.coord!.tenantId)).filter((n) => n.endsWith(' 17'))).toHaveLength(3);
    });

    it("another tenant's units of the same name are not matched, and its import stays in its tenant", async () => {
      await send('coord', { ...file('18'), dryRun: false });
      const theirs = { units: file('18').units, accounts: [] };
      const preview = importPreviewSchema.parse(
        await (await send('other', { ...theirs, dryRun: true })).json(),
      );
      expect(preview.units.map((u) => u.status)).toEqual(['create', 'create', 'create']);
      const res = await send('other', { ...theirs, dryRun: false });
      expect(res.status).toBe(200);
      expect((await unitNames(users.other!.tenantId)).filter((n) => n.endsWith(' 18'))).toHaveLength(3);
      // Tenant A's phones never see them, and A's units are unchanged.
      const seenByA = (await pulledUnits('innoA')).filter((r) => r.name.endsWith(' 18'));
      expect(seenByA.every((r) => r.tenantId === users.coord!.tenantId)).toBe(true);
      expect(seenByA).toHaveLength(3);
      // A login of tenant A in tenant B's file is a new account of B (logins are unique per tenant): nothing
      // tells B that A uses it (issue #17), and A's account is untouched.
      const same = {
        units: theirs.units,
        accounts: [accountRow(2, 'Siti Lain', 'siti-18@contoh.go.id', 'Admin lokal', '')],
      };
      const planned = importPreviewSchema.parse(
        await (await send('other', { ...same, dryRun: true })).json(),
      );
      expect(planned.errors).toEqual([]);
      expect(planned.accounts.map((a) => a.status)).toEqual(['create']);
      expect((await send('other', { ...same, dryRun: false })).status).toBe(200);
      const { rows } = await db.query<{ tenant_id: string; name: string }>(
        `SELECT tenant_id, name FROM users WHERE email = 'siti-18@contoh.go.id' ORDER BY name`,
      );
      expect(rows).toEqual([
        { tenant_id: users.other!.tenantId, name: 'Siti Lain' },
        { tenant_id: users.coord!.tenantId, name: 'Siti Rahma' },
      ]);
    });

    it('rows named __proto__ are names like any other', async () => {
      const res = await send('coord', {
        units: [
          { row: 2, name: '__proto__', type: 'OPD' },
          { row: 3, name: 'constructor', type: 'OPD' },
        ],
        accounts: [accountRow(2, '__proto__', 'proto@contoh.go.id', 'Inovator', '__proto__;constructor')],
        dryRun: false,
      });
      expect(res.status).toBe(200);
      const result = importResultSchema.parse(await res.json());
      expect(result.units.map((u) => u.status)).toEqual(['create', 'create']);
      expect(await unitNames(users.coord!.tenantId)).toEqual(
        expect.arrayContaining(['__proto__', 'constructor']),
      );
      const { rows } = await db.query<{ unit_ids: string[] }>(
        `SELECT unit_ids FROM users WHERE email = 'proto@contoh.go.id'`,
      );
      expect(rows[0]!.unit_ids).toHaveLength(2);
    });

    it(`limits: more than ${IMPORT_MAX_ROWS} rows is a 400, a body over 5 MB a 413, a long cell that row's error`, async () => {
      const many = unitRows(
        Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i): [string, string] => [`U${i}`, 'OPD']),
      );
      const tooMany = await send('coord', { units: many, accounts: [], dryRun: true });
      expect(tooMany.status).toBe(400);
      expect(JSON.stringify(await tooMany.json())).toContain('too many rows (max. 2000 per file)');

      const huge = JSON.stringify({
        units: [],
        accounts: [],
        dryRun: true,
        pad: 'x'.repeat(5 * 1024 * 1024),
      });
      const tooBig = await send('coord', huge);
      expect(tooBig.status).toBe(413);

      const long = await send('coord', {
        units: [{ row: 2, name: 'x'.repeat(500), type: 'OPD' }],
        accounts: [],
        dryRun: true,
      });
      expect(long.status).toBe(200);
      const preview = importPreviewSchema.parse(await long.json());
      expect(preview.errors[0]).toMatchObject({
        row: 2,
        column: 'nama',
        message: { en: 'unit name too long (max. 200)' },
      });

      const empty = await send('coord', { units: [], accounts: [], dryRun: true });
      expect(empty.status).toBe(400);
      const junk = await send('coord', {
        units: [{ row: 2, name: 'x', type: 'OPD', extra: 1 }],
        accounts: [],
        dryRun: true,
      });
      expect(junk.status).toBe(400);
    });
  });
}
