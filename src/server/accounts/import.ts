/**
 * Bulk import of units and accounts for one tenant. The rows are validated with the shared schemas
 * (`shared/import.ts`) and compared with what the tenant holds; a dry run answers that plan and writes nothing; a
 * commit writes all of it in ONE transaction or nothing.
 *
 * Idempotent and safe under repeats: a commit holds a per-tenant advisory lock and plans again under it, so 100
 * parallel commits of one file create each unit and account once (the first creates, the others find them and
 * change nothing). Logins are unique per tenant in the database (users.email, users.phone with the tenant); another
 * tenant's accounts are never read, so a login used there is no obstacle and nothing tells that it exists.
 */
import { uuidv7 } from 'uuidv7';
import {
  planImport,
  unitNameKey,
  validateImportRows,
  type ExistingAccount,
  type ExistingUnit,
  type ImportPlan,
  type ImportPreview,
  type ImportRequest,
  type ImportResult,
  type IssuedPassword,
  type RowError,
} from '../../shared/import';
import type { AuthContext } from '../auth/types';
import type { Database, Queryable } from '../db/types';
import type { PasswordHasher } from '../auth/password';
import { HASH_CONCURRENCY } from '../auth/hashSlots';
import { writeRecordsAsServer, type ServerRecordWrite } from '../sync/serverWrites';
import { AccountError, findUserById } from './service';
import { writeAccountPerson } from './people';
import { generateOneTimePassword } from '../auth/oneTimePassword';

/** Key space of the per-tenant import lock (first key of two; the second is the tenant id's hash). */
export const IMPORT_LOCK = 74_510_011;
/** How the import's record writes are named in the change log (`sync_changes.device_id`). */
export const IMPORT_DEVICE_ID = 'server-import';

/** The import cannot be committed: rows with errors (the preview lists them). */
export class ImportRowsError extends Error {
  constructor(readonly errors: RowError[]) {
    super(`${errors.length} row errors`);
  }
}

async function loadUnits(db: Queryable, tenantId: string): Promise<ExistingUnit[]> {
  const { rows } = await db.query<{ id: string; name: string; type: string; created_at: string | number }>(
    `SELECT id, body->>'name' AS name, body->>'type' AS type, created_at FROM sync_records
      WHERE tenant_id = $1 AND kind = 'unit' AND NOT deleted`,
    [tenantId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, type: r.type, createdAt: Number(r.created_at) }));
}

/** The tenant's accounts holding a login the file names (logins are unique per tenant). */
async function loadAccounts(
  db: Queryable,
  tenantId: string,
  emails: string[],
  phones: string[],
): Promise<ExistingAccount[]> {
  if (emails.length === 0 && phones.length === 0) return [];
  const { rows } = await db.query<{
    id: string;
    tenant_id: string;
    name: string;
    email: string | null;
    phone: string | null;
    role: ExistingAccount['role'];
    unit_ids: string[];
  }>(
    `SELECT id, tenant_id, name, email, phone, role, unit_ids FROM users
      WHERE tenant_id = $1 AND (email = ANY($2::text[]) OR phone = ANY($3::text[]))`,
    [tenantId, emails, phones],
  );
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    role: r.role,
    unitIds: r.unit_ids,
  }));
}

async function plan(db: Queryable, auth: AuthContext, request: ImportRequest): Promise<ImportPlan> {
  const validated = validateImportRows(request);
  const emails = validated.accounts.flatMap((a) => (a.email === null ? [] : [a.email]));
  const phones = validated.accounts.flatMap((a) => (a.phone === null ? [] : [a.phone]));
  return planImport(validated, {
    units: await loadUnits(db, auth.tenantId),
    accounts: await loadAccounts(db, auth.tenantId, emails, phones),
    tenantId: auth.tenantId,
    selfId: auth.userId,
    newId: uuidv7,
  });
}

const previewOf = (p: ImportPlan): ImportPreview => ({
  units: p.units,
  accounts: p.accounts,
  errors: p.errors,
});

