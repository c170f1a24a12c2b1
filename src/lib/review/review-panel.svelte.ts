/**
 * State of the review panel on one draft: the moves the person may make, the "terkirim" form, the last move's
 * outcome. Moves go through `moveDraft` (one local transaction, synced later). Components only render this.
 */
import type { LocalStore } from '../db/types';
import type { SentDetails } from '../../shared/records';
import {
  allowedTransitions,
  needsSentDetails,
  type ReviewRole,
  type ReviewStatus,
} from '../../shared/domain/review';
import { discardRefusedMove, moveDraft, type ReviewActor } from './actions';

export type PanelMessage = { kind: 'moved'; status: ReviewStatus } | { kind: 'failed'; error: string };

export class ReviewPanelState {
  readonly #store: LocalStore;
  readonly #draftId: string;
  readonly #actor: () => ReviewActor;
  readonly #beforeMove: () => Promise<void>;

  #sentFormOpen = $state(false);
  #competition = $state('');
  #date = $state('');
  #busy = $state(false);
  #message = $state<PanelMessage | null>(null);

  constructor(opts: {
    store: LocalStore;
    draftId: string;
    actor: () => ReviewActor;
    /** Saves what the screen still holds (the editor's debounce), so the snapshot has every word typed. */
    beforeMove?: () => Promise<void>;
    /** Runs a sync after a refused move is dropped (so the server's status comes back at once when online). */
    afterDiscard?: () => Promise<void>;
    today?: () => string;
  }) {
    this.#store = opts.store;
    this.#draftId = opts.draftId;
    this.#actor = opts.actor;
    this.#beforeMove = opts.beforeMove ?? (() => Promise.resolve());
    this.#today = opts.today ?? todayLocal;
    this.#afterDiscard = opts.afterDiscard ?? (() => Promise.resolve());
  }
  readonly #today: () => string;
  readonly #afterDiscard: () => Promise<void>;

  get role(): ReviewRole {
    return this.#actor().role;
  }
  get sentFormOpen(): boolean {
    return this.#sentFormOpen;
  }
  get competition(): string {
    return this.#competition;
  }
  set competition(v: string) {
    this.#competition = v;
  }
  get date(): string {
    return this.#date;
  }
  set date(v: string) {
    this.#date = v;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get message(): PanelMessage | null {
    return this.#message;
  }

  moves(from: ReviewStatus): ReviewStatus[] {
    return allowedTransitions(this.role, from);
  }

  /** A button: moves at once, or opens the competition form for "terkirim". */
  async choose(to: ReviewStatus): Promise<void> {
    if (needsSentDetails(to)) {
      this.#sentFormOpen = true;
      if (!this.#date) this.#date = this.#today();
      return;
    }
    await this.#move(to);
  }

  closeSentForm(): void {
    this.#sentFormOpen = false;
  }

  async submitSent(): Promise<void> {
    const sent: SentDetails = { competition: this.#competition.trim(), date: this.#date };
    await this.#move('terkirim', sent);
    if (this.#message?.kind === 'moved') this.#sentFormOpen = false;
  }

  /** "Buang perubahan ini": drops a refused move; the server's status returns with the next sync. */
  async discard(seq: number, draftRev: number): Promise<void> {
    try {
      await discardRefusedMove(this.#store, seq, draftRev);
      this.#message = null;
      await this.#afterDiscard();
    } catch (err) {
      this.#message = { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  }

  async #move(to: ReviewStatus, sent?: SentDetails): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      await this.#beforeMove();
      await moveDraft(this.#store, this.#draftId, to, this.#actor(), sent ? { sent } : {});
      this.#message = { kind: 'moved', status: to };
    } catch (err) {
      this.#message = { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
    } finally {
      this.#busy = false;
    }
  }
}

function todayLocal(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
