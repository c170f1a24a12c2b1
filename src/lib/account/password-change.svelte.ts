/**
 * The change-password form's state (also the forced change after a one-time password). The typed passwords
 * live only here, in memory: never in IndexedDB, the outbox or a URL. Changing needs the server: without signal
 * the form says so and keeps what was typed, and the next tap online sends it. The new password is checked on
 * the phone with the shared rule; the common-password list (~200 KB) is loaded in the background when the form
 * opens, and until it is there (or offline) the server's identical check still refuses a common password.
 */
import { loadCommonPasswords } from '../../shared/commonPasswords';
import { NEW_PASSWORD_MESSAGES, newPasswordProblem } from '../../shared/passwordPolicy';
import type { Bilingual } from './api';
import { ApiError } from './api';
import type { SecurityStringKey } from './security-strings';
import type { AccountSession } from './session.svelte';

export interface PasswordFieldErrors {
  current?: SecurityStringKey;
  /** The shared rule's bilingual message. */
  next?: Bilingual;
  repeat?: SecurityStringKey;
}

/** What the form says after a tap: a string key of this screen or the server's own words. */
export type PasswordNotice =
  | { kind: 'done' }
  | { kind: 'offline' }
  | { kind: 'server'; message: Bilingual }
  | { kind: 'error'; text: string };

export class PasswordChange {
  current = $state('');
  next = $state('');
  repeat = $state('');
  #errors = $state<PasswordFieldErrors>({});
  #notice = $state<PasswordNotice | null>(null);
  #busy = $state(false);
  #common: ReadonlySet<string> | null = null;

  constructor(private readonly session: AccountSession) {}

  get errors(): PasswordFieldErrors {
    return this.#errors;
  }
  get notice(): PasswordNotice | null {
    return this.#notice;
  }
  get busy(): boolean {
    return this.#busy;
  }

  /** Starts loading the common-password list; a failure (no signal) only leaves the check to the server. */
  prepare(load: () => Promise<ReadonlySet<string>> = loadCommonPasswords): void {
    load().then(
      (list) => {
        this.#common = list;
      },
      () => {},
    );
  }

  validate(): PasswordFieldErrors {
    const errors: PasswordFieldErrors = {};
    if (this.current === '') errors.current = 'password.needCurrent';
    const problem = newPasswordProblem(this.next, { common: this.#common, current: this.current });
    if (problem) errors.next = NEW_PASSWORD_MESSAGES[problem];
    else if (this.repeat !== this.next) errors.repeat = 'password.mismatch';
    return errors;
  }

  /** Sends the change; true when done. Offline or refused, the typed text stays for the next tap. */
  async submit(): Promise<boolean> {
    this.#errors = this.validate();
    this.#notice = null;
    if (Object.keys(this.#errors).length > 0) return false;
    this.#busy = true;
    try {
      await this.session.changePassword(this.current, this.next);
      this.current = '';
      this.next = '';
      this.repeat = '';
      this.#notice = { kind: 'done' };
      return true;
    } catch (err) {
      if (err instanceof ApiError) {
        this.#notice =
          err.failure.kind === 'offline'
            ? { kind: 'offline' }
            : { kind: 'server', message: err.failure.message };
      } else {
        this.#notice = { kind: 'error', text: err instanceof Error ? err.message : String(err) };
      }
      return false;
    } finally {
      this.#busy = false;
    }
  }
}