/** `work` on every item, at most `width` at a time; results in the items' order. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** What the import would do; writes nothing. */
export async function previewImport(
  db: Database,
  auth: AuthContext,
  request: ImportRequest,
): Promise<ImportPreview> {
  return previewOf(await plan(db, auth, request));
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === '23505';
}

/**
 * Writes the import in one transaction. Throws `ImportRowsError` when any row has an error (nothing written),
 * `AccountError('login-taken')` when a login was taken meanwhile. Returns the plan as carried out, the one-time
 * passwords of the accounts it created, and the highest sync version written (null: no unit written).
 */
export async function commitImport(
  db: Database,
  auth: AuthContext,
  request: ImportRequest,
  hasher: PasswordHasher,
): Promise<{ result: ImportResult; version: number | null }> {
  try {
    return await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [IMPORT_LOCK, auth.tenantId]);
      const p = await plan(tx, auth, request);
      if (p.errors.length > 0) throw new ImportRowsError(p.errors);

      const unitIdsOf = (names: string[]) => [...new Set(names.map((n) => p.unitIds.get(unitNameKey(n))!))];
      const toCreate = p.accounts.filter((a) => a.status === 'create');
      // Hashed under the lock, so of parallel commits of one file only the one that creates the accounts hashes.
      // One-time passwords are cheaper to hash (ONE_TIME_PASSWORD_HASH_COST in auth/password.ts says why: 50
      // accounts take seconds, not the 20 s or more of the full cost), HASH_CONCURRENCY at a time: each waits for
      // a turn like a sign-in, without filling the bounded queue sign-ins wait in.
      const issued = await inBatches(toCreate, HASH_CONCURRENCY, async (a) => {
        const password = generateOneTimePassword();
        return { account: a, password, hash: await hasher.hashOneTimePassword(password) };
      });
      const passwords: IssuedPassword[] = [];
      /** Accounts created or changed: their person records are written after the units they name. */
      const touched: string[] = [];
      for (const { account: a, password, hash } of issued) {
        // A one-time password: its holder chooses their own at the first sign-in.
        const id = uuidv7();
        touched.push(id);
        await tx.query(
          `INSERT INTO users (id, tenant_id, name, email, phone, role, unit_ids, password_hash, must_change_password)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)`,
          [id, auth.tenantId, a.name, a.email, a.phone, a.role, unitIdsOf(a.unitNames), hash],
        );
        passwords.push({ row: a.row, name: a.name, login: (a.email ?? a.phone)!, password });
      }
      for (const a of p.accounts.filter((x) => x.status === 'update')) {
        const existing = p.matched.get(a.row)!;
        touched.push(existing.id);
        await tx.query(
          `UPDATE users SET name = $3, role = $4, unit_ids = $5 WHERE id = $1 AND tenant_id = $2`,
          [existing.id, auth.tenantId, a.name, a.role, unitIdsOf(a.unitNames)],
        );
      }
      // Units last: their write takes the sync writers' lock, held to the commit; hashing must not run under it.
      const writes: ServerRecordWrite[] = [];
      for (const unit of p.units) {
        const id = p.unitIds.get(unitNameKey(unit.name))!;
        if (unit.status === 'create') {
          writes.push({
            op: 'create',
            kind: 'unit',
            id,
            body: { name: unit.name, type: unit.type, demo: false },
          });
        } else if (unit.status === 'update') {
          writes.push({ op: 'update', kind: 'unit', id, values: { type: unit.type } });
        }
      }
      const version = await writeRecordsAsServer(
        tx,
        { tenantId: auth.tenantId, userId: auth.userId, deviceId: IMPORT_DEVICE_ID },
        writes,
      );
      let newest = version;
      for (const id of touched) {
        const user = await findUserById(tx, id);
        const written = user ? await writeAccountPerson(tx, user, auth.userId) : null;
        if (written !== null) newest = Math.max(newest ?? 0, written);
      }

      return { result: { ...previewOf(p), committed: true as const, passwords }, version: newest };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AccountError(
        'login-taken',
        'Email atau nomor HP sudah dipakai akun lain; tidak ada yang diimpor',
        'That email or phone number is already used by another account; nothing was imported',
      );
    }
    throw err;
  }
}
