/**
 * Tenants and user accounts in the database: used by the HTTP routes and by the admin command, so both create
 * accounts the same way (normalized logins, uniqueness errors with bilingual messages). Passwords arrive hashed
 * (auth/password.ts): a hash takes most of a second, and must not be computed inside a transaction, which on
 * PGlite holds the whole database.
 */
import { uuidv7 } from 'uuidv7';
import type { Account, User } from '../../shared/api';
import type { Database, Queryable } from '../db/types';
import { seedTemplates } from '../templates/service';
import { seedProgramme } from '../programme/service';
import type { Role } from '../auth/types';

/** Phones are stored as 62…: "0812-3456 789", "+62 812 3456789" and "628123456789" are one login. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/[\s\-()]/g, '').replace(/^\+/, '');
  return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalizeLogin(login: string): { email: string } | { phone: string } {
  return login.includes('@') ? { email: normalizeEmail(login) } : { phone: normalizePhone(login) };
}

export class AccountError extends Error {
  constructor(
    readonly code: 'login-taken' | 'tenant-not-found' | 'not-found' | 'unknown-units',
    readonly messageId: string,
    readonly messageEn: string,
  ) {
    super(`${messageId} / ${messageEn}`);
  }
}

export interface Tenant {
  id: string;
  name: string;
  createdAt: number;
}

/**
 * A new tenant, with the shipped proposal templates as its first template records and the shipped programme
 * settings as its first programme record (one transaction).
 */
export async function createTenant(db: Database, name: string): Promise<Tenant> {
  const id = uuidv7();
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ created_at: Date }>(
      `insert into tenants (id, name) values ($1, $2) returning created_at`,
      [id, name.trim()],
    );
    await seedTemplates(tx, id);
    await seedProgramme(tx, id);
    return { id, name: name.trim(), createdAt: rows[0]!.created_at.getTime() };
  });
}

export async function listTenants(db: Queryable): Promise<(Tenant & { users: number })[]> {
  const { rows } = await db.query<{ id: string; name: string; created_at: Date; users: number }>(
    `select t.id, t.name, t.created_at, count(u.id)::int as users
       from tenants t left join users u on u.tenant_id = t.id
      group by t.id order by t.created_at`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at.getTime(), users: r.users }));
}

export interface UserRow extends Record<string, unknown> {
  id: string;
  tenant_id: string;
  tenant_name: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: Role;
  unit_ids: string[];
  password_hash: string;
  created_at: Date;
  disabled: boolean;
  must_change_password: boolean;
  session_generation: number;
}

const USER_COLUMNS = `u.id, u.tenant_id, t.name as tenant_name, u.name, u.email, u.phone, u.role, u.unit_ids,
  u.password_hash, u.created_at, u.disabled, u.must_change_password, u.session_generation`;
const USER_SELECT = `select ${USER_COLUMNS} from users u join tenants t on t.id = u.tenant_id`;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    name: row.name,
    email: row.email,
    phone: row.phone,
    role: row.role,
    unitIds: row.unit_ids,
    mustChangePassword: row.must_change_password,
  };
}

export function toAccount(row: UserRow): Account {
  return { ...toUser(row), disabled: row.disabled, createdAt: row.created_at.getTime() };
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`${USER_SELECT} where u.id = $1`, [id]);
  return rows[0];
}

/**
 * The user behind an access token, and in the same query whether the token's family (device) is still signed
 * in: the middleware's one read per request. `familyLive` is null for tokens without a family.
 */
export async function findSessionUser(
  db: Queryable,
  id: string,
  familyId: string | null,
): Promise<(UserRow & { family_live: boolean | null }) | undefined> {
  const { rows } = await db.query<UserRow & { family_live: boolean | null }>(
    `select ${USER_COLUMNS},
            case when $2::text is null then null
                 else exists (select 1 from token_families f where f.id = $2 and f.user_id = u.id
                                 and f.revoked_at is null and f.expires_at > now()) end as family_live
       from users u join tenants t on t.id = u.tenant_id where u.id = $1`,
    [id, familyId],
  );
  return rows[0];
}

/**
 * At most this many accounts are tried for one login at sign-in. Logins are unique per tenant only (migration
 * 013), so one login may name accounts in several tenants (a person working for two regencies): rare, and each
 * account tried costs a password hash, so a small bound keeps a sign-in's cost small.
 */
export const MAX_LOGIN_ACCOUNTS = 5;

/**
 * The accounts holding `login` (normalized), most recently signed in first (never signed in last, then newest).
 * `tenantId`: only that tenant's (at most one); `activeOnly`: leave disabled accounts out; `limit`: at most so many.
 */
export async function findUsersByLogin(
  db: Queryable,
  login: string,
  opts: { tenantId?: string; activeOnly?: boolean; limit?: number } = {},
): Promise<UserRow[]> {
  const key = normalizeLogin(login);
  const params: unknown[] = ['email' in key ? key.email : key.phone];
  const where = ['email' in key ? 'u.email = $1' : 'u.phone = $1'];
  if (opts.tenantId !== undefined) where.push(`u.tenant_id = $${params.push(opts.tenantId)}`);
  if (opts.activeOnly) where.push('not u.disabled');
  const limit = opts.limit === undefined ? '' : ` limit $${params.push(opts.limit)}`;
  const { rows } = await db.query<UserRow>(
    `${USER_SELECT} where ${where.join(' and ')}
      order by u.last_signed_in_at desc nulls last, u.created_at desc, u.id${limit}`,
    params,
  );
  return rows;
}

