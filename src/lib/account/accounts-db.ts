/**
 * `rintis-accounts`: the small database listing who has signed in on this phone. It holds, per user, the
 * profile and (while signed in) the tokens, plus which user is current. Never a password. The user's records
 * live in that user's own database (`rintis-user-<id>`); keeping tokens out of it means an exported backup
 * file never carries a token.
 *
 * History:
 * - 1: `accounts` (by user id), `meta` (key/value: the current user).
 */
import { Dexie, type EntityTable } from 'dexie';
import { z } from 'zod';
import { userSchema } from '../../shared/api';

export const ACCOUNTS_DB_NAME = 'rintis-accounts';

export const storedTokensSchema = z.object({
  accessToken: z.string(),
  /** Server time, epoch ms. */
  accessExpiresAt: z.number().int(),
  /** The same instant on this phone's clock (corrected with the server's `Date` header). */
  localExpiresAt: z.number().int(),
  refreshToken: z.string(),
});
export type StoredTokens = z.infer<typeof storedTokensSchema>;

export const knownAccountSchema = z.object({
  userId: z.string(),
  user: userSchema,
  /** Null once signed out: the profile stays so the phone can say whose data it still keeps. */
  tokens: storedTokensSchema.nullable(),
  /** The server refused the refresh token (revoked, disabled): work goes on locally, sync waits for sign-in. */
  reauthRequired: z.boolean(),
  signedInAt: z.number().int(),
});
export type KnownAccount = z.infer<typeof knownAccountSchema>;

interface MetaRow {
  key: string;
  value: unknown;
}

type AccountsDexie = Dexie & {
  accounts: EntityTable<KnownAccount, 'userId'>;
  meta: EntityTable<MetaRow, 'key'>;
};

const CURRENT_KEY = 'currentUserId';

export class AccountsDb {
  readonly #db: AccountsDexie;

  constructor(name = ACCOUNTS_DB_NAME) {
    this.#db = new Dexie(name) as AccountsDexie;
    this.#db.version(1).stores({ accounts: 'userId', meta: 'key' });
  }

  /** The signed-in account, if any (a row that fails validation counts as signed out, never as a crash). */
  async current(): Promise<KnownAccount | undefined> {
    const row = await this.#db.meta.get(CURRENT_KEY);
    if (typeof row?.value !== 'string') return undefined;
    return this.get(row.value);
  }

  async get(userId: string): Promise<KnownAccount | undefined> {
    const parsed = knownAccountSchema.safeParse(await this.#db.accounts.get(userId));
    return parsed.success ? parsed.data : undefined;
  }

  async list(): Promise<KnownAccount[]> {
    const rows = await this.#db.accounts.toArray();
    return rows.flatMap((r) => {
      const parsed = knownAccountSchema.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Stores the account and makes it the current one, in one transaction. */
  async signIn(account: KnownAccount): Promise<void> {
    await this.#db.transaction('rw', this.#db.accounts, this.#db.meta, async () => {
      await this.#db.accounts.put(account);
      await this.#db.meta.put({ key: CURRENT_KEY, value: account.userId });
    });
  }

  async put(account: KnownAccount): Promise<void> {
    await this.#db.accounts.put(account);
  }

  /** Clears the tokens and the current user; the profile row stays (no tokens in it). */
  async signOut(userId: string): Promise<void> {
    await this.#db.transaction('rw', this.#db.accounts, this.#db.meta, async () => {
      const row = await this.get(userId);
      if (row) await this.#db.accounts.put({ ...row, tokens: null, reauthRequired: false });
      const current = await this.#db.meta.get(CURRENT_KEY);
      if (current?.value === userId) await this.#db.meta.delete(CURRENT_KEY);
    });
  }

  close(): void {
    this.#db.close();
  }
}
