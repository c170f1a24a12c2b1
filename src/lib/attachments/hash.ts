/**
 * Content addresses: the SHA-256 of a file's bytes (Web Crypto), lowercase hex. The same photo attached twice
 * gets the same address, so it is stored and uploaded once.
 */
import { toHex } from '../../shared/attachments';

export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return toHex(digest);
}
