/**
 * Who is using the app on this phone: a signed-in user or the guest.
 *
 * - Sign-in needs the network once ("Masuk pertama kali butuh sinyal"). The tokens and the profile are then kept
 *   in `rintis-accounts` (see accounts-db.ts), so the app reopens offline as that user, on that user's own
 *   database.
 * - `getAccessToken()` gives the sync engine a valid access token, refreshing it (rotated refresh token) when it
 *   has expired; it answers null when offline, signed out, or when the server refused the refresh token. In that
 *   last case the user keeps working on local data and `reauthRequired` asks for "Masuk lagi"; sync waits.
 * - Refreshes are single-flight in the tab and serialized across tabs with the Web Locks API, so two tabs never
 *   spend the same refresh token (a reused rotated token would be refused).
 * - Sign-out revokes the refresh token when online, clears the tokens and cached API answers, and keeps the
 *   user's database. It refuses to run while changes are unsynced unless the caller says the user chose to
 *   keep them on the phone (the sign-out panel shows them first).
 *
 * zod and Dexie come in through `session-io.ts`, loaded on first use, so the shell can import this class.
 */
import type { SessionTokens, User } from '../../shared/api';
import { principalOf, type AccessPrincipal } from '../../shared/access';
import { workspace as defaultWorkspace, type Workspace } from '../state/workspace.svelte';
import type { AccountsDb, KnownAccount, StoredTokens } from './accounts-db';
import type { ApiCall, ApiClient, ApiError, Bilingual, JsonMethod } from './api';
import type { ApiUrl, JsonAnswer, PathOfUrl } from '../api/types';
import type { AccountStringKey } from './strings';
import { formatMessage } from '../../shared/format';

type Io = typeof import('./session-io');

export type SessionStatus = 'loading' | 'guest' | 'signed-in';

/** A message for the screen: a client-side string key, or the server's own bilingual text. */
export type SessionMessage =
  { key: AccountStringKey; params?: Record<string, string | number> } | { server: Bilingual };

export interface SessionDeps {
  api?: ApiClient;
  accountsDb?: AccountsDb;
  workspace?: Workspace;
  isOnline?: () => boolean;
  now?: () => number;
  /** Cache Storage to clear at sign-out (tests pass their own; undefined where the browser has none). */
  caches?: CacheStorage | undefined;
}

/** Refresh a little before the access token expires, so a request never leaves with a token about to die. */
const EXPIRY_MARGIN_MS = 30_000;
const CHANNEL = 'rintis-session';
const REFRESH_LOCK = 'rintis-auth-refresh';

const UNSYNCED_EN = { one: '{count} change not synced yet', other: '{count} changes not synced yet' };

export class UnsyncedChangesError extends Error {
  constructor(readonly count: number) {
    super(`${count} perubahan belum tersinkron / ${formatMessage(UNSYNCED_EN, 'en', { count })}`);
    this.name = 'UnsyncedChangesError';
  }
}

async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return fn();
  return locks.request(name, fn);
}

function isUnauthorized(io: Io, err: unknown): err is ApiError {
  return err instanceof io.ApiError && err.failure.kind === 'http' && err.failure.status === 401;
}

export class AccountSession {
  #status = $state<SessionStatus>('loading');
  #user = $state<User | null>(null);
  #reauthRequired = $state(false);
  #busy = $state(false);
  #error = $state<SessionMessage | null>(null);
  #justSignedOut = $state(false);
  /** Not reactive: tokens are never rendered. */
  #tokens: StoredTokens | null = null;
  #refreshing: Promise<string | null> | null = null;
  #channel: BroadcastChannel | null = null;

  #ioPromise: Promise<Io> | null = null;
  #api: ApiClient | null;
  #accountsDb: AccountsDb | null;
  readonly #workspace: Workspace;
  readonly #isOnline: () => boolean;
  readonly #now: () => number;
  readonly #caches: CacheStorage | undefined;

