/**
 * A draft's history on the phone: the server's record of applied changes (`GET /api/sync/history/{id}`), kept in
 * the local store's meta table after each read so it can be shown offline, together with this phone's changes
 * still waiting in the outbox ("belum terkirim") or refused by the server. Components only render `items`.
 */
import type { LocalStore, OutboxEntry } from '../db/types';
import {
  MAX_HISTORY_ENTRIES,
  historyResponseSchema,
  type HistoryEntry,
  type HistoryResponse,
} from '../../shared/history';
import { REVIEW_STATUSES } from '../../shared/records';
import type { ReviewStatus } from '../../shared/domain/review';
import type { ReviewActor } from './actions';
import type { ApiUrl, JsonAnswer } from '../api/types';

/** The history answer as the server's OpenAPI document states it (the shared schema must fit it). */
type HistoryAnswer = JsonAnswer<'/api/sync/history/{recordId}', 'GET'>;

/** Reads the server's history of a record; throws when there is no connection or no account. */
export type HistoryFetcher = (recordId: string) => Promise<HistoryResponse>;

export const historyMetaKey = (recordId: string) => `review.history.${recordId}`;

export interface HistoryItem {
  key: string;
  /** Epoch ms; null when the server did not keep the time (changes from before it did). */
  at: number | null;
  who: string;
  role: HistoryEntry['userRole'];
  paths: string[];
  reviewStatus: ReviewStatus | null;
  state: 'server' | 'pending' | 'refused';
  /** The change that created the record (its every part is listed in the log: shown as one "made"). */
  created: boolean;
  /** The server's reason, for refused changes. */
  reason?: string;
}

export type HistoryLoad = 'idle' | 'loading' | 'fresh' | 'cached' | 'unavailable';

const isStatus = (v: unknown): v is ReviewStatus =>
  typeof v === 'string' && (REVIEW_STATUSES as readonly string[]).includes(v);

export class DraftHistoryState {
  readonly #store: LocalStore;
  readonly #draftId: string;
  readonly #fetch: HistoryFetcher | null;
  readonly #actor: () => ReviewActor;

  #server = $state.raw<HistoryResponse | null>(null);
  #load = $state<HistoryLoad>('idle');

  constructor(opts: {
    store: LocalStore;
    draftId: string;
    actor: () => ReviewActor;
    /** null: no account on this phone (a guest), so only this phone's own changes are shown. */
    fetchHistory: HistoryFetcher | null;
  }) {
    this.#store = opts.store;
    this.#draftId = opts.draftId;
    this.#fetch = opts.fetchHistory;
    this.#actor = opts.actor;
  }

  get load(): HistoryLoad {
    return this.#load;
  }
  /** When the server history shown was read (epoch ms). */
  get readAt(): number | null {
    return this.#server?.readAt ?? null;
  }

  /** The cached copy first (instant, offline), then the server's when it answers. */
  async refresh(): Promise<void> {
    this.#load = 'loading';
    if (!this.#server) {
      const cached = historyResponseSchema.safeParse(
        await this.#store.getMeta(historyMetaKey(this.#draftId)),
      );
      if (cached.success) this.#server = cached.data;
    }
    if (!this.#fetch) {
      this.#load = this.#server ? 'cached' : 'unavailable';
      return;
    }
    try {
      const fresh = historyResponseSchema.parse(await this.#fetch(this.#draftId));
      this.#server = fresh;
      await this.#store.setMeta(historyMetaKey(this.#draftId), fresh);
      this.#load = 'fresh';
    } catch {
      this.#load = this.#server ? 'cached' : 'unavailable';
    }
  }

  /** Newest first: this phone's unsent and refused changes, then what the server applied. */
  items(outbox: readonly OutboxEntry[]): HistoryItem[] {
    const me = this.#actor();
    const local: HistoryItem[] = outbox
      .filter((e) => e.recordId === this.#draftId)
      .map((e) => ({
        key: `local-${e.seq}`,
        at: e.editedAt,
        who: me.name,
        role: me.role,
        paths: Object.keys(e.values).sort(),
        reviewStatus: isStatus(e.values.reviewStatus) ? e.values.reviewStatus : null,
        state: e.rejected ? ('refused' as const) : ('pending' as const),
        created: e.op === 'create',
        ...(e.rejected ? { reason: e.rejected.message } : {}),
      }))
      .reverse();
    const entries = this.#server?.entries ?? [];
    // The oldest entry is the creation, unless the list was cut at its maximum.
    const complete = entries.length < MAX_HISTORY_ENTRIES;
    const server: HistoryItem[] = entries.map((e, i) => ({
      key: `v-${e.version}`,
      at: e.at,
      who: e.userName ?? e.userId,
      role: e.userRole,
      paths: e.paths,
      reviewStatus: e.reviewStatus,
      state: 'server' as const,
      created: complete && i === entries.length - 1,
    }));
    return [...local, ...server];
  }
}

/** The app's fetcher: the signed-in person's token, the shared response schema (checked by the state). */
export function httpHistoryFetcher(
  getToken: () => Promise<string | null>,
  opts: { baseUrl?: string; fetch?: (input: string, init?: RequestInit) => Promise<Response> } = {},
): HistoryFetcher {
  const baseUrl = opts.baseUrl ?? '';
  return async (recordId) => {
    const token = await getToken();
    if (!token) throw new Error('Tidak tersambung atau belum masuk / offline or not signed in');
    const request = opts.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
    const path = `/api/sync/history/${encodeURIComponent(recordId)}` satisfies ApiUrl<'GET'>;
    const res = await request(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return historyResponseSchema.parse(await res.json()) satisfies HistoryAnswer;
  };
}
