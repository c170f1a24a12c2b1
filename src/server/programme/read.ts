/**
 * Reading a tenant's programme settings on the server, validated like every record read (apart from the seeding in
 * service.ts so the push, which reads the review flow, does not import the server's own writes).
 */
import type { Queryable } from '../db/types';
import { rowToRecord, type RecordRow } from '../sync/rows';
import { activeProgramme, reviewFlowOf } from '../../shared/domain/programme';
import { programmeSchema, type ProgrammeRecord, type ReviewFlow } from '../../shared/records';

/** The tenant's programme records, tombstones too, each validated on read (a row that does not validate is left out). */
export async function tenantProgrammes(tx: Queryable, tenantId: string): Promise<ProgrammeRecord[]> {
  const { rows } = await tx.query<RecordRow>(
    `SELECT * FROM sync_records WHERE tenant_id = $1 AND kind = 'programme' ORDER BY id`,
    [tenantId],
  );
  return rows.flatMap((row) => {
    const parsed = programmeSchema.safeParse(rowToRecord(row));
    return parsed.success ? [parsed.data] : [];
  });
}

/** The review flow in force for the tenant (the optional states off when it has no valid active programme). */
export async function tenantReviewFlow(tx: Queryable, tenantId: string): Promise<ReviewFlow> {
  return reviewFlowOf(activeProgramme(await tenantProgrammes(tx, tenantId)));
}