  constructor(deps: SessionDeps = {}) {
    this.#api = deps.api ?? null;
    this.#accountsDb = deps.accountsDb ?? null;
    this.#workspace = deps.workspace ?? defaultWorkspace;
    this.#isOnline = deps.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine);
    this.#now = deps.now ?? Date.now;
    this.#caches = 'caches' in deps ? deps.caches : globalThis.caches;
  }

  get status(): SessionStatus {
    return this.#status;
  }
  get user(): User | null {
    return this.#user;
  }
  get signedIn(): boolean {
    return this.#status === 'signed-in';
  }
  get isCoordinator(): boolean {
    return this.signedIn && this.#user?.role === 'coordinator';
  }
  /** The signed-in person for the shared access rules; null for the guest (full rights on local data). */
  get principal(): AccessPrincipal | null {
    return this.signedIn && this.#user ? principalOf(this.#user) : null;
  }
  /**
   * Signed in with a one-time password from a coordinator: the app shows only the change-password screen until
   * it is changed (the server refuses other calls meanwhile).
   */
  get mustChangePassword(): boolean {
    return this.signedIn && this.#user?.mustChangePassword === true;
  }
  /** The server refused the refresh token: local work goes on, sync waits for "Masuk lagi". */
  get reauthRequired(): boolean {
    return this.#reauthRequired;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get error(): SessionMessage | null {
    return this.#error;
  }
  /** True from a sign-out in this tab until the next sign-in: the screens (remounted on the guest's database) say so. */
  get justSignedOut(): boolean {
    return this.#justSignedOut;
  }
  get workspace(): Workspace {
    return this.#workspace;
  }

