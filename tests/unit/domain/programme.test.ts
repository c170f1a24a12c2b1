/** The tenant's programme settings: the one in force, its review flow and unit kinds, the shipped fallback. */
import { describe, expect, it } from 'vitest';
import {
  SHIPPED_UNIT_TYPES,
  activeProgramme,
  reviewFlowOf,
  shippedProgrammeBody,
  unitTypesOf,
} from '../../../src/shared/domain/programme';
import { BODY_SCHEMAS, programmeSchema } from '../../../src/shared/records';
import { UNIT_TYPES } from '../../../src/shared/domain/unit-types';
import { aProgramme, aProgrammeBody } from '../../factories';

describe('programme settings', () => {
  it('seeds every unit kind and no optional review state, valid by the record schema', () => {
    const body = shippedProgrammeBody(2026);
    expect(BODY_SCHEMAS.programme.safeParse(body).success).toBe(true);
    expect(body.unitTypes.map((u) => u.type)).toEqual([...UNIT_TYPES]);
    expect(body.reviewFlow).toEqual({ headApproval: false, internalReview: false });
    expect(body.status).toBe('active');
  });

  it('refuses a bad year, no unit kind, a kind twice, an unknown kind, a missing switch', () => {
    const bad = [
      aProgrammeBody({ year: 1999 }),
      aProgrammeBody({ unitTypes: [] }),
      aProgrammeBody({ unitTypes: [SHIPPED_UNIT_TYPES[0]!, SHIPPED_UNIT_TYPES[0]!] }),
      { ...aProgrammeBody(), unitTypes: [{ type: 'kantor', id: 'Kantor', en: 'Office' }] },
      { ...aProgrammeBody(), reviewFlow: { headApproval: true } },
    ];
    for (const body of bad) expect(BODY_SCHEMAS.programme.safeParse(body).success).toBe(false);
    expect(programmeSchema.safeParse(aProgramme()).success).toBe(true);
  });

  it('puts in force the active record of the latest year, the same one on every device', () => {
    const old = aProgramme({ year: 2025 });
    const current = aProgramme({ year: 2026, reviewFlow: { headApproval: true, internalReview: false } });
    const retired = aProgramme({ year: 2027, status: 'retired' });
    const draft = aProgramme({ year: 2028, status: 'draft' });
    const deleted = aProgramme({ year: 2029, deleted: true });
    expect(activeProgramme([old, current, retired, draft, deleted])?.id).toBe(current.id);
    const twin = aProgramme({ year: 2026 });
    const winner = twin.id > current.id ? twin.id : current.id;
    expect(activeProgramme([current, twin])?.id).toBe(winner);
    expect(activeProgramme([twin, current])?.id).toBe(winner);
    expect(activeProgramme([])).toBeNull();
  });

  it('falls back to the shipped settings without a record', () => {
    expect(reviewFlowOf(null)).toEqual({ headApproval: false, internalReview: false });
    expect(unitTypesOf(null)).toEqual(SHIPPED_UNIT_TYPES);
  });

  it("offers the programme's unit kinds in its words, and a unit's own kind even when left out", () => {
    const programme = aProgramme({
      unitTypes: [
        { type: 'kecamatan', id: 'Kecamatan', en: 'District' },
        { type: 'puskesmas', id: 'Puskesmas', en: 'Health centre' },
      ],
    });
    expect(unitTypesOf(programme).map((u) => u.type)).toEqual(['kecamatan', 'puskesmas']);
    expect(unitTypesOf(programme, 'puskesmas').map((u) => u.id)).toEqual(['Kecamatan', 'Puskesmas']);
    expect(unitTypesOf(programme, 'rsud').map((u) => u.type)).toEqual(['kecamatan', 'puskesmas', 'rsud']);
  });
});