/** A successful sign-in: the account comes first among those of its login next time. */
export async function markSignedIn(db: Queryable, userId: string): Promise<void> {
  await db.query('update users set last_signed_in_at = now() where id = $1', [userId]);
}

export async function listUsers(db: Queryable, tenantId: string): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `${USER_SELECT} where u.tenant_id = $1 order by u.created_at, u.id`,
    [tenantId],
  );
  return rows;
}

export interface NewUser {
  tenantId: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** From `PasswordHasher.hash` (or `hashOneTimePassword` for a generated one). */
  passwordHash: string;
  role: Role;
  unitIds: string[];
  /** A one-time password (set by a coordinator): its holder must choose their own at first sign-in. */
  mustChangePassword?: boolean;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === '23505';
}

export async function createUser(db: Queryable, input: NewUser): Promise<UserRow> {
  const { rows: tenant } = await db.query(`select 1 from tenants where id = $1`, [input.tenantId]);
  if (tenant.length === 0) {
    throw new AccountError('tenant-not-found', 'Tenant tidak ditemukan', 'Tenant not found');
  }
  const id = uuidv7();
  try {
    await db.query(
      `insert into users (id, tenant_id, name, email, phone, role, unit_ids, password_hash, must_change_password)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        input.tenantId,
        input.name.trim(),
        input.email === null ? null : normalizeEmail(input.email),
        input.phone === null ? null : normalizePhone(input.phone),
        input.role,
        [...new Set(input.unitIds)],
        input.passwordHash,
        input.mustChangePassword ?? false,
      ],
    );
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AccountError(
        'login-taken',
        'Email atau nomor HP sudah dipakai akun lain di instansi ini',
        'That email or phone number is already used by another account of this organisation',
      );
    }
    throw err;
  }
  return (await findUserById(db, id))!;
}

/**
 * Refuses unit ids that name no unit of the tenant (issue #17): an account's units decide what it reads and
 * writes, so another tenant's unit, or an id no unit has, must not be given to it. Both answer alike, naming the
 * ids, so nothing tells another tenant's unit from a missing one. A unit the tenant deleted or merged still has
 * its record and passes (an account keeps what it had until a coordinator changes it).
 */
export async function assertTenantUnits(
  db: Queryable,
  tenantId: string,
  unitIds: readonly string[],
): Promise<void> {
  const wanted = [...new Set(unitIds)];
  if (wanted.length === 0) return;
  const { rows } = await db.query<{ id: string }>(
    `select id::text as id from sync_records
      where tenant_id = $1 and kind = 'unit' and id::text = any($2::text[])`,
    [tenantId, wanted.map((id) => id.toLowerCase())],
  );
  const known = new Set(rows.map((r) => r.id));
  const unknown = wanted.filter((id) => !known.has(id.toLowerCase()));
  if (unknown.length === 0) return;
  const list = unknown.join(', ');
  throw new AccountError(
    'unknown-units',
    `Unit tidak dikenal di kabupaten ini: ${list}`,
    `Units unknown in this regency: ${list}`,
  );
}

export interface UserChanges {
  name?: string | undefined;
  role?: Role | undefined;
  unitIds?: string[] | undefined;
  disabled?: boolean | undefined;
}

/** Applies `changes` to a user of `tenantId`; undefined when no such user in that tenant. */
export async function updateUser(
  db: Queryable,
  tenantId: string,
  userId: string,
  changes: UserChanges,
): Promise<UserRow | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `update users set
        name = coalesce($3, name),
        role = coalesce($4, role),
        unit_ids = coalesce($5, unit_ids),
        disabled = coalesce($6, disabled)
      where id = $1 and tenant_id = $2
      returning id`,
    [
      userId,
      tenantId,
      changes.name?.trim() ?? null,
      changes.role ?? null,
      changes.unitIds ? [...new Set(changes.unitIds)] : null,
      changes.disabled ?? null,
    ],
  );
  if (!rows[0]) return undefined;
  return findUserById(db, userId);
}

/**
 * Sets a user's password hash and raises their session generation, so every access token signed before stops
 * working at its next request. `mustChange`: a one-time password (reset) rather than one the person chose.
 */
export async function setPasswordHash(
  db: Queryable,
  userId: string,
  passwordHash: string,
  mustChange: boolean,
): Promise<void> {
  await db.query(
    `update users set password_hash = $2, must_change_password = $3, session_generation = session_generation + 1,
                      password_changed_at = now()
      where id = $1`,
    [userId, passwordHash, mustChange],
  );
}

/**
 * Replaces a hash with a stronger one of the same password (sign-in found it below the configured cost), only if
 * the stored hash is still `checkedHash`: a password changed meanwhile wins. Sessions stay, since the password
 * did not change. True when it was replaced.
 */
export async function upgradePasswordHash(
  db: Queryable,
  userId: string,
  checkedHash: string,
  upgradedHash: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `update users set password_hash = $3 where id = $1 and password_hash = $2 returning id`,
    [userId, checkedHash, upgradedHash],
  );
  return rows.length > 0;
}
