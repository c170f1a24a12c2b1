/** "Indonesian / English" text for a failed account API call, as the coordinator and device screens show it. */
import { ApiError } from './api';

export function failureText(err: unknown): string {
  if (err instanceof ApiError) {
    const f = err.failure;
    if (f.kind === 'offline') {
      return 'Tidak ada sambungan. Coba lagi saat ada sinyal. / No connection. Try again when you have signal.';
    }
    return `${f.message.id} / ${f.message.en}`;
  }
  return err instanceof Error ? err.message : String(err);
}
