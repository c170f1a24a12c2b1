/**
 * A draft's review statuses, in order. Apart from the record schemas (records.ts re-exports them) so the access
 * rules, which the first screen loads, read them without loading zod and every schema with it.
 * 'disetujui-kepala' (approved by the head of the OPD) and 'review-internal' (the regency's internal review) are
 * used only by tenants that switch them on (the programme record's `reviewFlow`, review.ts).
 */
export const REVIEW_STATUSES = [
  'draft',
  'diajukan',
  'revisi',
  'disetujui',
  'disetujui-kepala',
  'review-internal',
  'siap-kirim',
  'terkirim',
] as const;
