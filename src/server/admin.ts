/**
 * Admin command: creates the first tenant and coordinator (everything else is done in the app), resets a
 * forgotten password (a one-time password, printed once), runs the orphan file cleanup on demand
 * (files:cleanup; the server also runs it every FILE_CLEANUP_INTERVAL_HOURS), and applies pending migrations
 * without starting the server (migrate: deploy/install-release.sh runs it before switching to a new release). Passwords are typed at a hidden
 * prompt or piped on standard input, never given as arguments (adminPassword.ts says why).
 *   npm run admin -- --help
 * Uses the same database as the server: DATABASE_URL when set, else PGlite in DATA_DIR. With PGlite, stop the
 * server first (one process per data folder). Errors are printed in Indonesian and English; exit code 1.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createAccountRequestSchema } from '../shared/api';
import { loadCommonPasswords } from '../shared/commonPasswords';
import { NEW_PASSWORD_MESSAGES, newPasswordProblem } from '../shared/passwordPolicy';
import { personRoleSchema } from '../shared/records';
import {
  AccountError,
  createTenant,
  createUser,
  findUserById,
  findUsersByLogin,
  listTenants,
  listUsers,
  setPasswordHash,
  toAccount,
} from './accounts/service';
import { PasswordInputError, readNewPassword } from './adminPassword';
import { PasswordHasher } from './auth/password';
import { generateOneTimePassword } from './auth/oneTimePassword';
import { revokeFamilies } from './auth/tokens';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { listMigrations, migrate, openDatabase } from './db/index';
import type { Database } from './db/types';
import { writeAccountPerson } from './accounts/people';
import { SERVER_DEVICE } from './sync/serverWrites';
import { DAY_MS, cleanupFiles } from './files/cleanup';
import { formatBytes } from './files/policy';
import { UPLOAD_EXPIRY_MS, fileStores } from './files/service';

const HELP = `Rintis admin

Pemakaian / usage: npm run admin -- <perintah/command> [opsi/options]

Perintah / commands:
  create-tenant --name <nama>
      Buat tenant (pemda) baru / create a tenant (regency or city)
  create-user --tenant <id> --name <nama> (--email <email> | --phone <08…>)
              [--role coordinator|facilitator|innovator|viewer] [--unit <unit-id> ...]
      Buat akun; peran bawaan: coordinator. Kata sandi diketik saat diminta (tidak tampil), atau baris
      pertama standar input / create an account; default role: coordinator. The password is typed at a
      hidden prompt, or read from the first line of standard input:
        printf '%s\n' "$SANDI" | npm run admin -- create-user ...
  reset-password --login <email|08…> [--tenant <id>]
      Beri akun kata sandi sekali pakai (dicetak sekali), keluarkan semua perangkatnya; wajib diganti saat
      masuk / give the account a one-time password (printed once), sign all its devices out; it must be
      changed at the next sign-in. Satu login bisa dipakai di beberapa tenant: --tenant wajib bila begitu /
      one login may be used in several tenants: --tenant is then required
  list-tenants
      Daftar tenant / list tenants
  list-users --tenant <id>
      Daftar akun satu tenant / list a tenant's accounts
  files:cleanup [--dry-run]
      Hapus berkas yatim (tak dirujuk lampiran mana pun lebih dari FILE_ORPHAN_DAYS hari, bawaan 30) dan unggahan
      yang tak selesai; --dry-run hanya menampilkan / remove orphan files (no attachment record references them
      for over FILE_ORPHAN_DAYS days, default 30) and unfinished uploads; --dry-run only lists them
  migrate
      Terapkan migrasi yang belum dijalankan dan sebutkan namanya (server juga melakukannya saat mulai) /
      apply pending migrations and name them (the server also does this at start)

Opsi umum / common options:
  --json    keluaran JSON / JSON output
  --help    bantuan ini / this help

Basis data / database: DATABASE_URL jika diisi, selain itu PGlite di DATA_DIR (bawaan ./data/pglite).
  With PGlite, stop the server first: one process per data folder.
`;

export class UsageError extends Error {}

const options = {
  name: { type: 'string' },
  tenant: { type: 'string' },
  email: { type: 'string' },
  phone: { type: 'string' },
  login: { type: 'string' },
  // Accepted by the parser only to refuse it with the reason (see PASSWORD_ARGUMENT_REFUSED).
  password: { type: 'string' },
  role: { type: 'string' },
  unit: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

export const PASSWORD_ARGUMENT_REFUSED =
  '--password tidak diterima: kata sandi di baris perintah tercatat di log npm dan riwayat shell. ' +
  'Ketik saat diminta, atau kirim lewat standar input. / --password is refused: a password on the command ' +
  'line ends up in the npm log and the shell history. Type it when asked, or pipe it on standard input.';

function need(values: Values, key: 'name' | 'tenant' | 'login'): string {
  const v = values[key];
  if (typeof v !== 'string' || v.trim() === '') {
    throw new UsageError(`--${key} wajib diisi / --${key} is required`);
  }
  return v;
}

function zodMessage(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n');
}

type Action = (db: Database, print: (s: string) => void, config: ServerConfig) => Promise<void>;

/** The new password from the prompt or stdin, checked with the app's rule before anything is written. */
async function readCheckedPassword(): Promise<string> {
  const password = await readNewPassword({ input: process.stdin, output: process.stderr });
  const problem = newPasswordProblem(password, { common: await loadCommonPasswords() });
  if (problem) {
    const message = NEW_PASSWORD_MESSAGES[problem];
    throw new UsageError(`${message.id} / ${message.en}`);
  }
  return password;
}

