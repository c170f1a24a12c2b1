/**
 * One snackbar for the whole app: a short message, optionally with one action ("Urungkan" after a delete).
 * The shell renders it in a live region, so screen readers announce it.
 */
export interface SnackbarAction {
  label: string;
  run: () => void | Promise<void>;
}

export const SNACKBAR_MS = 8_000;

export class Snackbar {
  #message = $state<string | null>(null);
  #action = $state.raw<SnackbarAction | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;

  get message(): string | null {
    return this.#message;
  }
  get action(): SnackbarAction | null {
    return this.#action;
  }

  show(message: string, action: SnackbarAction | null = null, ms = SNACKBAR_MS): void {
    this.#clearTimer();
    this.#message = message;
    this.#action = action;
    this.#timer = setTimeout(() => this.dismiss(), ms);
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
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

export const snackbar = new Snackbar();
