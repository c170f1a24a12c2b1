/**
 * A draft's review statuses, in order. Apart from the record schemas (records.ts re-exports them) so the access
 * rules, which the first screen loads, read them without loading zod and every schema with it.
 */
export const REVIEW_STATUSES = [
  'draft',
  'diajukan',
  'revisi',
  'disetujui',
  'siap-kirim',
  'terkirim',
] as const;
