/**
 * A draft's history as the server keeps it (`GET /api/sync/history/{recordId}`): one entry per applied change
 * (one server version), with who made it, when the server applied it, which parts it touched and, for a review
 * status move, the new status. Section texts are not repeated here: submissions keep those.
 */
import { z } from 'zod';
import { REVIEW_STATUSES, personRoleSchema, recordIdSchema } from './records';

export const MAX_HISTORY_ENTRIES = 300;

export const historyParamsSchema = z.object({ recordId: recordIdSchema });

export const historyEntrySchema = z
  .object({
    version: z.number().int().nonnegative(),
    /** Server time of the change (epoch ms); null for changes logged before the server kept times. */
    at: z.number().int().nonnegative().nullable(),
    userId: z.string().max(100),
    /** Name and role of the account at the time of reading; null when the account is gone. */
    userName: z.string().max(200).nullable(),
    userRole: personRoleSchema.nullable(),
    /** Field paths changed (`title`, `sections.ringkasan`, `reviewStatus`, `deleted`, ...). */
    paths: z.array(z.string().max(200)).max(500),
    /** The new review status when the change moved it. */
    reviewStatus: z.enum(REVIEW_STATUSES).nullable(),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyResponseSchema = z
  .object({
    recordId: recordIdSchema,
    /** Newest first, at most `MAX_HISTORY_ENTRIES`. */
    entries: z.array(historyEntrySchema).max(MAX_HISTORY_ENTRIES),
    /** Server time the history was read (epoch ms): the phone shows "as of" when it shows a cached copy offline. */
    readAt: z.number().int().nonnegative(),
  })
  .meta({ id: 'HistoryResponse' });
export type HistoryResponse = z.infer<typeof historyResponseSchema>;
