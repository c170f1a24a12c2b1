/**
 * Content addresses: the SHA-256 of a file's bytes (Web Crypto), lowercase hex. The same photo attached twice
 * gets the same address, so it is stored and uploaded once.
 */
import { toHex } from '../../shared/attachments';

/** A Blob's bytes (FileReader where `Blob.arrayBuffer` is missing: older WebViews). */
export async function readBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(blob);
  });
}

export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array): Promise<string> {
  const bytes =
    data instanceof Uint8Array ? data : new Uint8Array(data instanceof Blob ? await readBytes(data) : data);
  const digest = await crypto.subtle.digest('SHA-256', Uint8Array.from(bytes));
  return toHex(digest);
}
