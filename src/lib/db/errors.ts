/** The store's errors: a code a screen can act on and a message in Indonesian and English it shows as it is. */
import type { z } from 'zod';
import { WRITE_REFUSAL_MESSAGES, type WriteRefusal } from '../../shared/access';
import { isGenericMessage } from '../../shared/zod-messages';

export type StoreErrorCode = 'not-found' | 'exists' | 'invalid' | 'corrupt' | 'partial' | 'forbidden';

/** A store error with a message in Indonesian and English that a screen can show as it is. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

const MESSAGES: Record<StoreErrorCode, string> = {
  'not-found': 'Data tidak ditemukan / record not found',
  exists: 'Data dengan ID ini sudah ada / a record with this id already exists',
  invalid: 'Isian tidak sah / invalid input',
  corrupt: 'Data tersimpan rusak dan disisihkan / the stored record is damaged and was set aside',
  partial:
    'Isi lengkap data ini belum diunduh ke perangkat ini; tunggu sampai terunduh / ' +
    'the full record is not on this device yet; wait until it has downloaded',
  forbidden:
    'Peran Anda tidak boleh mengubah data ini, jadi perubahan tidak disimpan; minta admin lokal bila perlu / ' +
    'your role may not change this record, so the change was not saved; ask the local admin if needed',
};

/** The store's refusal with the rule's reason, still one "Indonesian / English" pair (screens show one half). */
export function forbiddenMessage(why: WriteRefusal): string {
  const [id, en] = MESSAGES.forbidden.split(' / ');
  const reason = WRITE_REFUSAL_MESSAGES[why];
  return `${id}. ${reason.id} / ${en}. ${reason.en}`;
}

export function storeError(code: StoreErrorCode, details?: unknown, message?: string): StoreError {
  return new StoreError(code, message ?? MESSAGES[code], details);
}

/**
 * The schemas' own messages are bilingual and name their field ("Nama unit wajib diisi / unit name is required");
 * zod's generic ones (src/shared/zod-messages.ts) are bilingual too but do not, so the field's path goes before
 * each half ("place: Jenis isian salah: harus teks / place: Wrong type: expected text").
 */
export function invalidInput(issues: z.core.$ZodIssue[]): StoreError {
  const first = issues[0];
  if (!first) return storeError('invalid', issues);
  const path = first.path.map(String).join('.');
  if (!path || !isGenericMessage(first)) return storeError('invalid', issues, first.message);
  const [id, en = id] = first.message.split(' / ');
  return storeError('invalid', issues, `${path}: ${id} / ${path}: ${en}`);
}
