/** Bilingual reasons for rejected changes, shown to people as they are (Indonesian first). */
import type { REJECT_CODES } from '../../shared/protocol';

type RejectCode = (typeof REJECT_CODES)[number];

const MESSAGES: Record<RejectCode, string> = {
  forbidden: 'Anda tidak berhak mengubah catatan ini. / You are not allowed to change this record.',
  invalid:
    'Perubahan ini tidak sah dan tidak disimpan di server. / This change is not valid and was not saved on the server.',
  'kind-mismatch':
    'Jenis catatan tidak cocok dengan yang ada di server. / The record kind does not match the one on the server.',
  // Also the answer for a record the person may not see: true in both cases, so it tells them nothing apart.
  'not-found':
    'Catatan ini tidak ada di server, atau tidak dapat Anda akses. / This record is not on the server, or you have no access to it.',
  // No longer sent (another tenant's record answers `not-found`); kept because the code is in the protocol.
  'tenant-mismatch': 'Catatan ini milik pemda lain. / This record belongs to another local government.',
  'review-transition':
    'Perubahan status tinjauan ini ditolak server. / The server refused this review status change.',
};

export function rejectMessage(code: RejectCode, detail?: string): string {
  return detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code];
}