  async #io(): Promise<Io> {
    this.#ioPromise ??= import('./session-io');
    const io = await this.#ioPromise;
    this.#api ??= new io.ApiClient();
    return io;
  }

  /**
   * The accounts list alone: opening the last user's database at start needs no network code (the API client,
   * sign-out), which would be five more requests before a deep-linked draft shows; it loads when first used.
   */
  async #db(): Promise<AccountsDb> {
    if (this.#accountsDb) return this.#accountsDb;
    const { AccountsDb } = await import('./accounts-db');
    return (this.#accountsDb ??= new AccountsDb());
  }

  async #client(): Promise<ApiClient> {
    await this.#io();
    return this.#api!;
  }

  /**
   * Opens the database of whoever was signed in last (offline too), or the guest's. Called once at start, and
   * again when another tab signs in or out.
   */
  async restore(): Promise<void> {
    let account: KnownAccount | undefined;
    try {
      account = await (await this.#db()).current();
    } catch (err) {
      // The accounts list cannot be read (storage blocked or damaged): work as the guest rather than not at all.
      console.error('Rintis: accounts database unreadable', err);
    }
    if (account?.tokens) {
      this.#adoptStored(account);
      await this.#workspace.switchUser(account.userId, account.user.tenantId, () => this.principal);
      // Role and units may have changed since the last start; offline this returns at once.
      void this.refreshProfile();
    } else {
      this.#setGuest();
      await this.#workspace.switchUser(null, null);
    }
  }

  /** Listens to sign-in and sign-out in other tabs; returns the function that stops listening. */
  start(): () => void {
    if (typeof BroadcastChannel === 'undefined') return () => {};
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = () => void this.#followOtherTab();
    this.#channel = channel;
    return () => {
      channel.close();
      if (this.#channel === channel) this.#channel = null;
    };
  }

  async #followOtherTab(): Promise<void> {
    const account = await (await this.#db()).current();
    const userId = account?.tokens ? account.userId : null;
    if (userId !== (this.#user?.id ?? null)) {
      await this.restore();
    } else if (account) {
      // Same user: take the other tab's rotated tokens, its "Masuk lagi" state and its profile (a password
      // changed there clears "must change password" here too).
      this.#tokens = account.tokens;
      this.#reauthRequired = account.reauthRequired;
      this.#user = account.user;
    }
  }

  /** Signs in online; on success switches the workspace to the user's own database. */
  async signIn(login: string, password: string): Promise<boolean> {
    this.#error = null;
    const io = await this.#io();
    const parsed = io.signInRequestSchema.safeParse({ login, password });
    if (!parsed.success) {
      this.#error = { key: 'error.invalidForm' };
      return false;
    }
    if (!this.#isOnline()) {
      this.#error = { key: 'error.offlineFirstSignIn' };
      return false;
    }
    this.#busy = true;
    try {
      const { data, serverTime } = await (
        await this.#client()
      ).request('POST', '/api/auth/sign-in', {
        body: parsed.data,
        schema: io.sessionTokensSchema,
      });
      await this.#adopt(data, serverTime);
      return true;
    } catch (err) {
      this.#error = this.#messageOf(io, err);
      return false;
    } finally {
      this.#busy = false;
    }
  }

  /**
   * A valid access token for API calls (the sync engine's token getter), or null when there is none to have:
   * signed out, offline with an expired token, or "Masuk lagi" needed.
   */
  async getAccessToken(opts: { forceRefresh?: boolean } = {}): Promise<string | null> {
    if (this.#status !== 'signed-in' || this.#reauthRequired || !this.#tokens) return null;
    const tokens = this.#tokens;
    if (!opts.forceRefresh && tokens.localExpiresAt - EXPIRY_MARGIN_MS > this.#now())
      return tokens.accessToken;
    if (!this.#isOnline()) return null;
    this.#refreshing ??= this.#refresh(tokens.accessToken).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  /**
   * An API call as the signed-in user: adds the access token, and on a 401 refreshes once and retries (the
   * access token may have died early, e.g. the phone's clock is off). Throws `ApiError`.
   */
  async authorized<M extends JsonMethod, U extends ApiUrl<M>, T extends JsonAnswer<PathOfUrl<U, M>, M>>(
    method: M,
    path: U,
    opts: ApiCall<M, U, T>,
  ): Promise<T> {
    const io = await this.#io();
    const api = await this.#client();
    let token = await this.getAccessToken();
    for (let attempt = 0; ; attempt++) {
      if (!token) throw this.#noTokenError(io);
      try {
        return (await api.request<M, U, T>(method, path, { ...opts, token })).data;
      } catch (err) {
        if (!isUnauthorized(io, err) || attempt > 0) throw err;
        token = await this.getAccessToken({ forceRefresh: true });
      }
    }
  }

  /** Re-reads the profile (role, units) from the server when online; quietly keeps the stored one otherwise. */
  async refreshProfile(): Promise<void> {
    if (!this.signedIn || !this.#isOnline()) return;
    const io = await this.#io();
    try {
      const user = await this.authorized('GET', '/api/me', { schema: io.userSchema });
      const db = await this.#db();
      const account = await db.get(user.id);
      if (account && this.#user?.id === user.id) {
        await db.put({ ...account, user });
        this.#user = user;
      }
    } catch {
      // Offline or refused: the stored profile stays; `reauthRequired` says when signing in again is needed.
    }
  }

  /**
   * Changes the password (online only: throws an offline `ApiError` without signal, before anything is sent).
   * The server signs every other device out and answers fresh tokens for this one, adopted here. The passwords
   * are only in this call: never stored on the phone. Throws `ApiError` with the server's reason.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const io = await this.#io();
    if (!this.#isOnline()) throw new io.ApiError({ kind: 'offline' });
    const tokens = await this.authorized('POST', '/api/auth/change-password', {
      body: { currentPassword, newPassword },
      schema: io.sessionTokensSchema,
    });
    const userId = this.#user?.id;
    if (!userId || tokens.user.id !== userId) return;
    const db = await this.#db();
    const stored = await db.get(userId);
    if (!stored) return;
    const next: KnownAccount = {
      ...stored,
      user: tokens.user,
      tokens: this.#toStored(tokens, null),
      reauthRequired: false,
    };
    await db.put(next);
    this.#tokens = next.tokens;
    this.#user = tokens.user;
    this.#reauthRequired = false;
    this.#channel?.postMessage('changed');
  }

  /** How many changes of the current user have not reached the server (pending, sending or rejected). */
  async unsyncedCount(): Promise<number> {
    const store = this.#workspace.store;
    if (!store) return 0;
    return (await (await this.#io()).unsyncedChanges(store)).length;
  }

  /**
   * Signs out. With unsynced changes it throws `UnsyncedChangesError` unless `keepUnsyncedOnPhone` says the
   * user chose to leave them on the phone. The database is kept either way.
   */
  async signOut(opts: { keepUnsyncedOnPhone?: boolean } = {}): Promise<void> {
    const user = this.#user;
    if (!user) return;
    const unsynced = await this.unsyncedCount();
    if (unsynced > 0 && !opts.keepUnsyncedOnPhone) throw new UnsyncedChangesError(unsynced);
    const io = await this.#io();
    const db = await this.#db();
    this.#busy = true;
    try {
      const stored = await db.get(user.id);
      const refreshToken = stored?.tokens?.refreshToken ?? this.#tokens?.refreshToken;
      if (refreshToken && this.#isOnline()) {
        try {
          await (
            await this.#client()
          ).request('POST', '/api/auth/sign-out', {
            body: { refreshToken },
            token: this.#tokens?.accessToken ?? null,
            schema: null,
          });
        } catch {
          // Offline or already revoked: the token is still removed from this phone below.
        }
      }
      await db.signOut(user.id);
      try {
        await io.clearApiCaches(this.#caches);
      } catch {
        // Cache Storage blocked: nothing of ours can be in it then.
      }
      this.#setGuest();
      await this.#workspace.switchUser(null, null);
      this.#justSignedOut = true;
      this.#channel?.postMessage('changed');
    } finally {
      this.#busy = false;
    }
  }

  clearError(): void {
    this.#error = null;
  }

  /** For tests: forget everything in memory (the databases stay). */
  reset(): void {
    this.#status = 'loading';
    this.#user = null;
    this.#tokens = null;
    this.#reauthRequired = false;
    this.#busy = false;
    this.#error = null;
    this.#refreshing = null;
    this.#justSignedOut = false;
  }

  close(): void {
    this.#channel?.close();
    this.#channel = null;
    this.#accountsDb?.close();
  }

  #toStored(tokens: SessionTokens, serverTime: number | null): StoredTokens {
    // A phone whose clock is wrong would think every token expired (or none): measure against the server's.
    const skew = serverTime === null ? 0 : serverTime - this.#now();
    const correction = Math.abs(skew) > 5_000 ? skew : 0;
    return {
      accessToken: tokens.accessToken,
      accessExpiresAt: tokens.accessExpiresAt,
      localExpiresAt: tokens.accessExpiresAt - correction,
      refreshToken: tokens.refreshToken,
    };
  }

  async #adopt(tokens: SessionTokens, serverTime: number | null): Promise<void> {
    const db = await this.#db();
    // Someone else signing in on this phone ends the previous user's session (their database stays).
    const previous = this.#user;
    if (previous && previous.id !== tokens.user.id) await db.signOut(previous.id);
    const account: KnownAccount = {
      userId: tokens.user.id,
      user: tokens.user,
      tokens: this.#toStored(tokens, serverTime),
      reauthRequired: false,
      signedInAt: this.#now(),
    };
    await db.signIn(account);
    this.#adoptStored(account);
    await this.#workspace.switchUser(account.userId, account.user.tenantId, () => this.principal);
    this.#channel?.postMessage('changed');
  }

  #adoptStored(account: KnownAccount): void {
    this.#justSignedOut = false;
    this.#user = account.user;
    this.#tokens = account.tokens;
    this.#reauthRequired = account.reauthRequired;
    this.#status = 'signed-in';
  }

  #setGuest(): void {
    this.#user = null;
    this.#tokens = null;
    this.#reauthRequired = false;
    this.#status = 'guest';
  }

  async #refresh(staleAccessToken: string): Promise<string | null> {
    const userId = this.#user?.id;
    if (!userId) return null;
    const io = await this.#io();
    const db = await this.#db();
    const api = await this.#client();
    return withLock(REFRESH_LOCK, async () => {
      // Another tab may have refreshed while this one waited for the lock: its rotated tokens are stored.
      const stored = await db.get(userId);
      if (!stored?.tokens || this.#user?.id !== userId) return null;
      if (stored.reauthRequired) {
        this.#reauthRequired = true;
        return null;
      }
      if (
        stored.tokens.accessToken !== staleAccessToken &&
        stored.tokens.localExpiresAt - EXPIRY_MARGIN_MS > this.#now()
      ) {
        this.#tokens = stored.tokens;
        return stored.tokens.accessToken;
      }
      try {
        const { data, serverTime } = await api.request('POST', '/api/auth/refresh', {
          body: { refreshToken: stored.tokens.refreshToken },
          schema: io.sessionTokensSchema,
        });
        if (data.user.id !== userId || this.#user?.id !== userId) return null;
        const next: KnownAccount = { ...stored, user: data.user, tokens: this.#toStored(data, serverTime) };
        await db.put(next);
        this.#tokens = next.tokens;
        this.#user = data.user;
        return data.accessToken;
      } catch (err) {
        if (isUnauthorized(io, err)) {
          // Revoked, expired or the account disabled: keep the profile and the data, ask to sign in again.
          await db.put({ ...stored, reauthRequired: true });
          this.#reauthRequired = true;
          this.#channel?.postMessage('changed');
        }
        return null;
      }
    });
  }

  #noTokenError(io: Io): ApiError {
    if (this.#reauthRequired || this.#status !== 'signed-in') {
      return new io.ApiError({
        kind: 'http',
        status: 401,
        code: 'sign-in-required',
        message: { id: 'Masuk lagi untuk melanjutkan', en: 'Sign in again to continue' },
        retryAfterSeconds: null,
      });
    }
    return new io.ApiError({ kind: 'offline' });
  }

  #messageOf(io: Io, err: unknown): SessionMessage {
    if (err instanceof io.ApiError) {
      const f = err.failure;
      if (f.kind === 'offline') return { key: 'error.offlineFirstSignIn' };
      if (f.status === 429 && f.retryAfterSeconds !== null) {
        return f.retryAfterSeconds >= 60
          ? { key: 'error.rateLimitedMinutes', params: { count: Math.ceil(f.retryAfterSeconds / 60) } }
          : { key: 'error.rateLimitedSeconds', params: { count: Math.max(1, f.retryAfterSeconds) } };
      }
      // Busy (too many sign-ins at once, or its database; or a proxy's 503 page): like a dropped connection,
      // nothing was checked or counted, and the typed text stays for the next tap. Not the server's own text,
      // which for a busy database speaks of data retried later.
      if (f.status === 503) {
        return f.retryAfterSeconds !== null
          ? { key: 'error.serverBusySeconds', params: { count: Math.max(1, f.retryAfterSeconds) } }
          : { key: 'error.serverBusy' };
      }
      return { server: f.message };
    }
    const error = err instanceof Error ? err.message : String(err);
    return { key: 'error.unexpected', params: { error } };
  }
}

/** The app's session. */
export const accountSession = new AccountSession();

/** The sync engine's token getter: a valid access token, or null (offline, signed out, "Masuk lagi" needed). */
export function getAccessToken(): Promise<string | null> {
  return accountSession.getAccessToken();
}
