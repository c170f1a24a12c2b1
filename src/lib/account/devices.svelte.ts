/**
 * Where the signed-in person is signed in (one row per device session on the server) and signing devices out.
 * Online only: the list lives on the server. Signing a device out ends its refresh token and, at its next
 * request, its access token.
 */
import { signedInDeviceListSchema, signedOutDevicesSchema, type SignedInDevice } from '../../shared/api';
import { failureText } from './failure-text';
import type { AccountSession } from './session.svelte';

export class SignedInDevices {
  #devices = $state.raw<SignedInDevice[] | null>(null);
  #loading = $state(false);
  #busy = $state(false);
  #error = $state<string | null>(null);
  #signedOut = $state<number | null>(null);

  constructor(private readonly session: AccountSession) {}

  get devices(): SignedInDevice[] | null {
    return this.#devices;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** "Indonesian / English" text of the last failure. */
  get error(): string | null {
    return this.#error;
  }
  /** How many devices the last action signed out. */
  get signedOut(): number | null {
    return this.#signedOut;
  }

  async load(): Promise<void> {
    this.#loading = true;
    this.#error = null;
    try {
      const res = await this.session.authorized('GET', '/api/auth/devices', {
        schema: signedInDeviceListSchema,
      });
      this.#devices = res.devices;
    } catch (err) {
      this.#error = failureText(err);
    } finally {
      this.#loading = false;
    }
  }

  signOut(id: string): Promise<void> {
    return this.#act(`/api/auth/devices/${encodeURIComponent(id)}/sign-out`);
  }

  signOutOthers(): Promise<void> {
    return this.#act('/api/auth/devices/sign-out-others');
  }

  async #act(
    path: `/api/auth/devices/${string}/sign-out` | '/api/auth/devices/sign-out-others',
  ): Promise<void> {
    this.#busy = true;
    this.#error = null;
    this.#signedOut = null;
    try {
      const res = await this.session.authorized('POST', path, { schema: signedOutDevicesSchema });
      this.#signedOut = res.signedOut;
      await this.load();
    } catch (err) {
      this.#error = failureText(err);
    } finally {
      this.#busy = false;
    }
  }
}
