/**
 * The tenant's programme settings as tenant data (issue #15): the kinds of unit it offers and the optional
 * states of its review flow, one record per programme year. The server seeds one when a tenant is created; the
 * phone and the server read the one in force with `activeProgramme`, and fall back to the shipped settings
 * (every unit kind, no optional review state) when there is none. Pure: no browser or Node imports.
 */
import type { BodyOf, ProgrammeRecord, ProgrammeUnitType, ReviewFlow } from '../records';
import { REVIEW_FLOW_OFF } from './review';
import { UNIT_TYPES, UNIT_TYPE_LABELS } from './unit-types';

/** The unit kinds shipped with the app, in picker order, as a programme lists them. */
export const SHIPPED_UNIT_TYPES: readonly ProgrammeUnitType[] = UNIT_TYPES.map((type) => ({
  type,
  ...UNIT_TYPE_LABELS[type],
}));

/** The programme record a new tenant starts with: active, for `year`, every unit kind, no optional state. */
export function shippedProgrammeBody(year: number): BodyOf<'programme'> {
  return {
    year,
    status: 'active',
    unitTypes: SHIPPED_UNIT_TYPES.map((u) => ({ ...u })),
    reviewFlow: { ...REVIEW_FLOW_OFF },
  };
}

/**
 * The programme in force: the active record of the latest year (tombstones left out; two active records of one
 * year, from two offline admins, are told apart by id so every device picks the same). Null: none yet.
 */
export function activeProgramme(records: readonly ProgrammeRecord[]): ProgrammeRecord | null {
  let found: ProgrammeRecord | null = null;
  for (const r of records) {
    if (r.deleted || r.status !== 'active') continue;
    if (!found || r.year > found.year || (r.year === found.year && r.id > found.id)) found = r;
  }
  return found;
}

/** The review flow in force (the optional states off without a programme record). */
export const reviewFlowOf = (programme: Pick<ProgrammeRecord, 'reviewFlow'> | null): ReviewFlow =>
  programme?.reviewFlow ?? REVIEW_FLOW_OFF;

/**
 * The unit kinds a picker offers: the programme's, plus `current` when the programme leaves it out (a unit
 * stored before keeps its kind when edited); the shipped list without a programme record.
 */
export function unitTypesOf(
  programme: Pick<ProgrammeRecord, 'unitTypes'> | null,
  current?: string,
): readonly ProgrammeUnitType[] {
  const listed = programme?.unitTypes ?? SHIPPED_UNIT_TYPES;
  if (current === undefined || listed.some((u) => u.type === current)) return listed;
  const shipped = SHIPPED_UNIT_TYPES.find((u) => u.type === current);
  return shipped ? [...listed, shipped] : listed;
}
