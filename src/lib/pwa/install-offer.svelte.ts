/**
 * Home's install offer as runes: counts visits (home calls `countVisit` when it opens; once per tab session,
 * marked in sessionStorage, so reloads do not count), remembers "Nanti saja" (localStorage), and follows the
 * install state (`Install`: the browser's prompt, iOS, or installed, display-mode standalone included). The rule
 * is `shouldOfferInstall`.
 */
import { install as appInstall, type Install } from './install.svelte';
import { parseMemory, shouldOfferInstall, type InstallOfferMemory } from './install-offer';

const MEMORY_KEY = 'rintis.install-offer';
const VISIT_KEY = 'rintis.visit-counted';

type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

export interface InstallOfferDeps {
  install: Pick<Install, 'mode' | 'prompt'>;
  /** The device's memory (localStorage) and the tab session's (sessionStorage); absent where blocked. */
  local: () => KeyValue | undefined;
  session: () => KeyValue | undefined;
}

/** Storage can be blocked (private mode, policies): then nothing is remembered, and nothing fails. */
const storage =
  (get: () => Storage): (() => KeyValue | undefined) =>
  () => {
    try {
      return get();
    } catch {
      return undefined;
    }
  };

export class InstallOffer {
  #memory = $state<InstallOfferMemory>({ visits: 0, dismissed: false });
  readonly #deps: InstallOfferDeps;

  constructor(deps: Partial<InstallOfferDeps> = {}) {
    this.#deps = {
      install: deps.install ?? appInstall,
      local: deps.local ?? storage(() => localStorage),
      session: deps.session ?? storage(() => sessionStorage),
    };
  }

  /** Counts this visit once per tab session and reads what the phone remembers. */
  countVisit(): void {
    const memory = parseMemory(this.#read());
    const session = this.#deps.session();
    if (session && session.getItem(VISIT_KEY) === null) {
      memory.visits++;
      this.#write(memory);
      try {
        session.setItem(VISIT_KEY, '1');
      } catch {
        // Not remembered for the tab: a reload may count again, which only brings the offer a visit sooner.
      }
    }
    this.#memory = memory;
  }

  get visits(): number {
    return this.#memory.visits;
  }

  get visible(): boolean {
    return shouldOfferInstall(this.#memory, this.#deps.install.mode);
  }

  get mode(): Install['mode'] {
    return this.#deps.install.mode;
  }

  /** "Nanti saja": never offered again on home (Pengaturan keeps "Pasang aplikasi"). */
  dismiss(): void {
    this.#memory = { ...this.#memory, dismissed: true };
    this.#write(this.#memory);
  }

  /** "Pasang": the browser's dialog; closed without installing counts as "Nanti saja". */
  async accept(): Promise<void> {
    await this.#deps.install.prompt();
    if (this.#deps.install.mode !== 'installed') this.dismiss();
  }

  #read(): string | null {
    try {
      return this.#deps.local()?.getItem(MEMORY_KEY) ?? null;
    } catch {
      return null;
    }
  }

  #write(memory: InstallOfferMemory): void {
    try {
      this.#deps.local()?.setItem(MEMORY_KEY, JSON.stringify(memory));
    } catch {
      // Full or blocked storage: the offer may come back next visit, nothing else is lost.
    }
  }
}

export const installOffer = new InstallOffer();