/**
 * The one account of `login` (in `tenantId` when given). Logins are unique per tenant only: a login used in
 * several tenants needs --tenant, and the error lists them so the admin can pick.
 */
async function accountOfLogin(db: Database, login: string, tenantId: string | undefined) {
  const accounts = await findUsersByLogin(db, login, tenantId === undefined ? {} : { tenantId });
  if (accounts.length === 0) throw new AccountError('not-found', 'Akun tidak ditemukan', 'Account not found');
  if (accounts.length > 1) {
    const tenants = accounts.map((a) => `  --tenant ${a.tenant_id}  ${a.tenant_name}`).join('\n');
    throw new UsageError(
      `Login ini dipakai di ${accounts.length} tenant; pilih satu dengan --tenant / ` +
        `this login is used in ${accounts.length} tenants; choose one with --tenant:\n${tenants}`,
    );
  }
  return accounts[0]!;
}

/** Checks the arguments before anything touches the database, and returns what to do with it. */
function plan(command: string, values: Values): Action {
  const json = values.json === true;
  if (values.password !== undefined) throw new UsageError(PASSWORD_ARGUMENT_REFUSED);
  switch (command) {
    case 'create-tenant': {
      const name = need(values, 'name').trim();
      if (name.length > 200) throw new UsageError('Nama terlalu panjang / name too long');
      return async (db, print) => {
        const tenant = await createTenant(db, name);
        print(json ? JSON.stringify(tenant) : `Tenant dibuat / tenant created: ${tenant.id}  ${tenant.name}`);
      };
    }
    case 'create-user': {
      const role = personRoleSchema.safeParse(values.role ?? 'coordinator');
      if (!role.success) {
        throw new UsageError('--role harus coordinator, facilitator, innovator atau viewer / invalid --role');
      }
      const request = createAccountRequestSchema.safeParse({
        name: need(values, 'name'),
        email: values.email ?? null,
        // People type phone numbers with spaces and dashes; the stored form has neither.
        phone: values.phone === undefined ? null : values.phone.replace(/[\s-]/g, ''),
        role: role.data,
        unitIds: values.unit ?? [],
      });
      if (!request.success) throw new UsageError(zodMessage(request.error));
      const tenantId = need(values, 'tenant');
      return async (db, print, config) => {
        // Asked for after the arguments are known to be right, so nobody types a password for nothing.
        const password = await readCheckedPassword();
        const passwordHash = await new PasswordHasher(config.passwordHashCost).hash(password);
        const account = toAccount(
          await db.transaction(async (tx) => {
            const created = await createUser(tx, { ...request.data, passwordHash, tenantId });
            await writeAccountPerson(tx, created, SERVER_DEVICE);
            return created;
          }),
        );
        print(
          json
            ? JSON.stringify(account)
            : `Akun dibuat / account created: ${account.id}  ${account.name} (${account.role}) ` +
                `${account.email ?? account.phone ?? ''}  tenant ${account.tenantName}`,
        );
      };
    }
    case 'reset-password': {
      const login = need(values, 'login');
      const tenantId = values.tenant === undefined ? undefined : need(values, 'tenant');
      return async (db, print, config) => {
        const user = await accountOfLogin(db, login, tenantId);
        const oneTimePassword = generateOneTimePassword();
        const hash = await new PasswordHasher(config.passwordHashCost).hashOneTimePassword(oneTimePassword);
        await db.transaction(async (tx) => {
          await setPasswordHash(tx, user.id, hash, true);
          await revokeFamilies(tx, user.id);
        });
        const account = toAccount((await findUserById(db, user.id))!);
        print(
          json
            ? JSON.stringify({ account, oneTimePassword })
            : `Kata sandi sekali pakai untuk / one-time password for ${account.name} ` +
                `(${account.email ?? account.phone}): ${oneTimePassword}\n` +
                'Berikan langsung kepadanya; wajib diganti saat masuk. Semua perangkatnya sudah dikeluarkan. / ' +
                'Hand it over directly; it must be changed at sign-in. All their devices were signed out.',
        );
      };
    }
    case 'list-tenants':
      return async (db, print) => {
        const tenants = await listTenants(db);
        if (json) print(JSON.stringify(tenants));
        else if (tenants.length === 0) print('Belum ada tenant / no tenants yet');
        else for (const t of tenants) print(`${t.id}  ${t.name}  (${t.users} akun/accounts)`);
      };
    case 'list-users': {
      const tenantId = need(values, 'tenant');
      return async (db, print) => {
        const accounts = (await listUsers(db, tenantId)).map(toAccount);
        if (json) print(JSON.stringify(accounts));
        else if (accounts.length === 0) print('Tidak ada akun / no accounts');
        else {
          for (const a of accounts) {
            const login = a.email ?? a.phone ?? '';
            print(`${a.id}  ${a.name}  ${a.role}  ${login}${a.disabled ? '  (nonaktif/disabled)' : ''}`);
          }
        }
      };
    }
    case 'files:cleanup': {
      const dryRun = values['dry-run'] === true;
      return async (db, print, config) => {
        const { blobs, partials } = fileStores({ dir: config.fileDir });
        const report = await cleanupFiles(db, {
          blobs,
          partials,
          graceMs: config.fileOrphanDays * DAY_MS,
          uploadExpiryMs: UPLOAD_EXPIRY_MS,
          dryRun,
        });
        if (json) {
          print(JSON.stringify(report));
          return;
        }
        const verb = dryRun ? 'Akan dihapus / would remove' : 'Dihapus / removed';
        for (const f of report.files) {
          print(
            `${verb}: ${f.tenantId}/${f.sha256}  ${formatBytes(f.size)}  (yatim sejak / orphan since ${f.unreferencedSince})`,
          );
        }
        print(
          `${verb}: ${report.files.length} berkas/files, ${formatBytes(report.releasedBytes)}; ` +
            `${report.uploads.length} unggahan tak selesai / unfinished uploads`,
        );
      };
    }
    case 'migrate':
      // The one command that migrates itself: main() migrates before every other command.
      return async (db, print) => {
        const applied = await migrate(db);
        const total = listMigrations().length;
        if (json) {
          print(JSON.stringify({ database: db.kind, applied, total }));
          return;
        }
        for (const name of applied) print(`Diterapkan / applied: ${name}`);
        print(
          applied.length === 0
            ? `Basis data ${db.kind} sudah terbaru / database ${db.kind} is up to date (${total} migrasi/migrations)`
            : `Basis data ${db.kind}: ${applied.length} dari ${total} migrasi baru diterapkan / ` +
                `database ${db.kind}: ${applied.length} of ${total} migrations newly applied`,
        );
      };
    default:
      throw new UsageError(`Perintah tidak dikenal / unknown command: ${command}\n\n${HELP}`);
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`Opsi tidak sah / invalid option: ${(err as Error).message}\n\n${HELP}`);
    return 1;
  }
  const command = parsed.positionals[0];
  if (parsed.values.help || !command) {
    process.stdout.write(HELP);
    return parsed.values.help ? 0 : 1;
  }
  let db: Database | undefined;
  try {
    const action = plan(command, parsed.values);
    const config = loadConfig();
    db = await openDatabase(config);
    if (command !== 'migrate') await migrate(db);
    await action(db, (s) => process.stdout.write(`${s}\n`), config);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof PasswordInputError) {
      process.stderr.write(`${err.message}\n`);
    } else if (err instanceof AccountError) {
      process.stderr.write(`${err.messageId} / ${err.messageEn}\n`);
    } else {
      process.stderr.write(`Gagal / failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    return 1;
  } finally {
    await db?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
