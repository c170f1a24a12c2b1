/**
 * The units API (coordinators only, mounted at /api/units): merging two units happens on the server, in one
 * transaction, so every phone pulls the moved records (see src/server/units/merge.ts). Shared by both sides.
 */
import { z } from 'zod';
import { recordIdSchema, unitSchema } from './records';
import { UNIT_REFERRING_KINDS } from './domain/units';

export const mergeUnitsRequestSchema = z
  .object({
    /** The unit that stays: the records of the unit in the path move to it. */
    into: recordIdSchema,
  })
  .strict()
  .meta({ id: 'MergeUnitsRequest' });
export type MergeUnitsRequest = z.infer<typeof mergeUnitsRequestSchema>;

export const mergeUnitsResponseSchema = z
  .object({
    /** The merged unit as it is now: archived, `mergedInto` the kept one. */
    merged: unitSchema,
    kept: unitSchema,
    /** Records moved, by kind (conflicts follow their record's units too). */
    moved: z.object({
      session: z.number().int(),
      draft: z.number().int(),
      checklist: z.number().int(),
      submission: z.number().int(),
      comment: z.number().int(),
      attachment: z.number().int(),
      person: z.number().int(),
      conflict: z.number().int(),
    }) satisfies z.ZodType<Record<(typeof UNIT_REFERRING_KINDS)[number] | 'conflict', number>>,
    /** Accounts whose units named the merged unit (they now name the kept one). */
    accounts: z.number().int(),
  })
  .meta({ id: 'MergeUnitsResponse' });
export type MergeUnitsResponse = z.infer<typeof mergeUnitsResponseSchema>;
