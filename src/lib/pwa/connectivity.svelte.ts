/** Online/offline state for the header indicator. `changed` is false until the first change after start. */
export class Connectivity {
  #online = $state(true);
  #changed = $state(false);
  #stop: (() => void) | null = null;

  get online(): boolean {
    return this.#online;
  }
  /** The indicator announces only changes, never the state it found on load. */
  get changed(): boolean {
    return this.#changed;
  }

  start(): void {
    this.stop();
    this.#online = navigator.onLine;
    const set = (online: boolean) => () => {
      if (online === this.#online) return;
      this.#online = online;
      this.#changed = true;
    };
    const on = set(true);
    const off = set(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    this.#stop = () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }
}

export const connectivity = new Connectivity();
