/**
 * Settings' storage panel and the eviction banner read this. `start()` checks for eviction, reads persistence
 * and usage, and waits for the moment to ask for persistence: the app being installed, or the first record saved
 * (any Dexie write in this page, seen through Dexie's global `storagemutated` event, so the store needs no hook).
 */
import {
  acknowledgeEviction,
  detectEviction,
  estimateStorage,
  isPersisted,
  markLocalData,
  requestPersistence,
  type PersistResult,
  type StorageEstimateInfo,
} from './storage';

export class Durability {
  #persist = $state<PersistResult | 'unknown'>('unknown');
  #estimate = $state<StorageEstimateInfo | null>(null);
  #evicted = $state(false);
  #asked = false;
  #marked = false;
  #stop: (() => void) | null = null;

  get persist(): PersistResult | 'unknown' {
    return this.#persist;
  }
  get estimate(): StorageEstimateInfo | null {
    return this.#estimate;
  }
  get evicted(): boolean {
    return this.#evicted;
  }

  async start(): Promise<void> {
    this.stop();
    const onSaved = () => void this.#onFirstSave();
    const onInstalled = () => void this.askPersistence();
    let stopped = false;
    let unsubscribe = () => {};
    window.addEventListener('appinstalled', onInstalled);
    this.#stop = () => {
      stopped = true;
      unsubscribe();
      window.removeEventListener('appinstalled', onInstalled);
    };
    // Dexie is loaded with the data layer's chunk, not the first screen's; by then the store needs it anyway.
    const { Dexie } = await import('dexie');
    if (!stopped) {
      Dexie.on('storagemutated', onSaved);
      unsubscribe = () => Dexie.on.storagemutated.unsubscribe(onSaved);
    }
    const [evicted, persist] = await Promise.all([detectEviction().catch(() => false), isPersisted()]);
    this.#evicted = evicted;
    this.#persist = persist;
    await this.refreshEstimate();
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }

  async refreshEstimate(): Promise<void> {
    this.#estimate = await estimateStorage().catch(() => null);
  }

  /** Asks once per page; the result is shown in Settings. */
  async askPersistence(): Promise<PersistResult> {
    this.#asked = true;
    const result = await requestPersistence().catch((): PersistResult => 'denied');
    this.#persist = result;
    return result;
  }

  dismissEviction(): void {
    acknowledgeEviction();
    this.#evicted = false;
  }

  async #onFirstSave(): Promise<void> {
    if (this.#marked) return;
    this.#marked = true;
    await markLocalData().catch(() => undefined); // the marker is advisory: never disturb a save
    if (!this.#asked && this.#persist !== 'granted') await this.askPersistence();
  }
}

export const durability = new Durability();
