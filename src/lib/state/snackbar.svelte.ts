/**
 * One snackbar for the whole app: a short message, optionally with one action ("Urungkan" after a delete).
 * The shell renders it in a live region, so screen readers announce it.
 *
 * A message belongs to one screen and is shown only there: leaving that screen drops it (it said something about
 * what was on it). The screen is the one it is shown on, or, for an action that moves on to another screen (a
 * delete that lands on the list), the next screen the app goes to: "Rancangan dihapus" with "Urungkan" is shown on
 * the list and dropped when the person opens anything else.
 */
import { router } from '../router/router.svelte';

export interface SnackbarAction {
  label: string;
  run: () => void | Promise<void>;
}

/** 'here': the screen it is shown on; 'next': the screen the app goes to next (the action then navigates). */
export type SnackbarHome = 'here' | 'next';

export interface SnackbarOptions {
  belongsTo?: SnackbarHome;
  ms?: number;
}

export const SNACKBAR_MS = 8_000;

export class Snackbar {
  #message = $state<string | null>(null);
  #action = $state.raw<SnackbarAction | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** The screen the message belongs to; null while it waits for the next screen. */
  #home: string | null = null;
  readonly #where: () => string;

  /**
   * `where`: which screen is shown now (the router's screen: a new session taking its own address with
   * `router.rename` is still the same screen).
   */
  constructor(where: () => string = () => String(router.screen)) {
    this.#where = where;
  }

  get message(): string | null {
    return this.#message;
  }
  get action(): SnackbarAction | null {
    return this.#action;
  }

  show(message: string, action: SnackbarAction | null = null, opts: SnackbarOptions = {}): void {
    this.#clearTimer();
    this.#message = message;
    this.#action = action;
    this.#home = opts.belongsTo === 'next' ? null : this.#where();
    this.#timer = setTimeout(() => this.dismiss(), opts.ms ?? SNACKBAR_MS);
  }

  /**
   * The app shows `screen` now (the shell calls this whenever the screen changes): a message that belongs
   * elsewhere is dropped; one waiting for the next screen takes this one as its own.
   */
  navigated(screen: string): void {
    if (this.#message === null) return;
    if (this.#home === null) this.#home = screen;
    else if (this.#home !== screen) this.dismiss();
  }

  /** Runs the action once, then hides the snackbar. */
  async act(): Promise<void> {
    const action = this.#action;
    this.dismiss();
    await action?.run();
  }

  dismiss(): void {
    this.#clearTimer();
    this.#message = null;
    this.#action = null;
    this.#home = null;
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

export const snackbar = new Snackbar();
