/**
 * The coordinator's management of the tenant's accounts through the API (online only: accounts live on the
 * server). Units are managed on the units screen (/unit, `src/lib/units/`); here they are only read, to pick. Requests are validated with
 * the shared schemas before they leave, so field messages appear without a round trip.
 */
import {
  accountListResponseSchema,
  accountSchema,
  createAccountRequestSchema,
  createAccountResponseSchema,
  resetPasswordResponseSchema,
  updateAccountRequestSchema,
  type Account,
  type CreateAccountRequest,
  type UpdateAccountRequest,
} from '../../shared/api';
import type { Unit } from '../../shared/records';
import { isActiveUnit } from '../../shared/domain/units';
import { failureText } from './failure-text';
import { syncOnce } from './sync-first';

export { failureText };
import type { AccountSession } from './session.svelte';

export type AccountFieldErrors = Partial<Record<'name' | 'login' | 'password' | 'role' | 'unitIds', string>>;

/**
 * The create form as typed: one "email or phone" field, split before validation. `generatePassword` (the
 * default): the server makes a one-time password; otherwise the coordinator typed `password`.
 */
export interface NewAccountInput {
  name: string;
  login: string;
  generatePassword: boolean;
  password: string;
  role: CreateAccountRequest['role'];
  unitIds: string[];
}

export function toCreateRequest(input: NewAccountInput): Record<string, unknown> {
  const login = input.login.trim();
  const isEmail = login.includes('@');
  return {
    name: input.name,
    email: isEmail ? login : null,
    phone: !isEmail && login !== '' ? login.replace(/[\s-]/g, '') : null,
    ...(input.generatePassword ? {} : { password: input.password }),
    role: input.role,
    unitIds: input.unitIds,
  };
}

/** A one-time password to hand over once: shown with the share message, then forgotten. */
export interface OneTimePasswordNotice {
  account: Account;
  oneTimePassword: string;
  kind: 'new' | 'reset';
}

export class AccountsAdmin {
  #accounts = $state.raw<Account[] | null>(null);
  #units = $state.raw<Unit[]>([]);
  #loading = $state(false);
  #saving = $state(false);
  #error = $state<string | null>(null);
  #oneTime = $state.raw<OneTimePasswordNotice | null>(null);

  constructor(
    private readonly session: AccountSession,
    /**
     * Sends this phone's unsynced changes before an account names units: a unit made a moment ago on the units
     * screen may still wait in the outbox, and the server accepts only units it has (of the tenant).
     */
    private readonly sendUnitsFirst: () => Promise<unknown> = async () => {
      const store = session.workspace.store;
      if (store) await syncOnce(store, () => session.getAccessToken());
    },
  ) {}

  async #unitsOnServer(unitIds: readonly string[] | undefined): Promise<void> {
    if (!unitIds || unitIds.length === 0) return;
    // Offline or refused, the account call below says why; nothing is lost, the units stay queued.
    await this.sendUnitsFirst().catch(() => {});
  }

  /** The one-time password just made (new account or reset), until the coordinator closes it. Memory only. */
  get oneTime(): OneTimePasswordNotice | null {
    return this.#oneTime;
  }

  dismissOneTime(): void {
    this.#oneTime = null;
  }

  get accounts(): Account[] | null {
    return this.#accounts;
  }
  /** Every unit not deleted, archived ones too (an account may still name one). */
  get units(): Unit[] {
    return this.#units;
  }
  /** The units offered for a new account (units are managed on the units screen, /unit). */
  get activeUnits(): Unit[] {
    return this.#units.filter(isActiveUnit);
  }
  get loading(): boolean {
    return this.#loading;
  }
  get saving(): boolean {
    return this.#saving;
  }
  /** Bilingual message of the last failure. */
  get error(): string | null {
    return this.#error;
  }

  async load(): Promise<void> {
    this.#loading = true;
    this.#error = null;
    try {
      await this.loadUnits();
      const res = await this.session.authorized('GET', '/api/accounts', {
        schema: accountListResponseSchema,
      });
      this.#accounts = res.accounts;
    } catch (err) {
      this.#error = failureText(err);
    } finally {
      this.#loading = false;
    }
  }

  async loadUnits(): Promise<void> {
    const store = this.session.workspace.store;
    this.#units = store ? (await store.list('unit')).filter((u) => !u.deleted) : [];
  }

  /** Field messages for the create form; empty when it can be sent. */
  validateNew(input: NewAccountInput): AccountFieldErrors {
    const parsed = createAccountRequestSchema.safeParse(toCreateRequest(input));
    if (parsed.success) return {};
    const errors: AccountFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      const field =
        key === 'email' || key === 'phone' || key === undefined ? 'login' : (key as keyof AccountFieldErrors);
      errors[field] ??= issue.message;
    }
    return errors;
  }

  /** Creates the account on the server; returns it, or null with `error` set. */
  async create(input: NewAccountInput): Promise<Account | null> {
    const parsed = createAccountRequestSchema.safeParse(toCreateRequest(input));
    if (!parsed.success) return null;
    return this.#save(async () => {
      await this.#unitsOnServer(parsed.data.unitIds);
      const { oneTimePassword, ...account } = await this.session.authorized('POST', '/api/accounts', {
        body: parsed.data,
        schema: createAccountResponseSchema,
      });
      this.#accounts = [...(this.#accounts ?? []), account];
      if (oneTimePassword) this.#oneTime = { account, oneTimePassword, kind: 'new' };
      return account;
    });
  }

  /** Changes role, units or the disabled flag; returns the updated account, or null with `error` set. */
  async update(id: string, patch: UpdateAccountRequest): Promise<Account | null> {
    const parsed = updateAccountRequestSchema.safeParse(patch);
    if (!parsed.success) {
      this.#error = parsed.error.issues[0]?.message ?? null;
      return null;
    }
    return this.#save(async () => {
      await this.#unitsOnServer(parsed.data.unitIds);
      const account = await this.session.authorized('PATCH', `/api/accounts/${encodeURIComponent(id)}`, {
        body: parsed.data,
        schema: accountSchema,
      });
      this.#replace(account);
      return account;
    });
  }

  /** Gives the account a new one-time password (shown once through `oneTime`); all its devices are signed out. */
  async resetPassword(id: string): Promise<Account | null> {
    return this.#save(async () => {
      const { account, oneTimePassword } = await this.session.authorized(
        'POST',
        `/api/accounts/${encodeURIComponent(id)}/reset-password`,
        { schema: resetPasswordResponseSchema },
      );
      this.#replace(account);
      this.#oneTime = { account, oneTimePassword, kind: 'reset' };
      return account;
    });
  }

  /** Runs one change on the server with `saving` set; the account it answers, or null with `error` set. */
  async #save(change: () => Promise<Account>): Promise<Account | null> {
    this.#saving = true;
    this.#error = null;
    try {
      return await change();
    } catch (err) {
      this.#error = failureText(err);
      return null;
    } finally {
      this.#saving = false;
    }
  }

  /** Puts the server's answer for an account in place of the one listed. */
  #replace(account: Account): void {
    this.#accounts = (this.#accounts ?? []).map((a) => (a.id === account.id ? account : a));
  }
}
